package org.jointchat.account;

import java.util.Locale;
import org.jointchat.api.ProblemSource;
import org.jointchat.api.ProblemType;
import org.jointchat.platform.Messages;

/** The registration mode refuses a registration: closed, or invite-only without a usable invite. */
public class RegistrationRefusedException extends RuntimeException implements ProblemSource {

    /** Why; each has its own problem type and message. */
    public enum Reason {
        CLOSED("registration.closed"),
        INVITE_REQUIRED("registration.inviteRequired"),
        INVITE_INVALID("registration.inviteInvalid");

        private final String messageKey;

        Reason(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private final Reason reason;

    public RegistrationRefusedException(Reason reason) {
        super(reason.name());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public ProblemType problemType() {
        return switch (reason) {
            case CLOSED -> ProblemType.REGISTRATION_CLOSED;
            case INVITE_REQUIRED -> ProblemType.INVITE_REQUIRED;
            case INVITE_INVALID -> ProblemType.INVITE_INVALID;
        };
    }

    @Override
    public String problemDetail(Locale locale) {
        return Messages.get(locale, reason.messageKey());
    }
}
