package org.jointchat.message;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.jointchat.platform.Database;
import org.jointchat.platform.DatabaseUnavailableException;

/** Reads message history with plain JDBC: every page is an index range scan on (room_id, seq). */
@ApplicationScoped
public class MessageStore {

    private static final String SELECT = """
            SELECT m.id, m.room_id, m.seq, u.login, u.display_name, m.text, m.sent_at, m.client_id
              FROM messages m JOIN users u ON u.id = m.author_id
            """;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    /** Up to {@code limit} messages with seq > afterSeq, ascending. */
    public List<ChatMessage> after(long roomId, long afterSeq, int limit) {
        return query(SELECT + " WHERE m.room_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?", roomId, afterSeq, limit);
    }

    /** Up to {@code limit} messages with seq < beforeSeq (the newest of them), ascending. */
    public List<ChatMessage> before(long roomId, long beforeSeq, int limit) {
        var newestFirst = query(SELECT + " WHERE m.room_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?", roomId, beforeSeq, limit);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private List<ChatMessage> query(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                var messages = new ArrayList<ChatMessage>();
                while (rows.next()) {
                    messages.add(new ChatMessage(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getObject(7, OffsetDateTime.class).toInstant(),
                            rows.getString(8)));
                }
                return messages;
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }
}
