package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jointchat.audit.AuditLog;
import org.jointchat.platform.Jdbc;

/**
 * Who may register: everyone (open), holders of an invite an administrator created (invite-only), or nobody
 * (closed). The mode is one row of {@code server_settings}, read on every registration (rare), so a change made on
 * any instance applies at once. Invites are random codes, stored as SHA-256, with an expiry and a use count.
 */
@ApplicationScoped
public class RegistrationPolicy {

    public enum Mode {
        OPEN, INVITE_ONLY, CLOSED;

        /** As the API and the database spell it: open, invite-only, closed. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Mode> ofWire(String text) {
            for (Mode mode : values()) {
                if (mode.wire().equals(text)) {
                    return Optional.of(mode);
                }
            }
            return Optional.empty();
        }
    }

    /** An invite as administrators see it (never its code, which is shown once). {@code id}: the code's hash. */
    public record Invite(String id, String createdBy, OffsetDateTime createdAt, OffsetDateTime expiresAt, int maxUses,
            int uses, OffsetDateTime revokedAt) {

        public boolean isUsable() {
            return revokedAt == null && uses < maxUses && expiresAt.isAfter(OffsetDateTime.now(ZoneOffset.UTC));
        }
    }

    /** A new invite with its code, which exists only in this answer. */
    public record NewInvite(String code, Invite invite) {
    }

    public static final int INVITE_MAX_USES = 10_000;
    public static final Duration INVITE_MAX_LIFETIME = Duration.ofDays(365);
    private static final int CODE_TEXT_MAX = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Jdbc jdbc;

    @Inject
    AuditLog audit;

    public Mode mode() {
        return jdbc.one("SELECT value FROM server_settings WHERE name = 'registration'", row -> row.getString(1))
                .flatMap(Mode::ofWire).orElse(Mode.OPEN);
    }

    /** Changes the mode; recorded in the audit log with the administrator who did it. */
    @Transactional
    public void changeMode(String actor, Mode mode) {
        Mode before = mode();
        jdbc.update("""
                INSERT INTO server_settings (name, value, changed_at) VALUES ('registration', ?, now())
                ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, changed_at = now()""", mode.wire());
        audit.record(actor, "registration.mode", null, before.wire() + " → " + mode.wire());
    }

    /** Refuses a registration at once when the mode does not allow it (called before anything is checked). */
    void checkOpen(String inviteCode) {
        switch (mode()) {
            case CLOSED -> throw new RegistrationRefusedException(RegistrationRefusedException.Reason.CLOSED);
            case INVITE_ONLY -> {
                if (inviteCode == null || inviteCode.isBlank()) {
                    throw new RegistrationRefusedException(RegistrationRefusedException.Reason.INVITE_REQUIRED);
                }
            }
            case OPEN -> {
                // everyone may register; an invite is not needed and not used
            }
        }
    }

    /**
     * In invite-only mode, counts one use of the invite (in the registration's transaction), or refuses the
     * registration when the invite is unknown, expired, revoked or used up. The row lock of the UPDATE makes two
     * registrations with the last use of one invite take turns: only one gets it.
     */
    void useInvite(String inviteCode) {
        if (mode() != Mode.INVITE_ONLY) {
            return;
        }
        String code = inviteCode == null ? "" : inviteCode.strip();
        int used = code.isEmpty() || code.length() > CODE_TEXT_MAX ? 0 : jdbc.update("""
                UPDATE invites SET uses = uses + 1
                 WHERE code_hash = ? AND revoked_at IS NULL AND expires_at > now() AND uses < max_uses""",
                TokenService.hashOf(code));
        if (used != 1) {
            throw new RegistrationRefusedException(RegistrationRefusedException.Reason.INVITE_INVALID);
        }
    }

    /** Creates an invite that registers up to {@code maxUses} accounts until {@code lifetime} has passed. */
    @Transactional
    public NewInvite createInvite(String actor, Duration lifetime, int maxUses) {
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(INVITE_MAX_LIFETIME) > 0) {
            throw new InvalidInputException(List.of(new FieldError("expiresInHours", "admin.invite.lifetimeInvalid")));
        }
        if (maxUses < 1 || maxUses > INVITE_MAX_USES) {
            throw new InvalidInputException(List.of(new FieldError("maxUses", "admin.invite.usesInvalid")));
        }
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String hash = TokenService.hashOf(code);
        var expires = OffsetDateTime.now(ZoneOffset.UTC).plus(lifetime);
        jdbc.update("""
                INSERT INTO invites (code_hash, created_by, expires_at, max_uses)
                SELECT ?, (SELECT id FROM users WHERE login = ?), ?, ?""", hash, actor, expires, maxUses);
        audit.record(actor, "invite.create", "invite:" + shortId(hash), maxUses + " uses, expires " + expires.withNano(0));
        return new NewInvite(code, invite(hash).orElseThrow());
    }

    /** Ends an invite at once; false when there is no such invite (or it was revoked already). */
    @Transactional
    public boolean revokeInvite(String actor, String id) {
        if (id == null || !id.matches("[0-9a-f]{64}")) {
            return false;
        }
        boolean revoked = jdbc.update("UPDATE invites SET revoked_at = now() WHERE code_hash = ? AND revoked_at IS NULL", id) == 1;
        if (revoked) {
            audit.record(actor, "invite.revoke", "invite:" + shortId(id), "");
        }
        return revoked;
    }

    /** The newest invites first (usable or not), at most {@code limit}. */
    public List<Invite> invites(int limit) {
        return jdbc.list(SELECT_INVITE + " ORDER BY i.created_at DESC LIMIT ?", RegistrationPolicy::invite,
                Math.max(1, Math.min(500, limit)));
    }

    private Optional<Invite> invite(String hash) {
        return jdbc.one(SELECT_INVITE + " WHERE i.code_hash = ?", RegistrationPolicy::invite, hash);
    }

    private static final String SELECT_INVITE = """
            SELECT i.code_hash, u.login, i.created_at, i.expires_at, i.max_uses, i.uses, i.revoked_at
              FROM invites i LEFT JOIN users u ON u.id = i.created_by""";

    private static Invite invite(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Invite(row.getString(1), row.getString(2), row.getObject(3, OffsetDateTime.class),
                row.getObject(4, OffsetDateTime.class), row.getInt(5), row.getInt(6), row.getObject(7, OffsetDateTime.class));
    }

    /** How the audit log names an invite: the start of its hash (enough to tell invites apart, useless to register). */
    public static String shortId(String hash) {
        return hash.substring(0, 12);
    }
}
