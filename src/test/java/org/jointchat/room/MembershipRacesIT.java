package org.jointchat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jointchat.support.Await;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Room changes that race each other, run many times at once over the API: the committed state must keep its
 * invariants (no private room left without members, the owner is always a member) whatever the order.
 */
class MembershipRacesIT extends AgainstTheServer {

    private static final int ROUNDS = 15;

    ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    TestUser person(String prefix) {
        return TestUser.register(api, prefix, prefix + " Racer");
    }

    HttpResponse<String> call(TestUser who, String method, String path, String json) {
        var request = api.request(path, "Authorization", "Bearer " + who.token());
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return api.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A new room of this owner ("public" or "private"). */
    long room(TestUser owner, String visibility) {
        var created = call(owner, "POST", "api/v1/rooms", Json.createObjectBuilder().add("name", TestData.uniqueLogin("race"))
                .add("visibility", visibility).build().toString());
        assertEquals(201, created.statusCode(), created.body());
        return HttpSession.json(created).getJsonNumber("id").longValue();
    }

    /** The message writer's lanes, from the server's /health/live (check "message-writer"; numbers as strings). */
    int writerLanes() {
        var root = new HttpSession(java.net.URI.create(base.getScheme() + "://" + base.getAuthority() + "/"));
        var live = HttpSession.json(root.get("health/live"));
        for (var check : live.getJsonArray("checks").getValuesAs(JsonObject.class)) {
            if ("message-writer".equals(check.getString("name"))) {
                return Integer.parseInt(check.getJsonObject("data").get("lanes").toString().replace("\"", ""));
            }
        }
        throw new AssertionError("no message-writer check: " + live);
    }

    long privateRoom(TestUser owner, TestUser member) {
        long room = room(owner, "private");
        assertEquals(201, call(owner, "PUT", "api/v1/rooms/" + room + "/members/" + member.login(), null).statusCode());
        return room;
    }

    /** How many rooms have this id (0 or 1), read from PostgreSQL. */
    static long roomsWithId(long room) throws Exception {
        try (var db = TestDatabase.connect();
                var select = db.prepareStatement("SELECT count(*) FROM rooms WHERE id = ?")) {
            select.setLong(1, room);
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Runs both at the same moment and returns their answers. */
    List<HttpResponse<String>> together(Callable<HttpResponse<String>> a, Callable<HttpResponse<String>> b) throws Exception {
        var start = new CountDownLatch(1);
        Future<HttpResponse<String>> first = pool.submit(() -> {
            start.await();
            return a.call();
        });
        Future<HttpResponse<String>> second = pool.submit(() -> {
            start.await();
            return b.call();
        });
        start.countDown();
        return List.of(first.get(), second.get());
    }

    @Test
    void theLastTwoMembersLeavingAtOnceDeleteThePrivateRoom() throws Exception {
        var ann = person("leaveann");
        var bob = person("leavebob");
        for (int i = 0; i < ROUNDS; i++) {
            long room = privateRoom(ann, bob);
            var answers = together(() -> call(ann, "DELETE", "api/v1/rooms/" + room + "/members/" + ann.login(), null),
                    () -> call(bob, "DELETE", "api/v1/rooms/" + room + "/members/" + bob.login(), null));
            answers.forEach(r -> assertEquals(204, r.statusCode(), r.body()));
            // Nobody is left, so the room is gone: an empty private room would be invisible to everyone,
            // so look in the database itself.
            assertEquals(0, roomsWithId(room), "round " + i + ": an empty private room was left behind");
        }
    }

    @Test
    void twoJoiningAnOwnerlessPublicRoomAtOnceMakeTheFirstOfThemOwner() throws Exception {
        var founder = person("joinfounder");
        var ann = person("joinann");
        var bob = person("joinbob");
        for (int i = 0; i < ROUNDS; i++) {
            long room = room(founder, "public");
            assertEquals(204, call(founder, "DELETE", "api/v1/rooms/" + room + "/members/" + founder.login(), null).statusCode());
            together(() -> call(ann, "PUT", "api/v1/rooms/" + room + "/members/" + ann.login(), null),
                    () -> call(bob, "PUT", "api/v1/rooms/" + room + "/members/" + bob.login(), null));
            var detail = HttpSession.json(call(ann, "GET", "api/v1/rooms/" + room, null));
            var members = detail.getJsonArray("members").getValuesAs(JsonObject.class);
            assertEquals(2, members.size(), detail.toString());
            // Members come by joining order: the first to join an ownerless room owns it, and nobody else.
            assertEquals(members.get(0).getString("login"), detail.getString("owner", null), "round " + i + ": " + detail);
            assertEquals(1, members.stream().filter(m -> m.getBoolean("owner")).count(), "round " + i + ": " + detail);
        }
    }

    @Test
    void aSocketThatOpensWhileItsUserIsAddedReceivesTheRoom() throws Exception {
        var owner = person("connowner");
        var bob = person("connbob");
        for (int i = 0; i < ROUNDS; i++) {
            long room = room(owner, "private");
            var opening = pool.submit(() -> ChatClient.connect(base, bob.token(), null));
            assertEquals(201, call(owner, "PUT", "api/v1/rooms/" + room + "/members/" + bob.login(), null).statusCode());
            try (var socket = opening.get()) {
                String text = "round " + i + " for bob";
                var sent = call(owner, "POST", "api/v1/rooms/" + room + "/messages",
                        Json.createObjectBuilder().add("text", text).add("clientId", "conn-" + i + "-" + room).build().toString());
                assertEquals(201, sent.statusCode(), sent.body());
                // Whether the socket learned of the room from hello or from the "added" frame, the message reaches it.
                socket.next(f -> "message".equals(f.getString("type")) && f.getJsonNumber("room").longValue() == room
                        && text.equals(f.getString("text")));
            }
        }
    }

    @Test
    void aHandOverToAMemberWhoIsLeavingNeverLeavesANonMemberOwner() throws Exception {
        var owner = person("handowner");
        var bob = person("handbob");
        for (int i = 0; i < ROUNDS; i++) {
            long room = privateRoom(owner, bob);
            together(() -> call(owner, "PATCH", "api/v1/rooms/" + room, "{\"owner\":\"" + bob.login() + "\"}"),
                    () -> call(bob, "DELETE", "api/v1/rooms/" + room + "/members/" + bob.login(), null));
            var detail = HttpSession.json(call(owner, "GET", "api/v1/rooms/" + room, null));
            String ownerNow = detail.getString("owner", null);
            var members = detail.getJsonArray("members").getValuesAs(JsonObject.class).stream().map(m -> m.getString("login")).toList();
            assertTrue(ownerNow != null && members.contains(ownerNow), "round " + i + ": owner " + ownerNow + " not among " + members);
        }
    }

    /**
     * The owner posts a marker and then a second message, and waits for the second on their own socket: the
     * marker's fan-out to every socket of the room was done by then (one writer fans out batch after batch).
     * Returns the marker's seq.
     */
    long marker(TestUser owner, ChatClient ownerSocket, long room) {
        long[] seqs = new long[2];
        for (int n = 0; n < 2; n++) {
            var sent = call(owner, "POST", "api/v1/rooms/" + room + "/messages", Json.createObjectBuilder()
                    .add("text", "marker " + n).add("clientId", "marker-" + room + "-" + n).build().toString());
            assertEquals(201, sent.statusCode(), sent.body());
            seqs[n] = HttpSession.json(sent).getJsonNumber("seq").longValue();
        }
        ownerSocket.next(f -> "message".equals(f.getString("type")) && f.getJsonNumber("room").longValue() == room
                && f.getJsonNumber("seq").longValue() == seqs[1]);
        return seqs[0];
    }

    /** The seqs of this author's messages stored in the room, read from PostgreSQL. */
    static List<Long> storedSeqs(long room, String author) throws Exception {
        try (var db = TestDatabase.connect();
                var select = db.prepareStatement("SELECT m.seq FROM messages m JOIN users u ON u.id = m.author_id"
                        + " WHERE m.room_id = ? AND u.login = ? ORDER BY m.seq")) {
            select.setLong(1, room);
            select.setString(2, author);
            var seqs = new ArrayList<Long>();
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    seqs.add(rows.getLong(1));
                }
            }
            return seqs;
        }
    }

    /** Message frames of this room with seq at or above the given one among what the socket has received. */
    static List<JsonObject> messagesFrom(List<JsonObject> frames, long room, long fromSeq) {
        return frames.stream().filter(f -> "message".equals(f.getString("type")) && f.getJsonNumber("room").longValue() == room
                && f.getJsonNumber("seq").longValue() >= fromSeq).toList();
    }

    /** Waits until a transaction of the server waits for a row lock: the writer took the message in hand. */
    static void awaitABlockedWriter() throws Exception {
        try (var db = TestDatabase.connect(); var waiting = db.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            Await.until(ChatClient.WAIT, Duration.ofMillis(20), "the writer never waited for the lock", () -> {
                try (var rows = waiting.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) > 0;
                }
            });
        }
    }

    @Test
    void sendsQueuedBeforeARemovalAndCommittedAfterItAreRefused() throws Exception {
        var owner = person("sendowner");
        var bob = person("sendbob");
        long room = privateRoom(owner, bob);
        // A room the writer handles in the same lane as bob's (a room's lane is its id mod the lanes), so that
        // holding it up holds up bob's sends too.
        int lanes = writerLanes();
        long candidate = room(owner, "public");
        while (Math.floorMod(candidate, lanes) != Math.floorMod(room, lanes)) {
            candidate = room(owner, "public");
        }
        long elsewhere = candidate;
        try (var ownerSocket = ChatClient.connect(base, owner.token(), null);
                var socket = ChatClient.connect(base, bob.token(), null);
                var db = TestDatabase.connect()) {
            // The writer is held up by another room (its row locked here, as by a slow transaction) with a
            // message of the owner's in hand; bob's sends, accepted while he is a member, queue behind it.
            db.setAutoCommit(false);
            try (var lock = db.prepareStatement("SELECT id FROM rooms WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, elsewhere);
                lock.executeQuery().close();
            }
            ownerSocket.sendMessage(elsewhere, "holding the writer", "hold-" + elsewhere);
            awaitABlockedWriter();
            int sent = 5;
            for (int n = 0; n < sent; n++) {
                socket.sendMessage(room, "bob " + n, "bob-" + room + "-" + n);
            }
            assertEquals(List.of(), socket.settle().stream().filter(ChatClient.ofType("error")).toList(), "accepted into the queue");
            // Bob is removed and that commits while his messages wait.
            assertEquals(204, call(owner, "DELETE", "api/v1/rooms/" + room + "/members/" + bob.login(), null).statusCode());
            db.rollback();

            // Committed after the removal, so refused: membership is decided when the writer commits.
            for (int n = 0; n < sent; n++) {
                String clientId = "bob-" + room + "-" + n;
                var answer = socket.next(f -> clientId.equals(f.getString("clientId", null))
                        && ("ack".equals(f.getString("type")) || "error".equals(f.getString("type"))));
                assertEquals("error", answer.getString("type"), answer.toString());
                assertTrue(List.of("NOT_FOUND", "NOT_MEMBER").contains(answer.getString("code")), answer.toString());
            }
            assertEquals(List.of(), storedSeqs(room, bob.login()), "nothing stored from a non-member");
            ownerSocket.next(f -> "ack".equals(f.getString("type")) && ("hold-" + elsewhere).equals(f.getString("clientId")));
            // And nothing of the room reaches bob's socket after the removal.
            long mark = marker(owner, ownerSocket, room);
            assertEquals(List.of(), messagesFrom(socket.settle(), room, mark));
        }
    }

    @Test
    void aSocketThatOpensWhileItsUserIsRemovedReceivesNothingOfTheRoomAfterwards() throws Exception {
        var owner = person("dropowner");
        var bob = person("dropbob");
        for (int i = 0; i < ROUNDS; i++) {
            long room = privateRoom(owner, bob);
            try (var ownerSocket = ChatClient.connect(base, owner.token(), null)) {
                var opening = pool.submit(() -> ChatClient.connect(base, bob.token(), null));
                assertEquals(204, call(owner, "DELETE", "api/v1/rooms/" + room + "/members/" + bob.login(), null).statusCode());
                try (var socket = opening.get()) {
                    long mark = marker(owner, ownerSocket, room);
                    // Whether hello still listed the room or not, the socket is no longer registered for it.
                    assertEquals(List.of(), messagesFrom(socket.settle(), room, mark), "round " + i + ": delivered after the removal");
                }
            }
        }
    }
}
