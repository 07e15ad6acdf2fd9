package org.jointchat.account;

import java.time.Duration;

/** What a login attempt came to. A result rather than an exception: a failure must still commit its bookkeeping. */
public sealed interface AuthenticationResult {

    record Success(User user) implements AuthenticationResult {
    }

    /** Wrong login or password; deliberately does not say which. */
    record Invalid() implements AuthenticationResult {
    }

    /** The right password of an account an administrator deactivated: refused, and told so. */
    record Deactivated() implements AuthenticationResult {
    }

    /** Too many recent failures for this login: refused without looking at the password. */
    record Locked(Duration retryAfter) implements AuthenticationResult {
    }

    // Single sign-on (issue 23, item 2): the right password of an account linked to the identity provider while
    // local passwords are turned off for such accounts (jointchat.oidc.local-passwords=false).
    record PasswordsOff() implements AuthenticationResult {
    }
}
