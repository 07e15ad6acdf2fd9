package org.jointchat.email;

import java.util.List;
import java.util.Locale;
import org.jointchat.api.Problem;
import org.jointchat.api.ProblemSource;
import org.jointchat.api.ProblemType;
import org.jointchat.platform.Messages;

/** An e-mail link that cannot be used (expired, used, unknown): nothing was changed. */
public class LinkException extends RuntimeException implements ProblemSource {

    private final LinkState state;

    public LinkException(LinkState state) {
        super("e-mail link " + state);
        this.state = state;
    }

    public LinkState state() {
        return state;
    }

    @Override
    public ProblemType problemType() {
        return switch (state) {
            case EXPIRED -> ProblemType.LINK_EXPIRED;
            case USED -> ProblemType.LINK_USED;
            default -> ProblemType.LINK_INVALID;
        };
    }

    @Override
    public String problemDetail(Locale locale) {
        return Messages.get(locale, "email.link." + state.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public List<Problem.FieldProblem> problemFields(Locale locale) {
        return List.of();
    }
}
