package org.jointchat.account;

/**
 * Checks a code typed at the second step of a sign-in (a TOTP code or a recovery code) and uses it up, so that it
 * cannot be used again. Implemented by the two-factor package ({@code twofactor.TotpService}); the sign-in here
 * needs only this.
 */
public interface OneTimeCodes {

    /** What a code turned out to be. {@code method}: how the sign-in was verified (for {@link VerifiedSignIn}). */
    enum Check {
        TOTP("totp"), RECOVERY_CODE("recovery-code"), WRONG(null), REPLAYED(null);

        private final String method;

        Check(String method) {
            this.method = method;
        }

        public String method() {
            return method;
        }

        public boolean accepted() {
            return method != null;
        }
    }

    /** Checks the code for the account and, when it is right, marks it used (atomically: a second use is REPLAYED). */
    Check check(long userId, String code);
}
