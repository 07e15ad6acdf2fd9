package org.jointchat.twofactor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.account.FieldError;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.OneTimeCodes;
import org.jointchat.account.SecondStep;
import org.jointchat.account.SecondFactorMethod;
import org.jointchat.platform.Jdbc;

/**
 * An account's TOTP second factor and its recovery codes (tables {@code totp_secrets}, {@code recovery_codes}, V22).
 * Enrolment stores a new secret unconfirmed; it counts only once a code made from it has been typed. Every accepted
 * code raises the account's last used time step in one conditional UPDATE, so a code (and any older one) works once
 * even when two sign-ins race; a recovery code is marked used the same way.
 */
@ApplicationScoped
public class TotpService implements SecondFactorMethod, OneTimeCodes {

    private static final Logger LOG = Logger.getLogger(TotpService.class.getName());

    /** A started enrolment: the secret (Base32, to type in) and the otpauth:// URI the QR code carries. */
    public record Enrolment(String secret, String uri) {
    }

    /** Whether TOTP is on, and how many unused recovery codes are left. */
    public record Status(boolean enabled, int recoveryCodesLeft) {
    }

    @Inject
    Jdbc jdbc;

    @Inject
    SecretSealing sealing;

    @Inject
    SecondStep secondStep;

    @Inject
    org.jointchat.account.AddressLimits limits;

    @Inject
    org.jointchat.account.AccountService accounts;

    @Inject
    org.jointchat.account.RecentProof recentProof;

    @Inject
    org.jointchat.account.OtherSignIns otherSignIns;

    @Inject
    org.jointchat.account.TwoFactorPolicy policy;

    /** The current request (CDI's built-in bean): its client address and its session. */
    @Inject
    jakarta.servlet.http.HttpServletRequest request;

    /** The name authenticator apps show above the account ("JointChat: alice"). */
    @Inject
    @ConfigProperty(name = "jointchat.two-factor.issuer", defaultValue = "JointChat")
    String issuer;

    @Override
    public String name() {
        return "totp";
    }

    @Override
    public boolean enabledFor(long userId) {
        return jdbc.count("SELECT count(*) FROM totp_secrets WHERE user_id = ? AND confirmed_at IS NOT NULL", userId) > 0;
    }

    public Status status(long userId) {
        return new Status(enabledFor(userId),
                (int) jdbc.count("SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL", userId));
    }

    /** The user turning TOTP off: refused while the policy covers them and it is their only factor; then {@link #reset}. */
    @Transactional
    public void turnOff(long userId) {
        accounts.findById(userId).ifPresent(policy::refuseRemovingLastFactor);
        reset(userId);
    }

    /** Removes TOTP and the recovery codes (an administrator's reset, or the user turning it off). */
    @Override
    @Transactional
    public void reset(long userId) {
        jdbc.update("DELETE FROM recovery_codes WHERE user_id = ?", userId);
        jdbc.update("DELETE FROM totp_secrets WHERE user_id = ?", userId);
    }

    /** A new secret, not yet in force (an earlier unconfirmed one is replaced); refused when TOTP is on already. */
    @Transactional
    public Enrolment startEnrolment(long userId, String login) {
        byte[] secret = Totp.newSecret();
        int stored = jdbc.update("""
                INSERT INTO totp_secrets (user_id, secret) VALUES (?, ?)
                ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, last_used_step = 0, created_at = now()
                 WHERE totp_secrets.confirmed_at IS NULL""", userId, sealing.seal(secret, userId));
        if (stored != 1) {
            throw new InvalidInputException(List.of(new FieldError("code", "twofactor.alreadyOn")));
        }
        return new Enrolment(Base32.encode(secret), uri(login, secret));
    }

    /** Turns TOTP on when the code is one of the started enrolment's; returns the new recovery codes (shown once). */
    @Transactional
    public List<String> confirm(long userId, String code) {
        var secret = jdbc.one("SELECT secret FROM totp_secrets WHERE user_id = ? AND confirmed_at IS NULL FOR UPDATE",
                row -> row.getString(1), userId)
                .orElseThrow(() -> new InvalidInputException(List.of(new FieldError("code", "twofactor.noEnrolment"))));
        var step = Totp.matchingStep(sealing.open(secret, userId), digits(code), Totp.currentStep());
        if (step.isEmpty()) {
            throw new InvalidInputException(List.of(new FieldError("code", "twofactor.codeWrong")));
        }
        jdbc.update("UPDATE totp_secrets SET confirmed_at = now(), last_used_step = ? WHERE user_id = ?", step.getAsLong(), userId);
        otherSignIns.end(userId); // a sign-in remembered before this factor ends (issue 23 review, authfix)
        return newRecoveryCodes(userId);
    }

    /** Ten new recovery codes in place of the old ones (used or not); shown once. */
    @Transactional
    public List<String> newRecoveryCodes(long userId) {
        jdbc.update("DELETE FROM recovery_codes WHERE user_id = ?", userId);
        var codes = RecoveryCodes.generate();
        for (String code : codes) {
            jdbc.update("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)", userId,
                    RecoveryCodes.hash(userId, RecoveryCodes.normalize(code)));
        }
        return codes;
    }

    @Override
    public Check check(long userId, String code) {
        String digits = digits(code);
        if (digits.length() == Totp.DIGITS && digits.chars().allMatch(Character::isDigit)) {
            return checkTotp(userId, digits);
        }
        String recovery = RecoveryCodes.normalize(code);
        if (!RecoveryCodes.looksLikeOne(recovery)) {
            return Check.WRONG;
        }
        String hash = RecoveryCodes.hash(userId, recovery);
        if (jdbc.update("UPDATE recovery_codes SET used_at = now() WHERE user_id = ? AND code_hash = ? AND used_at IS NULL", userId, hash) == 1) {
            return Check.RECOVERY_CODE;
        }
        return jdbc.count("SELECT count(*) FROM recovery_codes WHERE user_id = ? AND code_hash = ?", userId, hash) > 0
                ? Check.REPLAYED : Check.WRONG;
    }

    private Check checkTotp(long userId, String digits) {
        var secret = jdbc.one("SELECT secret FROM totp_secrets WHERE user_id = ? AND confirmed_at IS NOT NULL", row -> row.getString(1), userId);
        if (secret.isEmpty()) {
            return Check.WRONG;
        }
        byte[] key;
        try {
            key = sealing.open(secret.get(), userId);
        } catch (IllegalStateException e) {
            // The key was lost or changed (docs/operations.md): refused like a wrong code, not a 500; recovery codes
            // still sign in, and an administrator's reset lets the user enrol again.
            LOG.log(Level.SEVERE, "The TOTP secret of user " + userId + " cannot be opened: " + e.getMessage());
            return Check.WRONG;
        }
        var step = Totp.matchingStep(key, digits, Totp.currentStep());
        if (step.isEmpty()) {
            return Check.WRONG;
        }
        // Atomic: of two sign-ins with one code, only one raises the step.
        int used = jdbc.update("UPDATE totp_secrets SET last_used_step = ? WHERE user_id = ? AND confirmed_at IS NOT NULL AND last_used_step < ?",
                step.getAsLong(), userId, step.getAsLong());
        return used == 1 ? Check.TOTP : Check.REPLAYED;
    }

    /**
     * Asks for proof that the signed-in user is who set TOTP up before it is turned off or its recovery codes are
     * replaced: a current code (used up) or the account's password.
     */
    public void proveOwner(long userId, String code, String password) {
        limits.signIn(request); // per address, before any hashing
        if (code != null && !code.isBlank()) {
            // Under the second factor's lockout; 429 (TooManyRequestsException) when locked.
            var user = accounts.findById(userId);
            if (user.isPresent() && secondStep.codeIsRight(user.get(), code)) {
                recentProof.mark(request);
                return;
            }
        }
        if (password != null && !password.isEmpty() && secondStep.passwordIsRight(userId, password)) { // the password's lockout
            recentProof.mark(request);
            return;
        }
        throw new InvalidInputException(List.of(new FieldError("code", "twofactor.proofWrong")));
    }

    /** A code as typed ("123 456") to its digits; anything else unchanged. */
    private static String digits(String code) {
        String text = code == null ? "" : code.strip();
        String compact = text.replace(" ", "");
        return compact.chars().allMatch(Character::isDigit) ? compact : text;
    }

    /** The Key Uri Format authenticator apps read from the QR code. */
    String uri(String login, byte[] secret) {
        String label = encode(issuer) + ":" + encode(login);
        return "otpauth://totp/" + label + "?secret=" + Base32.encode(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
