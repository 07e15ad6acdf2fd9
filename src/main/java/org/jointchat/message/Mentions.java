package org.jointchat.message;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Who a message mentions, stored in the writer's transaction: members of its room other than the author. */
final class Mentions {

    private Mentions() {
    }

    /** A message whose text may mention members. */
    record Mentioning(long roomId, long seq, long authorId, String text) {
    }

    /** Stores who each message mentions (members of its room other than the author); "room/seq" → logins. */
    static Map<String, List<String>> store(Connection c, List<Mentioning> messages) throws SQLException {
        var rooms = new ArrayList<Long>();
        var seqs = new ArrayList<Long>();
        var authors = new ArrayList<Long>();
        var logins = new ArrayList<String>();
        for (var m : messages) {
            for (var login : MessageRules.mentionedLogins(m.text)) {
                rooms.add(m.roomId);
                seqs.add(m.seq);
                authors.add(m.authorId);
                logins.add(login);
            }
        }
        Map<String, List<String>> result = new HashMap<>();
        if (logins.isEmpty()) {
            return result;
        }
        try (var insert = c.prepareStatement("""
                WITH added AS (
                    INSERT INTO mentions (room_id, seq, user_id)
                    SELECT x.r, x.s, u.id FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::varchar[]) AS x(r, s, a, l)
                      JOIN users u ON u.login = x.l AND u.id <> x.a
                      JOIN memberships mb ON mb.room_id = x.r AND mb.user_id = u.id
                    ON CONFLICT DO NOTHING
                    RETURNING room_id, seq, user_id)
                SELECT added.room_id, added.seq, u.login FROM added JOIN users u ON u.id = added.user_id ORDER BY u.login""")) {
            insert.setArray(1, c.createArrayOf("bigint", rooms.toArray()));
            insert.setArray(2, c.createArrayOf("bigint", seqs.toArray()));
            insert.setArray(3, c.createArrayOf("bigint", authors.toArray()));
            insert.setArray(4, c.createArrayOf("varchar", logins.toArray()));
            try (var rows = insert.executeQuery()) {
                while (rows.next()) {
                    result.computeIfAbsent(rows.getLong(1) + "/" + rows.getLong(2), k -> new ArrayList<>()).add(rows.getString(3));
                }
            }
        }
        return result;
    }
}
