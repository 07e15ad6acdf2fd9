package org.jointchat.message.scheduled;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jointchat.account.UserRef;

/**
 * The rows a sweep may send, and what it records of them, inside the sweep's transaction. The claim is
 * {@code FOR UPDATE SKIP LOCKED}: another instance's sweep (or a second one of this instance) skips rows that are
 * being sent, and edits and cancellations wait until the sending transaction has recorded the outcome. A crash
 * before the commit lets go of the lock with the row still pending: the next sweep takes it again.
 */
public final class ScheduledClaims {

    /** A due row with the author to send it as. */
    public record Claimed(UserRef author, ScheduledMessage message) {
    }

    private ScheduledClaims() {
    }

    /** Locks up to {@code limit} pending rows due at {@code upTo}, soonest first, skipping rows locked elsewhere. */
    public static List<Claimed> claimDue(Connection c, Instant upTo, int limit) throws SQLException {
        var claimed = new ArrayList<Claimed>();
        try (var select = c.prepareStatement("SELECT " + ScheduledMessage.COLUMNS + ", u.id, u.login, u.display_name"
                + " FROM scheduled_messages s JOIN users u ON u.id = s.author_id"
                + " WHERE s.state = 'pending' AND s.send_at <= ? ORDER BY s.send_at, s.id LIMIT ? FOR UPDATE OF s SKIP LOCKED")) {
            select.setObject(1, OffsetDateTime.ofInstant(upTo, ZoneOffset.UTC));
            select.setInt(2, limit);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new Claimed(new UserRef(rows.getLong(12), rows.getString(13), rows.getString(14)), ScheduledMessage.of(rows)));
                }
            }
        }
        return claimed;
    }

    /** The row became the message {@code seq}. */
    static void markSent(Connection c, long id, long seq) throws SQLException {
        finish(c, id, "sent", seq, null);
    }

    /** The row cannot be sent (the writer's refusal code): the author decides what to do with it. */
    static void markFailed(Connection c, long id, String failure) throws SQLException {
        finish(c, id, "failed", null, failure);
    }

    private static void finish(Connection c, long id, String state, Long seq, String failure) throws SQLException {
        try (var update = c.prepareStatement(
                "UPDATE scheduled_messages SET state = ?, sent_seq = ?, failure = ?, finished_at = now() WHERE id = ?")) {
            update.setString(1, state);
            update.setObject(2, seq);
            update.setString(3, failure);
            update.setLong(4, id);
            update.executeUpdate();
        }
    }
}
