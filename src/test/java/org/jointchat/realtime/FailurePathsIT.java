package org.jointchat.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.HttpSession;
import org.jointchat.support.SilentClient;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/**
 * The protocol's limits and long paths, each on its own: clients that stop reading or answering, oversized
 * frames, multi-batch sync, typing throttle.
 */
class FailurePathsIT extends AgainstTheServer {


    TestUser user(String prefix) {
        return TestUser.register(api, prefix, prefix + " Edge");
    }

    long publicRoom(TestUser owner) {
        var created = api.postJson("api/v1/rooms", Json.createObjectBuilder().add("name", TestData.uniqueLogin("edge"))
                .add("visibility", "public").build().toString(), "Authorization", "Bearer " + owner.token());
        assertEquals(201, created.statusCode(), created.body());
        return HttpSession.json(created).getJsonNumber("id").longValue();
    }

    /** Stores messages 1..count of the author in an empty room behind the API (text: prefix + number). */
    static void seed(long room, TestUser author, int count, String prefix) throws Exception {
        TestDatabase.withoutSystemLines(room);
        try (var db = TestDatabase.connect()) {
            try (var insert = db.prepareStatement("""
                    INSERT INTO messages (room_id, seq, author_id, client_id, text, sent_at)
                    SELECT ?, g, u.id, 'seed-' || g, ? || g, now() FROM generate_series(1, ?) g, users u WHERE u.login = ?""")) {
                insert.setLong(1, room);
                insert.setString(2, prefix);
                insert.setInt(3, count);
                insert.setString(4, author.login());
                assertEquals(count, insert.executeUpdate());
            }
            try (var update = db.prepareStatement("UPDATE rooms SET last_seq = ? WHERE id = ?")) {
                update.setLong(1, count);
                update.setLong(2, room);
                update.executeUpdate();
            }
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWith1013WhileOthersGoOn() throws Exception {
        var ann = user("stuck");
        var watcher = user("onlooker");
        long room = publicRoom(ann);
        // 199 messages of 2,000 characters (about 4 KB each as UTF-8, 8 KB as a frame with its html): one
        // sync is one batch of ~1.6 MB.
        seed(room, ann, 199, "ж".repeat(1990) + " ");
        try (var w = ChatClient.connect(base, watcher.token(), null)) {
            w.watch(ann.login());
            try (var stuck = new SilentClient(base, ann.token())) {
                // Twenty syncs ask for ~4,000 frames (~32 MB) that the client never reads: the network buffers
                // fill, then the socket's queue, and past its limit the server closes the socket instead of
                // holding more. Spaced out, so that the buffers are full when the server gives up: the close
                // frame must still follow what was written (it was once dropped, and the client saw EOF).
                for (int i = 0; i < 20; i++) {
                    stuck.sendText("{\"type\":\"sync\",\"room\":" + room + ",\"afterSeq\":0}");
                    Thread.sleep(150); // the spacing is the point: buffers fill between syncs
                }
                // Ann goes offline when her only socket is closed; the onlooker's socket meanwhile works as ever.
                w.next(ChatClient.presenceOf(ann.login(), false));
                assertEquals(List.of(), w.settle().stream().filter(f -> !"presence".equals(f.getString("type"))).toList(),
                        "nothing but ann's presence for the onlooker");
                assertEquals(1013, stuck.awaitClosed(), "closed as too slow, to reconnect and sync");
                assertEquals("too slow; reconnect and sync", stuck.closeReason());
            }
        }
    }

    @Test
    void aClientThatAnswersNoPingIsClosedAfterTheIdleTimeout() throws Exception {
        var idle = Duration.parse(System.getenv("JOINTCHAT_WS_IDLE_TIMEOUT"));
        var ann = user("silent");
        var watcher = user("pinger");
        try (var w = ChatClient.connect(base, watcher.token(), null)) {
            long start = System.nanoTime();
            try (var silent = new SilentClient(base, ann.token())) {
                w.watch(ann.login());
                assertEquals(1001, silent.awaitClosed(), "closed as gone away");
                assertEquals("no answer to pings", silent.closeReason());
                var took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(took.compareTo(idle) >= 0, "not before the idle timeout " + idle + ": " + took);
            }
            w.next(ChatClient.presenceOf(ann.login(), false)); // and she is offline for the others
        }
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
        seed(room, ann, total, "old ");
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
