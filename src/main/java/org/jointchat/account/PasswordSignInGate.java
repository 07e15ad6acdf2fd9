package org.jointchat.account;

/**
 * A feature that may refuse a right password (single sign-on: an account linked to the identity provider while
 * local passwords are turned off). Asked only after the password was verified, so that a refusal tells nothing to
 * someone who does not know it. CDI beans of other packages implement it; this package knows none of them.
 */
public interface PasswordSignInGate {

    /** Whether this account may sign in with its (already verified) password. */
    boolean allowsPassword(User user);
}
