package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The second step of a sign-in with a password (two-factor sign-in, issue 23, item 3): wrong codes are counted by
 * {@link LoginThrottle} under a key of their own ({@code 2fa:<login>}) that only an accepted second factor clears —
 * a right password does not, so knowing the password gives no unlimited guesses at the code. Used by the login
 * page's second step, by {@code POST /tokens} with {@code otp} (checked before the password is looked at) and by the
 * proofs asked before changing a second factor.
 */
@ApplicationScoped
public class SecondStep {

    /** How a second step ended. */
    public sealed interface Result {
    }

    /** Right: sign in, verified by {@code method} ("totp", "recovery-code"). */
    public record Accepted(String method) implements Result {
    }

    public record Wrong() implements Result {
    }

    /** A code (time step or recovery code) this account has used already. */
    public record Replayed() implements Result {
    }

    public record Locked(Duration retryAfter) implements Result {
    }

    /** The pending sign-in is gone: timed out, the password changed, or the account was deactivated. */
    public record Expired() implements Result {
    }

    @Inject
    LoginThrottle throttle;

    @Inject
    AccountService accounts;

    @Inject
    Instance<OneTimeCodes> codes;

    @Inject
    PasswordHasher hasher;

    /** Checks the code for the account of a pending sign-in (which must still be valid). */
    public Result verify(PendingSignIn pending, String code) {
        if (pending == null || accounts.credentialsVersion(pending.login()) != pending.credentialsVersion()) {
            return new Expired();
        }
        var user = accounts.findByLogin(pending.login());
        if (user.isEmpty() || user.get().isDeactivated()) {
            return new Expired();
        }
        return verify(user.get(), code);
    }

    /** The lockout key of an account's second factor: separate from the password's, cleared by an accepted factor only. */
    public static String throttleKey(String login) {
        String key = "2fa:" + Registration.normalizeLogin(login);
        return key.length() > AccountService.LOGIN_KEY_MAX ? key.substring(0, AccountService.LOGIN_KEY_MAX) : key;
    }

    /** How long the login's second factor stays locked after too many wrong codes, if it is. */
    public java.util.Optional<Duration> locked(String login) {
        return login == null ? java.util.Optional.empty() : throttle.check(throttleKey(login));
    }

    /** An accepted second factor that was no code (a passkey) clears the wrong codes counted so far. */
    public void accepted(String login) {
        throttle.settle(throttleKey(login), true);
    }

    /** Checks the code of an account whose password was right a moment ago. */
    public Result verify(User user, String code) {
        String key = throttleKey(user.getLogin());
        var locked = throttle.check(key);
        if (locked.isPresent()) {
            return new Locked(locked.get());
        }
        var check = codes.isUnsatisfied() ? OneTimeCodes.Check.WRONG : codes.get().check(user.getId(), code == null ? "" : code.strip());
        var lockedNow = throttle.settle(key, check.accepted());
        if (lockedNow.isPresent()) {
            return new Locked(lockedNow.get());
        }
        if (check.accepted()) {
            return new Accepted(check.method());
        }
        return check == OneTimeCodes.Check.REPLAYED ? new Replayed() : new Wrong();
    }

    /**
     * Whether this is the signed-in account's password: proof, besides a current code, for turning a second factor
     * off or replacing the recovery codes (a session left open is not enough).
     */
    public boolean passwordIsRight(long userId, String password) {
        if (password == null || password.isEmpty() || password.length() > Registration.PASSWORD_MAX * 2) {
            return false;
        }
        var user = accounts.findById(userId);
        if (user.isEmpty()) {
            return false;
        }
        // Under the password's own lockout (issue 23 review): a session left open gives no unlimited guesses.
        String key = AccountService.loginKey(user.get().getLogin());
        var locked = throttle.check(key);
        if (locked.isPresent()) {
            throw new org.jointchat.platform.TooManyRequestsException("too many failed attempts for this login", locked.get());
        }
        boolean valid = hasher.verify(password, user.get().getPasswordHash());
        var lockedNow = throttle.settle(key, valid);
        if (lockedNow.isPresent()) {
            throw new org.jointchat.platform.TooManyRequestsException("too many failed attempts for this login", lockedNow.get());
        }
        return valid;
    }

    /** The code of a signed-in account (proof before changing its factors): counted like a second step; 429 when locked. */
    public boolean codeIsRight(User user, String code) {
        var result = verify(user, code);
        if (result instanceof Locked locked) {
            throw new org.jointchat.platform.TooManyRequestsException("too many wrong codes for this login", locked.retryAfter());
        }
        return result instanceof Accepted;
    }
}
