package org.jointchat.message.scheduled;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jointchat.account.UserRef;
import org.jointchat.message.ChatError;
import org.jointchat.message.ChatException;
import org.jointchat.message.MessageRules;
import org.jointchat.message.SendAdmission;
import org.jointchat.message.SendRateLimiter;
import org.jointchat.platform.Database;
import org.jointchat.platform.DatabaseException;

/**
 * Scheduling, listing, editing and cancelling a user's scheduled messages. A scheduled send is checked as a send now
 * is (text, clientId, attachments, member, not muted, room not archived, announcement rooms: {@link SendAdmission})
 * and costs the same rate budget; {@code sendAt} must lie between {@link #MIN_AHEAD} and {@link #MAX_AHEAD} ahead.
 * Only the author sees, edits or cancels one (to anyone else it does not exist). A sent one cannot be changed.
 */
@ApplicationScoped
public class ScheduledMessages {

    /** The nearest a message can be scheduled: closer than this is a send now. */
    public static final Duration MIN_AHEAD = Duration.ofSeconds(10);
    /** The farthest. */
    public static final Duration MAX_AHEAD = Duration.ofDays(366);
    /** Pending and failed messages one user may hold. */
    public static final int PER_USER_MAX = 100;

    /** A scheduling; {@code duplicate}: the clientId had been scheduled already, this is that one. */
    public record Scheduled(ScheduledMessage message, boolean duplicate) {
    }

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    SendRateLimiter rateLimiter;

    @Inject
    Event<ScheduledChanged> changes;

    /** Schedules a send; a repeated clientId answers the message scheduled with it. */
    public Scheduled schedule(UserRef author, long roomId, String text, String clientId, Long replyTo, List<Long> attachments,
            String sendAt) {
        String checkedClientId = MessageRules.checkedClientId(clientId);
        var checkedAttachments = MessageRules.checkedAttachments(attachments);
        String checkedText = MessageRules.checkedText(text, !checkedAttachments.isEmpty());
        if (replyTo != null && replyTo < 1) {
            throw new ChatException(ChatError.INVALID, "replyTo must be the seq of a message");
        }
        Instant at = checkedSendAt(sendAt);
        var stored = inTransaction(c -> {
            var existing = one(c, "s.author_id = ? AND s.client_id = ?", author.id(), checkedClientId);
            if (existing.isPresent()) {
                return new Scheduled(existing.get(), true);
            }
            if (exists(c, "SELECT 1 FROM messages WHERE author_id = ? AND client_id = ?", author.id(), checkedClientId)) {
                throw new ChatException(ChatError.INVALID, "clientId: a message was sent with it already");
            }
            if (count(c, author.id()) >= PER_USER_MAX) {
                throw new ChatException(ChatError.INVALID, "at most " + PER_USER_MAX + " scheduled messages");
            }
            SendAdmission.require(c, author, roomId, checkedText, checkedClientId, replyTo, checkedAttachments);
            if (!rateLimiter.tryAcquire(author.id())) {
                throw new ChatException(ChatError.RATE_LIMITED, "too many messages; slow down");
            }
            try (var insert = c.prepareStatement("""
                    INSERT INTO scheduled_messages AS s (room_id, author_id, text, reply_to, attachments, client_id, send_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING\s""" + ScheduledMessage.COLUMNS)) {
                insert.setLong(1, roomId);
                insert.setLong(2, author.id());
                insert.setString(3, checkedText);
                insert.setObject(4, replyTo);
                insert.setArray(5, c.createArrayOf("bigint", checkedAttachments.toArray()));
                insert.setString(6, checkedClientId);
                insert.setObject(7, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                try (var rows = insert.executeQuery()) {
                    rows.next();
                    return new Scheduled(ScheduledMessage.of(rows), false);
                }
            }
        });
        if (!stored.duplicate()) {
            changes.fire(new ScheduledChanged(author.login(), stored.message(), "pending"));
        }
        return stored;
    }

    /** The user's pending and failed messages, soonest first. */
    public List<ScheduledMessage> list(UserRef user) {
        return inTransaction(c -> {
            var list = new ArrayList<ScheduledMessage>();
            try (var select = c.prepareStatement("SELECT " + ScheduledMessage.COLUMNS + " FROM scheduled_messages s"
                    + " WHERE s.author_id = ? AND s.state <> 'sent' ORDER BY s.send_at, s.id LIMIT ?")) {
                select.setLong(1, user.id());
                select.setInt(2, PER_USER_MAX);
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        list.add(ScheduledMessage.of(rows));
                    }
                }
            }
            return list;
        });
    }

    /**
     * New text and/or time (null keeps it); a failed message becomes pending again, checked against the room's
     * rules as they are now. FORBIDDEN once it was sent.
     */
    public ScheduledMessage edit(UserRef author, long id, String text, String sendAt) {
        if (text == null && sendAt == null) {
            throw new ChatException(ChatError.INVALID, "give text, sendAt or both");
        }
        Instant at = sendAt == null ? null : checkedSendAt(sendAt);
        var edited = inTransaction(c -> {
            var row = one(c, "s.id = ? AND s.author_id = ? FOR UPDATE", id, author.id())
                    .orElseThrow(ScheduledMessages::notFound);
            if ("sent".equals(row.state()) || storedAlready(c, author, row.clientId())) {
                throw new ChatException(ChatError.FORBIDDEN, "the scheduled message was sent already");
            }
            String newText = text == null ? row.text() : MessageRules.checkedText(text, !row.attachments().isEmpty());
            Instant newAt = at != null ? at : checkedSendAt(row.sendAt());
            SendAdmission.require(c, author, row.roomId(), newText, row.clientId(), row.replyTo(), row.attachments());
            try (var update = c.prepareStatement("UPDATE scheduled_messages AS s SET text = ?, send_at = ?, state = 'pending',"
                    + " failure = NULL, finished_at = NULL WHERE id = ? RETURNING " + ScheduledMessage.COLUMNS)) {
                update.setString(1, newText);
                update.setObject(2, OffsetDateTime.ofInstant(newAt, ZoneOffset.UTC));
                update.setLong(3, id);
                try (var rows = update.executeQuery()) {
                    rows.next();
                    return ScheduledMessage.of(rows);
                }
            }
        });
        changes.fire(new ScheduledChanged(author.login(), edited, "pending"));
        return edited;
    }

    /** Cancels a pending (or failed) message: it is gone. FORBIDDEN once it was sent. */
    public void cancel(UserRef author, long id) {
        var cancelled = inTransaction(c -> {
            var row = one(c, "s.id = ? AND s.author_id = ? FOR UPDATE", id, author.id()).orElseThrow(ScheduledMessages::notFound);
            if ("sent".equals(row.state()) || storedAlready(c, author, row.clientId())) {
                throw new ChatException(ChatError.FORBIDDEN, "the scheduled message was sent already");
            }
            try (var delete = c.prepareStatement("DELETE FROM scheduled_messages WHERE id = ?")) {
                delete.setLong(1, id);
                delete.executeUpdate();
            }
            return row;
        });
        changes.fire(new ScheduledChanged(author.login(), cancelled, "cancelled"));
    }

    /**
     * Whether the message was stored though its row still says pending (a sweep that timed out or died after the
     * writer's commit): the next sweep marks the row sent, so it can no longer be edited or cancelled.
     */
    private static boolean storedAlready(Connection c, UserRef author, String clientId) throws SQLException {
        try (var stored = c.prepareStatement("SELECT 1 FROM messages WHERE author_id = ? AND client_id = ?")) {
            stored.setLong(1, author.id());
            stored.setString(2, clientId);
            try (var rows = stored.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** An ISO-8601 instant with a zone or offset, at least {@link #MIN_AHEAD} and at most {@link #MAX_AHEAD} from now. */
    static Instant checkedSendAt(String sendAt) {
        if (sendAt == null || sendAt.isBlank()) {
            throw new ChatException(ChatError.INVALID, "sendAt must be an ISO-8601 instant, e.g. 2030-01-31T09:00:00Z");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(sendAt.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ChatException(ChatError.INVALID, "sendAt must be an ISO-8601 instant, e.g. 2030-01-31T09:00:00Z");
        }
        return checkedSendAt(at.truncatedTo(ChronoUnit.MILLIS));
    }

    private static Instant checkedSendAt(Instant at) {
        var now = Instant.now();
        if (at.isBefore(now.plus(MIN_AHEAD))) {
            throw new ChatException(ChatError.INVALID, "sendAt must be at least " + MIN_AHEAD.toSeconds() + " seconds ahead");
        }
        if (at.isAfter(now.plus(MAX_AHEAD))) {
            throw new ChatException(ChatError.INVALID, "sendAt must be at most " + MAX_AHEAD.toDays() + " days ahead");
        }
        return at;
    }

    private static ChatException notFound() {
        return new ChatException(ChatError.NOT_FOUND, "no such scheduled message");
    }

    private static Optional<ScheduledMessage> one(Connection c, String where, Object... parameters) throws SQLException {
        try (var select = c.prepareStatement("SELECT " + ScheduledMessage.COLUMNS + " FROM scheduled_messages s WHERE " + where)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (var rows = select.executeQuery()) {
                return rows.next() ? Optional.of(ScheduledMessage.of(rows)) : Optional.empty();
            }
        }
    }

    private static boolean exists(Connection c, String sql, Object... parameters) throws SQLException {
        try (var select = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (var rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static long count(Connection c, long authorId) throws SQLException {
        try (var select = c.prepareStatement("SELECT count(*) FROM scheduled_messages WHERE author_id = ? AND state <> 'sent'")) {
            select.setLong(1, authorId);
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private interface Work<T> {
        T in(Connection c) throws SQLException;
    }

    /** One transaction on a connection of its own; a refusal (ChatException) rolls back and is thrown as it is. */
    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.in(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }
}
