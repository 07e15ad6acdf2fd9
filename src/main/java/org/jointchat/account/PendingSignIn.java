package org.jointchat.account;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;

/**
 * A password that was right for an account that also needs a second factor: kept in the (not yet signed-in)
 * session for a few minutes while the login page asks for the second step. Not a sign-in: nothing is allowed
 * with it but finishing the second step, which signs in through a {@link VerifiedSignIn}.
 *
 * @param login              the account
 * @param credentialsVersion the account's credentials version when the password was checked (a change meanwhile voids it)
 * @param rememberMe         "keep me signed in" as asked at the first step
 * @param since              when the password was checked (ms)
 */
public record PendingSignIn(String login, int credentialsVersion, boolean rememberMe, long since) implements Serializable {

    /** How long the second step may take. */
    public static final long VALID_MS = 5 * 60_000L;

    private static final String ATTRIBUTE = "org.jointchat.pendingSignIn";

    public static void start(HttpSession session, String login, int credentialsVersion, boolean rememberMe) {
        session.setAttribute(ATTRIBUTE, new PendingSignIn(login, credentialsVersion, rememberMe, System.currentTimeMillis()));
    }

    /** The pending sign-in of this session if there is one still valid, else null. */
    public static PendingSignIn of(HttpSession session) {
        if (session != null && session.getAttribute(ATTRIBUTE) instanceof PendingSignIn pending) {
            if (System.currentTimeMillis() - pending.since() <= VALID_MS) {
                return pending;
            }
            session.removeAttribute(ATTRIBUTE);
        }
        return null;
    }

    public static void clear(HttpSession session) {
        if (session != null) {
            session.removeAttribute(ATTRIBUTE);
        }
    }
}
