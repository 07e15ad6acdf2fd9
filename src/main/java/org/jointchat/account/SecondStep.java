package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The second step of a sign-in with a password (two-factor sign-in, issue 23, item 3): the code is checked under the
 * same per-login lockout as the password ({@link LoginThrottle}) — a wrong code counts as a failed attempt, so
 * guessing codes locks the login like guessing passwords does. Used by the login page's second step and by
 * {@code POST /tokens} with {@code otp}.
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

    /** Checks the code of an account whose password was right a moment ago. */
    public Result verify(User user, String code) {
        String key = user.getLogin();
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
        return password != null && !password.isEmpty()
                && accounts.findById(userId).map(user -> hasher.verify(password, user.getPasswordHash())).orElse(false);
    }
}
