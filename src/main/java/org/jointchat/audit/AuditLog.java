package org.jointchat.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import org.jointchat.platform.Jdbc;

/**
 * Who did what to whom, and when: every administration and moderation action is recorded here, in the same
 * transaction as the action itself (a JTA transaction joins {@link Jdbc}'s connection), so the log never
 * holds an action that did not happen nor misses one that did.
 */
@ApplicationScoped
public class AuditLog {

    public static final int PAGE_MAX = 200;
    private static final int DETAILS_MAX = 1000;

    @Inject
    Jdbc jdbc;

    /** One entry as the log shows it; {@code actor} is null for the machine's own command line. */
    public record Entry(long id, OffsetDateTime at, String actor, String action, String target, String details) {
    }

    /**
     * Records an action. {@code actor}: the login acting (null: the operator on the machine); {@code action}: a
     * dotted name such as {@code user.deactivate}; {@code target}: a login, {@code room:12} or {@code room:12/seq:40}.
     */
    public void record(String actor, String action, String target, String details) {
        String text = details == null ? "" : details;
        jdbc.update("INSERT INTO audit_log (actor, action, target, details) VALUES (?, ?, ?, ?)", actor, action, target,
                text.length() > DETAILS_MAX ? text.substring(0, DETAILS_MAX) : text);
    }

    /**
     * Records an action on a connection in a transaction of its own making (the message writer's), so that the
     * entry commits with the action.
     */
    public static void record(java.sql.Connection c, String actor, String action, String target, String details)
            throws java.sql.SQLException {
        String text = details == null ? "" : details;
        try (var insert = c.prepareStatement("INSERT INTO audit_log (actor, action, target, details) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, actor);
            insert.setString(2, action);
            insert.setString(3, target);
            insert.setString(4, text.length() > DETAILS_MAX ? text.substring(0, DETAILS_MAX) : text);
            insert.executeUpdate();
        }
    }

    /** The newest entries first, older than {@code beforeId} (null: from the newest), at most {@code limit}. */
    public List<Entry> page(Long beforeId, int limit) {
        return jdbc.list("""
                SELECT id, at, actor, action, target, details FROM audit_log
                 WHERE id < ? ORDER BY id DESC LIMIT ?""",
                row -> new Entry(row.getLong(1), row.getObject(2, OffsetDateTime.class), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6)),
                beforeId == null ? Long.MAX_VALUE : beforeId, Math.max(1, Math.min(PAGE_MAX, limit)));
    }

    /** How many entries the log holds. */
    public long count() {
        return jdbc.count("SELECT count(*) FROM audit_log");
    }
}
