package org.jointchat.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jointchat.support.Await;
import org.jointchat.support.Accounts;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.FacesForm;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A graceful stop finishes what it accepted, and the domain holds its own configuration: started with `asadmin start-domain` alone (as an operator, a
 * supervisor or a reboot would, with none of JointChat's environment) it reaches its database and keeps its
 * settings, and the database password is nowhere in the server's environment.
 */
class DomainRestartIT extends AgainstTheServer {

    @Test
    void aGracefulStopAcksWhatItAcceptedAndAPlainAsadminStartBringsJointChatBackWithItsSettings() throws Exception {
        String login = Accounts.register(api, "restart", "Restart Survivor");
        String token = Accounts.token(api, login);
        var created = api.postJson("api/v1/rooms", Json.createObjectBuilder().add("name", TestData.uniqueLogin("restart"))
                .add("visibility", "public").build().toString(), "Authorization", "Bearer " + token);
        long room = HttpSession.json(created).getJsonNumber("id").longValue();
        int sends = 20;

        // A browser tab too: its socket was opened with the session cookie of a signed-in page.
        var page = new HttpSession(base);
        var signedIn = FacesForm.of(page.get("login.xhtml").body(), "login")
                .set("login:username", login).set("login:password", TestData.PASSWORD).press(page, "login:submit");
        assertEquals(302, signedIn.status());
        try (var socket = ChatClient.connect(base, token, null); var tab = ChatClient.connectWithSession(base, page.cookie("JSESSIONID"));
                var db = TestDatabase.connect()) {
            // The writer is held up (the room's row locked here), so these sends are still queued when the stop begins.
            db.setAutoCommit(false);
            try (var lock = db.prepareStatement("SELECT id FROM rooms WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, room);
                lock.executeQuery().close();
            }
            for (int i = 0; i < sends; i++) {
                socket.sendMessage(room, "before the stop " + i, "stop-" + i);
            }
            assertEquals(List.of(), socket.settle().stream().filter(ChatClient.ofType("error")).toList(), "all accepted");

            // Stopped and started again with asadmin alone, as an operator, a supervisor or a reboot would.
            var restart = new ProcessBuilder("bash", "scripts/test-server.sh", "restart-plain").inheritIO().start();
            // The stop has begun once readiness says DOWN; then the database is fast again, and the stopping
            // server commits what it had accepted before it closes the sockets.
            // (Nothing answering means it stopped already: the sends were committed on the way, checked below.)
            Await.until(Duration.ofSeconds(60), Duration.ofMillis(20), "readiness never said DOWN during the stop", () -> readiness() != 200);
            db.rollback();

            assertEquals(1012, socket.awaitClosed(), "closed as restarting");
            assertEquals(1012, tab.awaitClosed(), "the browser tab too");
            assertTrue(socket.closeReason().startsWith("server restarting; retry after "), socket.closeReason());
            var answered = socket.pending().stream().filter(ChatClient.ofType("ack")).map(f -> f.getString("clientId")).collect(Collectors.toSet());
            for (int i = 0; i < sends; i++) {
                assertTrue(answered.contains("stop-" + i), "acked before the socket closed: stop-" + i + " of " + answered);
            }
            assertTrue(restart.waitFor(300, TimeUnit.SECONDS), "restarted within 5 minutes");
            assertEquals(0, restart.exitValue());
        }

        Await.until(Duration.ofMinutes(3), Duration.ofMillis(500), "ready again (database reached with the stored settings)", () -> readiness() == 200);
        var me = api.get("api/v1/users/me", "Authorization", "Bearer " + token);
        assertEquals(200, me.statusCode(), "the data is there: " + me.body());
        try (var db = TestDatabase.connect(); var count = db.prepareStatement("SELECT count(DISTINCT client_id), count(*) FROM messages WHERE room_id = ?")) {
            count.setLong(1, room);
            try (var rows = count.executeQuery()) {
                rows.next();
                assertEquals(sends, rows.getLong(1), "every acked message stored");
                assertEquals(sends, rows.getLong(2), "once");
            }
        }

        // The test domain's own settings came back too (stored in the domain, not in the environment).
        int limit = Integer.parseInt(System.getenv("JOINTCHAT_CHAT_RATE_MESSAGES"));
        try (var socket = ChatClient.connect(base, token, null)) {
            for (int i = 0; i <= limit; i++) {
                socket.sendMessage(room, "after restart " + i, "after-restart-" + i);
            }
            int acked = 0;
            for (int i = 0; i <= limit; i++) {
                String clientId = "after-restart-" + i;
                var answer = socket.next(f -> clientId.equals(f.getString("clientId", null)) && !"message".equals(f.getString("type")));
                acked += "ack".equals(answer.getString("type")) ? 1 : 0;
            }
            assertEquals(limit, acked, "the test domain's rate limit, not production's");
        }

        String environment = serverEnvironment();
        assertFalse(environment.contains("JOINTCHAT_DB_PASSWORD"), "no password in the server's environment");
        assertFalse(environment.contains("JOINTCHAT_"), "no JointChat setting came from the environment");
    }

    /** The environment of the test domain's Java process (NUL-separated). */
    private static String serverEnvironment() throws Exception {
        var find = new ProcessBuilder("pgrep", "-f", "domains/jointchat-test/config").start();
        String pids = new String(find.getInputStream().readAllBytes()).trim();
        find.waitFor();
        assertFalse(pids.isEmpty(), "the server process is found");
        var text = new StringBuilder();
        for (String pid : pids.split("\\s+")) {
            text.append(new String(Files.readAllBytes(Path.of("/proc", pid, "environ"))));
        }
        return text.toString();
    }
}
