package org.jointchat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.jointchat.bench.DbPassword;

/** The test server's own PostgreSQL database, for what a test must write or check behind the API. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        String url = System.getProperty("bench.db.url", "jdbc:postgresql://127.0.0.1:5432/jointchat_test");
        return DriverManager.getConnection(url, "jointchat", DbPassword.read());
    }

    /**
     * Before a test seeds a room's history from seq 1 behind the API: joins and adds write system lines ("Bob joined",
     * issue 21) into the room's sequence; the seeded history takes their place, as if the room had been quiet till now.
     */
    public static void withoutSystemLines(long room) throws SQLException {
        try (var db = connect(); var delete = db.prepareStatement("DELETE FROM messages WHERE room_id = ? AND system_event IS NOT NULL")) {
            delete.setLong(1, room);
            delete.executeUpdate();
        }
    }

    /**
     * Adds {@code count} made-up members to the room behind the API (registering a hundred users would take long):
     * logins {@code loginPrefix + n + "-" + a random tag}, display names {@code namePrefix + n}.
     */
    public static void addMadeUpMembers(long room, int count, String loginPrefix, String namePrefix) throws SQLException {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (var db = connect(); var users = db.prepareStatement("""
                WITH made AS (INSERT INTO users (login, display_name, password_hash)
                              SELECT ?::text || g || '-' || ?, ?::text || g, 'not a hash' FROM generate_series(1, ?) g
                              RETURNING id)
                INSERT INTO memberships (room_id, user_id) SELECT ?, id FROM made""")) {
            users.setString(1, loginPrefix);
            users.setString(2, tag);
            users.setString(3, namePrefix);
            users.setInt(4, count);
            users.setLong(5, room);
            assertEquals(count, users.executeUpdate());
        }
    }
}
