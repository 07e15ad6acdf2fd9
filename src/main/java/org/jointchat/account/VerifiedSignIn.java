package org.jointchat.account;

import jakarta.security.enterprise.credential.Credential;
import java.util.Set;

/**
 * A sign-in the application has already verified by other means than a password: a second factor after the
 * password (TOTP, a passkey), a password-less passkey, or an OpenID Connect provider. Only server code can make
 * one (it is an object handed to {@code SecurityContext.authenticate}, never read from a request), and
 * {@link SessionOrTokenAuthentication} turns it into a signed-in session like a form login does.
 *
 * @param login      the account, as stored (lower case)
 * @param method     how it was verified: "totp", "recovery-code", "passkey", "oidc" (for the audit and the log)
 * @param rememberMe whether "keep me signed in" was asked for at the first step
 */
public record VerifiedSignIn(String login, String method, boolean rememberMe) implements Credential {

    /** A password reset link followed (it proves the mailbox, standing for the password, not for a second factor). */
    public static final String PASSWORD_RESET = "password-reset";

    /**
     * Methods that stand for the password only (an identity provider's sign-in, a reset link): an account with a second factor
     * still has to give it (PendingSignIn, the second step). A second factor or a passkey is not one of them.
     */
    public static final Set<String> FIRST_FACTOR_METHODS = Set.of("oidc", PASSWORD_RESET);
}
