package org.jointchat.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jointchat.platform.Jdbc;

/** Reads message history with plain JDBC: every page is an index range scan on (room_id, seq). */
@ApplicationScoped
public class MessageStore {

    private static final String SELECT = """
            SELECT m.id, m.room_id, m.seq, u.login, u.display_name, m.text, m.sent_at, m.client_id
              FROM messages m JOIN users u ON u.id = m.author_id
            """;

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

    /** The message this author stored with this clientId, if any (the unique (author_id, client_id) index). */
    public Optional<ChatMessage> stored(long authorId, String clientId) {
        return jdbc.one(SELECT + " WHERE m.author_id = ? AND m.client_id = ?", MessageStore::message, authorId, clientId);
    }

    private static ChatMessage message(ResultSet row) throws SQLException {
        return new ChatMessage(row.getLong(1), row.getLong(2), row.getLong(3), row.getString(4), row.getString(5),
                row.getString(6), row.getObject(7, OffsetDateTime.class).toInstant(), row.getString(8));
    }
}
