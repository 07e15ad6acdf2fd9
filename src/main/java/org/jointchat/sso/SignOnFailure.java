package org.jointchat.sso;

/**
 * Why a single sign-on did not end signed in, as a message key of the i18n bundles (with its arguments) for the
 * login page. The cause, if any, goes to the log, never to the page.
 */
public class SignOnFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String messageKey;
    private final transient Object[] arguments;

    public SignOnFailure(String messageKey, String logDetail, Throwable cause, Object... arguments) {
        super(logDetail, cause);
        this.messageKey = messageKey;
        this.arguments = arguments;
    }

    public SignOnFailure(String messageKey, String logDetail, Object... arguments) {
        this(messageKey, logDetail, null, arguments);
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
