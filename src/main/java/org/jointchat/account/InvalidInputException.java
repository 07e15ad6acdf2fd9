package org.jointchat.account;

import java.util.List;
import java.util.Locale;
import org.jointchat.api.Problem;
import org.jointchat.api.ProblemSource;
import org.jointchat.api.ProblemType;
import org.jointchat.platform.Messages;

/** Input broke one or more rules; nothing was written. */
public class InvalidInputException extends RuntimeException implements ProblemSource {

    private final transient List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super("Invalid input: " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public ProblemType problemType() {
        return ProblemType.VALIDATION;
    }

    @Override
    public String problemDetail(Locale locale) {
        return null;
    }

    @Override
    public List<Problem.FieldProblem> problemFields(Locale locale) {
        return errors.stream()
                .map(e -> new Problem.FieldProblem(e.field(), Messages.get(locale, e.messageKey())))
                .toList();
    }
}
