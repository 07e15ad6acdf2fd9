package org.jointchat.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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
}
