package org.jointchat.account;

import java.util.List;
import java.util.Locale;
import org.jointchat.api.Problem;
import org.jointchat.api.ProblemSource;
import org.jointchat.api.ProblemType;
import org.jointchat.platform.Messages;

/** Another account already has this login (ignoring case). */
public class LoginTakenException extends RuntimeException implements ProblemSource {

    public LoginTakenException(String login) {
        super("Login taken: " + login);
    }

    @Override
    public ProblemType problemType() {
        return ProblemType.CONFLICT_LOGIN_TAKEN;
    }

    @Override
    public String problemDetail(Locale locale) {
        return null;
    }

    @Override
    public List<Problem.FieldProblem> problemFields(Locale locale) {
        return List.of(new Problem.FieldProblem("login", Messages.get(locale, "account.login.taken")));
    }
}
