package org.jointchat.email;

import java.util.List;
import java.util.Locale;
import org.jointchat.api.Problem;
import org.jointchat.api.ProblemSource;
import org.jointchat.api.ProblemType;
import org.jointchat.platform.Messages;

/**
 * An address that cannot be set: e-mail is off on this server ({@code mail-off}), or the address is another
 * account's verified one ({@code email-unavailable}; said without naming the account). Nothing was changed.
 */
public class EmailProblem extends RuntimeException implements ProblemSource {

    private final ProblemType type;
    private final String messageKey;

    private EmailProblem(ProblemType type, String messageKey) {
        super(messageKey);
        this.type = type;
        this.messageKey = messageKey;
    }

    static EmailProblem mailOff() {
        return new EmailProblem(ProblemType.MAIL_OFF, "email.off");
    }

    static EmailProblem unavailable() {
        return new EmailProblem(ProblemType.EMAIL_UNAVAILABLE, "email.unavailable");
    }

    /** The bundle key of the user-facing text. */
    public String messageKey() {
        return messageKey;
    }

    @Override
    public ProblemType problemType() {
        return type;
    }

    @Override
    public String problemDetail(Locale locale) {
        return Messages.get(locale, messageKey);
    }

    @Override
    public List<Problem.FieldProblem> problemFields(Locale locale) {
        return type == ProblemType.EMAIL_UNAVAILABLE ? List.of(new Problem.FieldProblem("email", Messages.get(locale, messageKey))) : List.of();
    }
}
