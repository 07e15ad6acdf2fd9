package org.jointchat.account;

/** The registration mode refuses a registration: closed, or invite-only without a usable invite. */
public class RegistrationRefusedException extends RuntimeException {

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
}
