package org.jointchat.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import org.jointchat.support.Accounts;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
import org.junit.jupiter.api.Test;

/** A writer that cannot keep up: its queue has a bound, sends beyond it are refused at once, nothing accepted is lost. */
class WriterBackpressureIT extends AgainstTheServer {

    /** The writer takes up to this many sends into the batch it is committing before the queue fills behind it. */
    private static final int WRITER_BATCH = 500;

    @Test
    void sendsBeyondAFullWriterQueueAreRefusedWithUnavailableAndEveryAcceptedOneIsStored() throws Exception {
        int capacity = Integer.parseInt(System.getenv("JOINTCHAT_CHAT_WRITER_QUEUE"));
        int perUser = Integer.parseInt(System.getenv("JOINTCHAT_CHAT_RATE_MESSAGES")) - 5; // within the rate limit
        int users = (capacity + WRITER_BATCH) / perUser + 2;

        String owner = Accounts.register(api, "queueowner", "Queue Owner");
        String ownerToken = Accounts.token(api, owner);
        var created = api.postJson("api/v1/rooms", Json.createObjectBuilder().add("name", TestData.uniqueLogin("queue"))
                .add("visibility", "public").build().toString(), "Authorization", "Bearer " + ownerToken);
        assertEquals(201, created.statusCode(), created.body());
        long room = HttpSession.json(created).getJsonNumber("id").longValue();
        var sockets = new ArrayList<ChatClient>();
        try (var db = TestDatabase.connect()) {
            for (int u = 0; u < users; u++) {
                String login = Accounts.register(api, "queue" + u, "Queue Sender " + u);
                String token = Accounts.token(api, login);
                api.send(api.request("api/v1/rooms/" + room + "/members/" + login, "Authorization", "Bearer " + token)
                        .PUT(HttpRequest.BodyPublishers.noBody()));
                sockets.add(ChatClient.connect(base, token, null));
            }
            // The writer stalls on the room, as on a database that has become slow: it holds the row lock it needs.
            db.setAutoCommit(false);
            try (var lock = db.prepareStatement("SELECT id FROM rooms WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, room);
                lock.executeQuery().close();
            }
            for (int u = 0; u < users; u++) {
                for (int i = 0; i < perUser; i++) {
                    sockets.get(u).sendMessage(room, "queued " + u + "/" + i, "q-" + u + "-" + i);
                }
            }
            // A refusal is immediate: it is on each socket before the pong that follows the sends.
            var refused = new HashSet<String>();
            for (var socket : sockets) {
                for (var frame : socket.settle()) {
                    if ("error".equals(frame.getString("type"))) {
                        assertEquals("UNAVAILABLE", frame.getString("code"), frame.toString());
                        refused.add(frame.getString("clientId"));
                    }
                }
            }
            assertTrue(refused.size() >= users * perUser - capacity - WRITER_BATCH,
                    "at most queue + batch accepted; refused " + refused.size() + " of " + users * perUser);
            db.rollback(); // the database is fast again

            int accepted = users * perUser - refused.size();
            var acked = new HashSet<String>();
            for (int u = 0; u < users; u++) {
                for (int i = 0; i < perUser; i++) {
                    String clientId = "q-" + u + "-" + i;
                    if (!refused.contains(clientId)) {
                        var ack = sockets.get(u).next(f -> "ack".equals(f.getString("type")) && clientId.equals(f.getString("clientId")));
                        acked.add(ack.getString("clientId"));
                    }
                }
            }
            assertEquals(accepted, acked.size(), "every accepted send acked after the stall");
            assertEquals(Set.copyOf(acked), storedClientIds(db, room), "exactly the acked ones stored, once each");

            // A refused send is simply sent again, with the same clientId, and now goes through.
            String again = refused.iterator().next();
            int sender = Integer.parseInt(again.split("-")[1]);
            sockets.get(sender).sendMessage(room, "sent again", again);
            sockets.get(sender).next(f -> "ack".equals(f.getString("type")) && again.equals(f.getString("clientId")));
        } finally {
            sockets.forEach(ChatClient::close);
        }
    }

    private static Set<String> storedClientIds(java.sql.Connection db, long room) throws Exception {
        db.setAutoCommit(true);
        try (var select = db.prepareStatement("SELECT client_id FROM messages WHERE room_id = ? AND system_event IS NULL")) {
            select.setLong(1, room);
            var ids = new HashSet<String>();
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    assertTrue(ids.add(rows.getString(1)), "stored twice: " + rows.getString(1));
                }
            }
            return ids;
        }
    }
}
