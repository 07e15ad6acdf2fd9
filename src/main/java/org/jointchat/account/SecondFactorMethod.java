package org.jointchat.account;

/**
 * One kind of second factor an account may have (TOTP, passkeys): each feature package provides a CDI bean, and
 * {@link SecondFactors} asks them all, so the sign-in, the profile and the admin pages need not know them by name.
 */
public interface SecondFactorMethod {

    /** A stable name: "totp", "passkey" (also the i18n key suffix {@code account.secondFactor.<name>}). */
    String name();

    /** Whether the account has this factor set up (a sign-in with its password then needs a second step). */
    boolean enabledFor(long userId);

    /** Removes this factor from the account (an administrator's reset); the caller writes the audit entry. */
    void reset(long userId);
}
