package org.jointchat.platform;

import static org.jointchat.support.ChatClient.presenceOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.sql.Connection;
import java.time.Duration;
import java.sql.SQLException;
import java.util.List;
import org.jointchat.support.Await;
import org.jointchat.support.Accounts;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL unreachable for a while: clients are told to retry (never a half-written message), readiness
 * says DOWN, a socket that cannot open is closed without disturbing the user's other sockets, and
 * everything works again once the database is back.
 */
class DatabaseOutageIT extends AgainstTheServer {

    /**
     * Cuts the application off its database: no new connection is let in (PostgreSQL refuses them with 53300)
     * and the pool's open ones are ended (57P01), as when the database restarts.
     */
    static void cutOff(Connection db) throws SQLException {
        try (var statement = db.createStatement()) {
            statement.execute("ALTER DATABASE \"" + db.getCatalog() + "\" CONNECTION LIMIT 0");
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        }
    }

    static void reconnect(Connection db) throws SQLException {
        try (var statement = db.createStatement()) {
            statement.execute("ALTER DATABASE \"" + db.getCatalog() + "\" CONNECTION LIMIT -1");
        }
    }

    @Test
    void whileTheDatabaseIsDownClientsAreToldToRetryReadinessIsDownAndNothingIsLost() throws Exception {
        String ann = Accounts.register(api, "outage", "Outage Ann");
        String annToken = Accounts.token(api, ann);
        String watcher = Accounts.register(api, "outwatch", "Outage Watcher");
        try (var w = ChatClient.connect(base, Accounts.token(api, watcher), null); var a = ChatClient.connect(base, annToken, null)) {
            long general = a.hello.getJsonArray("rooms").getJsonObject(0).getJsonNumber("id").longValue();
            w.watch(ann);
            try (var db = TestDatabase.connect()) {
                try {
                    cutOff(db);

                    var ready = new HttpSession(base.resolve("/")).get("health/ready");
                    assertEquals(503, ready.statusCode(), ready.body());
                    assertTrue(ready.body().contains("DOWN"), ready.body());

                    a.sendMessage(general, "sent while the database is down", "outage-1");
                    var refused = a.next(f -> "outage-1".equals(f.getString("clientId", null)));
                    assertEquals("error", refused.getString("type"), refused.toString());
                    assertEquals("UNAVAILABLE", refused.getString("code"));

                    var rest = api.postJson("api/v1/rooms/" + general + "/messages", Json.createObjectBuilder()
                            .add("text", "over REST while down").add("clientId", "outage-2").build().toString(),
                            "Authorization", "Bearer " + annToken);
                    assertEquals(503, rest.statusCode(), rest.body());
                    assertEquals("application/problem+json", rest.headers().firstValue("Content-Type").orElse("").split(";")[0]);
                    assertTrue(rest.headers().firstValue("Retry-After").isPresent(), "tells when to retry");

                    // A second tab cannot open now: it is closed with 1013 (come back later) ...
                    try (var tab = ChatClient.open(base, annToken)) {
                        assertEquals(1013, tab.awaitClosed());
                    }
                } finally {
                    reconnect(db);
                }

                Await.until(ChatClient.WAIT, Duration.ofMillis(200), "ready again once the database is back", () -> readiness() == 200);
                // The client resends with the same clientId: stored once, and the REST one too.
                a.sendMessage(general, "sent while the database is down", "outage-1");
                a.next(f -> "ack".equals(f.getString("type")) && "outage-1".equals(f.getString("clientId")));
                var rest = api.postJson("api/v1/rooms/" + general + "/messages", Json.createObjectBuilder()
                        .add("text", "over REST while down").add("clientId", "outage-2").build().toString(),
                        "Authorization", "Bearer " + annToken);
                assertEquals(201, rest.statusCode(), rest.body());
                try (var count = db.prepareStatement("SELECT count(*) FROM messages m JOIN users u ON u.id = m.author_id"
                        + " WHERE u.login = ? AND m.client_id IN ('outage-1', 'outage-2')")) {
                    count.setString(1, ann);
                    try (var rows = count.executeQuery()) {
                        rows.next();
                        assertEquals(2, rows.getLong(1), "each stored once");
                    }
                }
            }
            // ... and left no trace in presence: when ann's only open socket closes, she goes offline.
            assertEquals(List.of(), w.settle().stream().filter(presenceOf(ann, false)).toList());
            a.close();
            w.next(presenceOf(ann, false));
        }
    }
}
