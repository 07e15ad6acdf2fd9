package org.jointchat.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jointchat.account.AccountStanding;
import org.jointchat.account.CredentialsChanged;
import org.jointchat.account.FieldError;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.PasswordHasher;
import org.jointchat.account.Registration;
import org.jointchat.account.TokenService;
import org.jointchat.account.UserRef;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.audit.AuditLog;
import org.jointchat.platform.Jdbc;

/**
 * What administrators do to accounts. Each action runs in one transaction with its audit entry. Ending a user's
 * sign-ins reuses the password change's machinery: the credentials version goes up (every session from before
 * ends on its next request), the tokens are deleted, and {@link CredentialsChanged} is fired, which deletes the
 * remembered sign-ins in this transaction and, after the commit, closes the user's sockets here and on every
 * other instance of a cluster.
 */
@ApplicationScoped
public class UserAdministration {

    public static final int PAGE_MAX = 100;
    private static final String TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int TEMPORARY_LENGTH = 14;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Jdbc jdbc;

    @Inject
    AuditLog audit;

    @Inject
    AccountStanding standing;

    @Inject
    TokenService tokens;

    @Inject
    PasswordHasher hasher;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    /** Users whose login or display name contains the query (ignoring case), by login; deactivated ones too. */
    public List<ManagedUser> search(String query, int offset, int limit) {
        return jdbc.list(SELECT_USER + """
                 WHERE login LIKE ? ESCAPE '\\' OR lower(display_name) LIKE ? ESCAPE '\\'
                 ORDER BY login OFFSET ? LIMIT ?""", UserAdministration::user, pattern(query), pattern(query),
                Math.max(0, offset), Math.max(1, Math.min(PAGE_MAX, limit)));
    }

    /** How many users {@link #search} finds in all. */
    public long count(String query) {
        return jdbc.count("SELECT count(*) FROM users WHERE login LIKE ? ESCAPE '\\' OR lower(display_name) LIKE ? ESCAPE '\\'",
                pattern(query), pattern(query));
    }

    public Optional<ManagedUser> find(String login) {
        return login == null ? Optional.empty()
                : jdbc.one(SELECT_USER + " WHERE login = ?", UserAdministration::user, login.strip().toLowerCase(Locale.ROOT));
    }

    /** Deactivates an account: every sign-in ends at once and none is accepted until it is reactivated. Messages stay. */
    @Transactional
    public void deactivate(String actor, String login) {
        var admins = lockActiveAdministrators();
        var user = lockUser(login);
        if (user.deactivatedAt() != null) {
            return; // already deactivated: nothing happens, nothing is recorded
        }
        refuseLastAdministrator(admins, user);
        standing.deactivate(user.id());
        endSignIns(user, false);
        audit.record(actor, "user.deactivate", user.login(), "");
    }

    @Transactional
    public void reactivate(String actor, String login) {
        var user = lockUser(login);
        if (user.deactivatedAt() == null) {
            return;
        }
        standing.reactivate(user.id());
        // Nothing is signed in to end; this drops what every instance cached about the account ("deactivated").
        endSignIns(user, false);
        audit.record(actor, "user.reactivate", user.login(), "");
    }

    /** Ends every session, token, remembered sign-in and socket of the user; they may sign in again. */
    @Transactional
    public void endSessions(String actor, String login) {
        var user = lockUser(login);
        endSignIns(user, false);
        audit.record(actor, "user.sessions.end", user.login(), "");
    }

    /**
     * Sets a temporary password ({@code given}, or a generated one when null or blank) that must be changed at the
     * next sign-in; every sign-in of the user ends. Returns the password, which nobody can read again.
     */
    @Transactional
    public String setTemporaryPassword(String actor, String login, String given) {
        boolean generated = given == null || given.isBlank();
        String password = generated ? generate() : given;
        var user = lockUser(login);
        var violations = Registration.of(user.login(), "-", password).violations();
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations.stream().map(e -> new FieldError("password", e.messageKey())).toList());
        }
        standing.setTemporaryPassword(user.id(), hasher.hash(password));
        endSignIns(user, true);
        audit.record(actor, "user.password.temporary", user.login(), generated ? "generated" : "given by the administrator");
        return password;
    }

    @Transactional
    public void grantAdmin(String actor, String login) {
        var user = lockUser(login);
        if (user.admin()) {
            return;
        }
        standing.setAdmin(user.id(), true);
        audit.record(actor, "user.admin.grant", user.login(), "");
    }

    @Transactional
    public void revokeAdmin(String actor, String login) {
        var admins = lockActiveAdministrators();
        var user = lockUser(login);
        if (!user.admin()) {
            return;
        }
        refuseLastAdministrator(admins, user);
        standing.setAdmin(user.id(), false);
        audit.record(actor, "user.admin.revoke", user.login(), "");
    }

    /** The row of a user, locked for this transaction; 404 problem when there is none. */
    private Target lockUser(String login) {
        String key = login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
        return jdbc.one("""
                SELECT id, login, display_name, is_admin, deactivated_at IS NOT NULL, credentials_version
                  FROM users WHERE login = ? FOR UPDATE""",
                row -> new Target(row.getLong(1), row.getString(2), row.getString(3), row.getBoolean(4),
                        row.getBoolean(5) ? OffsetDateTime.MIN : null, row.getInt(6)), key)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "admin.user.notFound", key));
    }

    /**
     * The active administrators, their rows locked (always before the target's row, in id order): two revocations
     * or deactivations at once take turns, so they cannot both take the role from the last two.
     */
    private List<Long> lockActiveAdministrators() {
        return jdbc.list("SELECT id FROM users WHERE is_admin AND deactivated_at IS NULL ORDER BY id FOR UPDATE",
                row -> row.getLong(1));
    }

    /** Refuses to take the role from the last active administrator (by revoking or deactivating). */
    private static void refuseLastAdministrator(List<Long> active, Target user) {
        if (active.size() <= 1 && active.contains(user.id())) {
            throw new ProblemException(ProblemType.LAST_ADMINISTRATOR, "admin.lastAdministrator");
        }
    }

    private void endSignIns(Target user, boolean passwordChanged) {
        standing.endSignIns(user.id());
        tokens.revokeAllExcept(user.id(), null);
        credentialsChanged.fire(new CredentialsChanged(new UserRef(user.id(), user.login(), user.displayName()),
                user.credentialsVersion() + 1, passwordChanged));
    }

    private static String generate() {
        var text = new StringBuilder(TEMPORARY_LENGTH);
        for (int i = 0; i < TEMPORARY_LENGTH; i++) {
            text.append(TEMPORARY_ALPHABET.charAt(RANDOM.nextInt(TEMPORARY_ALPHABET.length())));
        }
        return text.toString();
    }

    private static String pattern(String query) {
        return "%" + (query == null ? "" : query.strip().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
    }

    private record Target(long id, String login, String displayName, boolean admin, OffsetDateTime deactivatedAt,
            int credentialsVersion) {
    }

    private static final String SELECT_USER = """
            SELECT login, display_name, is_admin, deactivated_at, must_change_password, created_at, last_seen_at FROM users
            """;

    private static ManagedUser user(ResultSet row) throws SQLException {
        return new ManagedUser(row.getString(1), row.getString(2), row.getBoolean(3), row.getObject(4, OffsetDateTime.class),
                row.getBoolean(5), row.getObject(6, OffsetDateTime.class), row.getObject(7, OffsetDateTime.class));
    }
}
