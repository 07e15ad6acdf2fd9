package org.jointchat.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jointchat.attachment.AttachmentRef;
import org.jointchat.platform.Jdbc;

/**
 * Reads messages as they are now with plain JDBC: every history page is an index range scan on
 * (room_id, seq), changes since a version one on (room_id, version); replies, mentions, reactions and
 * attachments come along by their own indexes.
 */
@ApplicationScoped
public class MessageStore {

    /** The columns {@link #message} maps, for {@code messages m}. */
    static final String SELECT = """
            SELECT m.id, m.room_id, m.seq, m.version, u.login, u.display_name, m.text, m.sent_at, m.client_id,
                   m.edited_at, m.deleted_at IS NOT NULL,
                   m.reply_to_seq, left(q.text, %d), qu.login, qu.display_name, q.deleted_at IS NOT NULL,
                   (SELECT array_agg(mu.login ORDER BY mu.login) FROM mentions mn JOIN users mu ON mu.id = mn.user_id
                     WHERE mn.room_id = m.room_id AND mn.seq = m.seq),
                   (SELECT json_agg(json_build_array(x.emoji, x.n, x.users) ORDER BY x.first)
                      FROM (SELECT r.emoji, count(*) AS n, min(r.reacted_at) AS first,
                                   (array_agg(ru.login ORDER BY r.reacted_at, ru.login))[1:%d] AS users
                              FROM reactions r JOIN users ru ON ru.id = r.user_id
                             WHERE r.message_id = m.id GROUP BY r.emoji) x),
                   (SELECT json_agg(json_build_array(a.id, a.name, a.content_type, a.size) ORDER BY a.id)
                      FROM (SELECT a.id, a.name, a.content_type, a.size FROM attachments a WHERE a.message_id = m.id AND m.deleted_at IS NULL
                            UNION ALL -- a forward's files are its original's (only forwards look: a one-time filter)
                            SELECT a.id, a.name, a.content_type, a.size FROM forwarded_attachments fa
                              JOIN attachments a ON a.id = fa.attachment_id
                             WHERE fa.message_id = m.id AND m.fwd_sent_at IS NOT NULL) a),
                   m.removed_by_moderator, m.system_event, tu.login, tu.display_name, m.event_value,
                   m.thread_seq, m.also_to_room, m.thread_replies, m.thread_last_reply_at,
                   CASE WHEN m.thread_replies > 0 THEN
                   (SELECT json_agg(json_build_array(p.login, p.display_name) ORDER BY p.last DESC)
                      FROM (SELECT pu.login, pu.display_name, max(tr.seq) AS last
                              FROM messages tr JOIN users pu ON pu.id = tr.author_id
                             WHERE tr.room_id = m.room_id AND tr.thread_seq = m.seq
                             GROUP BY pu.login, pu.display_name ORDER BY last DESC LIMIT %d) p) END,
                   pn.pinned_at, pnu.login, pnu.display_name,
                   m.fwd_author, m.fwd_author_name, m.fwd_sent_at, m.fwd_text, m.fwd_room_id, m.fwd_seq
              FROM messages m JOIN users u ON u.id = m.author_id
              LEFT JOIN users tu ON tu.id = m.target_id
              LEFT JOIN messages q ON q.room_id = m.room_id AND q.seq = m.reply_to_seq
              LEFT JOIN users qu ON qu.id = q.author_id
              LEFT JOIN pins pn ON pn.room_id = m.room_id AND pn.seq = m.seq
              LEFT JOIN users pnu ON pnu.id = pn.pinned_by
            """.formatted(ChatMessage.Quote.TEXT_MAX, ChatMessage.Reaction.USERS_SHOWN,
                    ChatMessage.ThreadSummary.PARTICIPANTS_SHOWN);

    /** How many columns {@link #SELECT} has: a query that adds its own reads them from {@code COLUMNS + 1} on. */
    static final int COLUMNS = 38;

    @Inject
    Jdbc jdbc;

    /** Up to {@code limit} messages with seq > afterSeq, ascending. */
    public List<ChatMessage> after(long roomId, long afterSeq, int limit) {
        return jdbc.list(SELECT + " WHERE m.room_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?", MessageStore::message,
                roomId, afterSeq, limit);
    }

    /** Up to {@code limit} messages with seq < beforeSeq (the newest of them), ascending. */
    public List<ChatMessage> before(long roomId, long beforeSeq, int limit) {
        var newestFirst = new ArrayList<>(jdbc.list(SELECT + " WHERE m.room_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?",
                MessageStore::message, roomId, beforeSeq, limit));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Up to {@code limit} messages with seq ≤ upToSeq that changed after afterVersion, by version. */
    public List<ChatMessage> changedAfter(long roomId, long upToSeq, long afterVersion, int limit) {
        return jdbc.list(SELECT + " WHERE m.room_id = ? AND m.version > ? AND m.seq <= ? ORDER BY m.version LIMIT ?",
                MessageStore::message, roomId, afterVersion, upToSeq, limit);
    }

    /** Up to {@code limit} messages whose last change took a version in [fromVersion, toVersion), by version. */
    public List<ChatMessage> lastChangedWithin(long roomId, long fromVersion, long toVersion, int limit) {
        return jdbc.list(SELECT + " WHERE m.room_id = ? AND m.version >= ? AND m.version < ? ORDER BY m.version LIMIT ?",
                MessageStore::message, roomId, fromVersion, toVersion, limit);
    }

    /** The message as it is now. */
    public Optional<ChatMessage> one(long roomId, long seq) {
        return jdbc.one(SELECT + " WHERE m.room_id = ? AND m.seq = ?", MessageStore::message, roomId, seq);
    }

    /** The room's version now: every change up to it is committed. */
    public long roomVersion(long roomId) {
        return jdbc.count("SELECT last_version FROM rooms WHERE id = ?", roomId);
    }

    // ---- Threads (issue 22, item 1) ----

    /** Up to {@code limit} replies of the thread under rootSeq with seq < beforeSeq (the newest of them), ascending. */
    public List<ChatMessage> threadBefore(long roomId, long rootSeq, long beforeSeq, int limit) {
        var newestFirst = new ArrayList<>(jdbc.list(SELECT + " WHERE m.room_id = ? AND m.thread_seq = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?",
                MessageStore::message, roomId, rootSeq, beforeSeq, limit));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The message this author stored with this clientId, if any (the unique (author_id, client_id) index). */
    public Optional<ChatMessage> stored(long authorId, String clientId) {
        return jdbc.one(SELECT + " WHERE m.author_id = ? AND m.client_id = ?", MessageStore::message, authorId, clientId);
    }

    /** The messages (room, seq) as they are now, read on the writer's connection (inside its transaction). */
    static List<ChatMessage> current(Connection c, long roomId, long... seqs) throws SQLException {
        try (var select = c.prepareStatement(SELECT + " WHERE m.room_id = ? AND m.seq = ANY (?) ORDER BY m.seq")) {
            select.setLong(1, roomId);
            select.setArray(2, c.createArrayOf("bigint", Arrays.stream(seqs).boxed().toArray()));
            return rows(select.executeQuery());
        }
    }

    static List<ChatMessage> rows(ResultSet rows) throws SQLException {
        try (rows) {
            var result = new ArrayList<ChatMessage>();
            while (rows.next()) {
                result.add(message(rows));
            }
            return result;
        }
    }

    static ChatMessage message(ResultSet row) throws SQLException {
        ChatMessage.Quote quote = null;
        long replyTo = row.getLong(12);
        if (!row.wasNull()) {
            quote = new ChatMessage.Quote(replyTo, row.getString(14), row.getString(15),
                    row.getBoolean(16) ? "" : row.getString(13), row.getBoolean(16));
        }
        var mentionArray = row.getArray(17);
        List<String> mentions = mentionArray == null ? List.of() : List.of((String[]) mentionArray.getArray());
        String text = row.getString(7);
        String systemEvent = row.getString(21);
        var system = systemEvent == null ? null : new ChatMessage.SystemEvent(systemEvent, row.getString(22), row.getString(23), row.getString(24));
        long threadSeq = row.getLong(25);
        Long thread = row.wasNull() ? null : threadSeq;
        int replies = row.getInt(27);
        var summary = replies == 0 ? null : new ChatMessage.ThreadSummary(replies, instant(row, 28), participants(row.getString(29)));
        return new ChatMessage(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getString(5),
                row.getString(6), text, system == null ? MessageMarkdown.html(text) : "", instant(row, 8), row.getString(9), instant(row, 10),
                row.getBoolean(11), quote, mentions, reactions(row.getString(18)), attachments(row.getString(19)), row.getBoolean(20), system,
                thread, row.getBoolean(26), summary, pinned(row), forwarded(row));
    }

    /** A root's participants, from the summary column: [[login, displayName], …], most recent first. */
    private static List<ChatMessage.Participant> participants(String json) {
        if (json == null) {
            return List.of();
        }
        var result = new ArrayList<ChatMessage.Participant>();
        for (var value : array(json)) {
            var entry = value.asJsonArray();
            result.add(new ChatMessage.Participant(entry.getString(0), entry.getString(1)));
        }
        return result;
    }

    /** Pins (issue 22, item 2): columns 30–32, the pin's time and who pinned; null when the message is not pinned. */
    private static ChatMessage.Pinned pinned(ResultSet row) throws SQLException {
        var at = instant(row, 30);
        return at == null ? null : new ChatMessage.Pinned(row.getString(31), row.getString(32), at);
    }

    /** Forwarding (issue 22, item 5): the original's snapshot (columns 33–38), or null for a message that is not a forward. */
    private static ChatMessage.Forwarded forwarded(ResultSet row) throws SQLException {
        var sentAt = instant(row, 35);
        if (sentAt == null) {
            return null;
        }
        String text = row.getString(36);
        long roomId = row.getLong(37);
        Long linkRoom = row.wasNull() ? null : roomId;
        long seq = row.getLong(38);
        Long linkSeq = row.wasNull() || linkRoom == null ? null : seq;
        return new ChatMessage.Forwarded(row.getString(33), row.getString(34), sentAt, text, MessageMarkdown.html(text),
                linkSeq == null ? null : linkRoom, linkSeq);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        var time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static List<ChatMessage.Reaction> reactions(String json) {
        if (json == null) {
            return List.of();
        }
        var result = new ArrayList<ChatMessage.Reaction>();
        for (var value : array(json)) {
            var entry = value.asJsonArray();
            var users = entry.getJsonArray(2).getValuesAs(jakarta.json.JsonString::getString);
            result.add(new ChatMessage.Reaction(entry.getString(0), entry.getInt(1), List.copyOf(users)));
        }
        return result;
    }

    private static List<AttachmentRef> attachments(String json) {
        if (json == null) {
            return List.of();
        }
        var result = new ArrayList<AttachmentRef>();
        for (var value : array(json)) {
            var entry = value.asJsonArray();
            result.add(AttachmentRef.of(entry.getJsonNumber(0).longValue(), entry.getString(1), entry.getString(2),
                    entry.getJsonNumber(3).longValue()));
        }
        return result;
    }

    private static JsonArray array(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readArray();
        }
    }
}
