package org.jointchat.missed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The users a sweep may mail now and what it tells them, inside the sweep's transaction. A user is due when their
 * setting is not {@code never}, they have a verified address, are active, not in do-not-disturb, and some direct
 * message or mention of theirs is unread, older than the delay (sent at or before {@code cutoff}) and newer than
 * their mark. The claim is {@code FOR UPDATE SKIP LOCKED} on the user's {@code email_notifications} row: another
 * instance's sweep skips a user being mailed, and reads the moved mark once that transaction commits.
 */
public final class MissedMessageClaims {

    /** Messages older than this are never mailed (a do-not-disturb lasts 30 days at most); bounds every scan. */
    static final Duration LOOKBACK = Duration.ofDays(31);

    /** A claimed user: where to write and in which language. */
    public record Recipient(long userId, String login, String displayName, String email, EmailNotificationMode mode, Locale language) {
    }

    /**
     * The messages of user {@code %1$s} that are due: unread direct messages (messages of the user's direct rooms
     * past their read mark) and unread mentions, by others, not deleted, no system lines, not read in their thread,
     * sent in (mark, cutoff] and not before the address was verified. Parameters: cutoff, lookback start.
     */
    private static final String DUE = """
            msg.id IN (SELECT x.id FROM memberships m
                         JOIN rooms dr ON dr.id = m.room_id AND dr.kind = 'direct' AND dr.last_seq > m.last_read_seq
                         JOIN messages x ON x.room_id = m.room_id AND x.seq > m.last_read_seq
                        WHERE m.user_id = %1$s
                       UNION ALL
                       SELECT x.id FROM mentions mn
                         JOIN memberships m ON m.room_id = mn.room_id AND m.user_id = mn.user_id AND mn.seq > m.last_read_seq
                         JOIN messages x ON x.room_id = mn.room_id AND x.seq = mn.seq
                        WHERE mn.user_id = %1$s)
            AND msg.author_id <> %1$s AND msg.deleted_at IS NULL AND msg.system_event IS NULL
            AND msg.sent_at <= ? AND msg.sent_at > ?
            AND msg.sent_at >= coalesce(%4$s, '-infinity'::timestamptz)
            AND (msg.sent_at, msg.id) > (%2$s, %3$s)
            AND NOT EXISTS (SELECT 1 FROM thread_follows tf
                             WHERE msg.thread_seq IS NOT NULL AND tf.room_id = msg.room_id AND tf.root_seq = msg.thread_seq
                               AND tf.user_id = %1$s AND tf.last_read_seq >= msg.seq)""";

    private static final String DUE_FOR_ROW = DUE.formatted("n.user_id", "n.notified_at", "n.notified_id", "u.email_verified_at");

    private MissedMessageClaims() {
    }

    /**
     * A row (the default setting, nothing told yet) for every user with a verified address who has none: the claim
     * locks rows. Cheap when there is nothing to add.
     */
    public static int addMissingRows(Connection c) throws SQLException {
        try (var insert = c.prepareStatement("""
                INSERT INTO email_notifications (user_id)
                SELECT u.id FROM users u
                 WHERE u.email IS NOT NULL AND NOT EXISTS (SELECT 1 FROM email_notifications n WHERE n.user_id = u.id)
                ON CONFLICT (user_id) DO NOTHING""")) {
            return insert.executeUpdate();
        }
    }

    /**
     * Locks up to {@code limit} due users (see the class), skipping users locked elsewhere. {@code now} decides
     * do-not-disturb and retries, {@code cutoff} which messages are old enough.
     */
    public static List<Recipient> claimDue(Connection c, Instant now, Instant cutoff, int limit) throws SQLException {
        return claimDue(c, now, cutoff, 0, limit);
    }

    /**
     * The same, for users after {@code afterUserId} only: a sweep walks the users once in id order instead of
     * looking past the same not-due users again for every claim.
     */
    public static List<Recipient> claimDue(Connection c, Instant now, Instant cutoff, long afterUserId, int limit) throws SQLException {
        var claimed = new ArrayList<Recipient>();
        try (var select = c.prepareStatement("""
                SELECT n.user_id, u.login, u.display_name, u.email, n.mode, n.language
                  FROM email_notifications n JOIN users u ON u.id = n.user_id
                 WHERE n.user_id > ? AND n.mode <> 'never' AND u.email IS NOT NULL AND u.deactivated_at IS NULL
                   AND (u.dnd_until IS NULL OR u.dnd_until <= ?)
                   AND (n.retry_after IS NULL OR n.retry_after <= ?)
                   AND EXISTS (SELECT 1 FROM messages msg WHERE %s)
                 ORDER BY n.user_id LIMIT ?
                   FOR UPDATE OF n SKIP LOCKED""".formatted(DUE_FOR_ROW))) {
            select.setLong(1, afterUserId);
            select.setObject(2, time(now));
            select.setObject(3, time(now));
            select.setObject(4, time(cutoff));
            select.setObject(5, time(now.minus(LOOKBACK)));
            select.setInt(6, limit);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    var mode = EmailNotificationMode.parse(rows.getString(5)).orElse(EmailNotificationMode.DIGEST);
                    String language = rows.getString(6);
                    claimed.add(new Recipient(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), mode,
                            Locale.forLanguageTag(language == null ? "en" : language)));
                }
            }
        }
        return claimed;
    }

    /**
     * The claimed user's unread messages sent by {@code cutoff} (the delay's cutoff, or now for a digest), oldest
     * first, at most {@code limit}.
     */
    public static List<MissedMessage> dueFor(Connection c, long userId, Instant now, Instant cutoff, int limit) throws SQLException {
        var due = new ArrayList<MissedMessage>();
        try (var select = c.prepareStatement("""
                SELECT msg.id, msg.room_id, r.kind = 'direct', r.name, msg.seq, msg.thread_seq, msg.sent_at, a.login, a.display_name,
                       msg.text, EXISTS (SELECT 1 FROM mentions me WHERE me.room_id = msg.room_id AND me.seq = msg.seq AND me.user_id = n.user_id)
                  FROM email_notifications n JOIN users u ON u.id = n.user_id
                  JOIN messages msg ON true
                  JOIN rooms r ON r.id = msg.room_id
                  JOIN users a ON a.id = msg.author_id
                 WHERE n.user_id = ? AND %s
                 ORDER BY msg.sent_at, msg.id LIMIT ?""".formatted(DUE_FOR_ROW))) {
            select.setLong(1, userId);
            select.setObject(2, time(cutoff));
            select.setObject(3, time(now.minus(LOOKBACK)));
            select.setInt(4, limit);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    boolean direct = rows.getBoolean(3);
                    long thread = rows.getLong(6);
                    Long threadSeq = rows.wasNull() ? null : thread;
                    due.add(new MissedMessage(rows.getLong(1), rows.getLong(2), direct, direct ? null : rows.getString(4),
                            rows.getLong(5), threadSeq,
                            rows.getObject(7, OffsetDateTime.class).toInstant(), rows.getString(8), rows.getString(9),
                            rows.getString(10), rows.getBoolean(11)));
                }
            }
        }
        return due;
    }

    /** The user has been told of everything up to and including {@code last}. */
    public static void markNotified(Connection c, long userId, MissedMessage last) throws SQLException {
        try (var update = c.prepareStatement("""
                UPDATE email_notifications SET notified_at = ?, notified_id = ?, last_mailed_at = now(), retry_after = NULL
                 WHERE user_id = ?""")) {
            update.setObject(1, time(last.sentAt()));
            update.setLong(2, last.id());
            update.setLong(3, userId);
            update.executeUpdate();
        }
    }

    /** Leaves the user alone until {@code until} (a mail that could not be written or queued). */
    static void retryAfter(Connection c, long userId, Instant until) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE email_notifications SET retry_after = ? WHERE user_id = ?")) {
            update.setObject(1, time(until));
            update.setLong(2, userId);
            update.executeUpdate();
        }
    }

    static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
