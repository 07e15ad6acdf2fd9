package org.jointchat.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import org.jointchat.support.Accounts;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
import org.junit.jupiter.api.Test;

/** The protocol's limits and long paths, each on its own: oversized frames, multi-batch sync, typing throttle. */
class FailurePathsIT extends AgainstTheServer {


    record User(String login, String token) {
    }

    User user(String prefix) {
        String login = Accounts.register(api, prefix, prefix + " Edge");
        return new User(login, Accounts.token(api, login));
    }

    long publicRoom(User owner) {
        var created = api.postJson("api/v1/rooms", Json.createObjectBuilder().add("name", TestData.uniqueLogin("edge"))
                .add("visibility", "public").build().toString(), "Authorization", "Bearer " + owner.token());
        assertEquals(201, created.statusCode(), created.body());
        return HttpSession.json(created).getJsonNumber("id").longValue();
    }

    @Test
    void aFrameOver64KiBClosesTheSocketWith1009() throws Exception {
        var ann = user("big");
        try (var socket = ChatClient.connect(base, ann.token(), null)) {
            socket.sendRaw("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
            assertEquals(1009, socket.awaitClosed());
        }
    }

    @Test
    void aSyncOfMoreThanOneBatchDeliversEveryMessageOnceInOrder() throws Exception {
        var ann = user("sync");
        long room = publicRoom(ann);
        int total = 450; // more than two batches of 200
        try (var db = TestDatabase.connect()) {
            try (var insert = db.prepareStatement("""
                    INSERT INTO messages (room_id, seq, author_id, client_id, text, sent_at)
                    SELECT ?, g, u.id, 'seed-' || g, 'old ' || g, now() FROM generate_series(1, ?) g, users u WHERE u.login = ?""")) {
                insert.setLong(1, room);
                insert.setInt(2, total);
                insert.setString(3, ann.login());
                assertEquals(total, insert.executeUpdate());
            }
            try (var update = db.prepareStatement("UPDATE rooms SET last_seq = ? WHERE id = ?")) {
                update.setLong(1, total);
                update.setLong(2, room);
                update.executeUpdate();
            }
        }
        try (var socket = ChatClient.connect(base, ann.token(), null)) {
            socket.sync(room, 0);
            var seqs = new ArrayList<Long>();
            for (int i = 0; i < total; i++) {
                var m = socket.next(f -> "message".equals(f.getString("type")) && f.getJsonNumber("room").longValue() == room);
                seqs.add(m.getJsonNumber("seq").longValue());
            }
            var synced = socket.next("synced");
            assertEquals(total, synced.getJsonNumber("lastSeq").longValue());
            for (int i = 0; i < total; i++) {
                assertEquals(i + 1, seqs.get(i), "in order, once each");
            }
        }
    }

    @Test
    void typingIsPassedOnAtMostOnceASecondPerSocket() {
        var ann = user("typer");
        var bob = user("reader");
        long room = publicRoom(ann);
        api.send(api.request("api/v1/rooms/" + room + "/members/" + bob.login(), "Authorization", "Bearer " + bob.token())
                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()));
        try (var a = ChatClient.connect(base, ann.token(), null); var b = ChatClient.connect(base, bob.token(), null)) {
            for (int i = 0; i < 5; i++) {
                a.send(Json.createObjectBuilder().add("type", "typing").add("room", room).build());
            }
            a.sendMessage(room, "marker after typing", "marker-1");
            b.next(f -> "message".equals(f.getString("type")) && "marker-1".equals(f.getString("clientId", "")));
            // Everything a sent before the marker has arrived before it (one socket, one order).
            long typing = b.pending().stream().filter(f -> "typing".equals(f.getString("type"))).count();
            assertEquals(1, typing, "five typing frames within a second, one passed on: " + b.pending());
        }
    }
}
