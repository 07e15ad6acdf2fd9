package org.jointchat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jointchat.support.Accounts;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
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

    record Person(String login, String token) {
    }

    Person person(String prefix) {
        String login = Accounts.register(api, prefix, prefix + " Racer");
        return new Person(login, Accounts.token(api, login));
    }

    HttpResponse<String> call(Person who, String method, String path, String json) {
        var request = api.request(path, "Authorization", "Bearer " + who.token());
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return api.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A new room of this owner ("public" or "private"). */
    long room(Person owner, String visibility) {
        var created = call(owner, "POST", "api/v1/rooms", Json.createObjectBuilder().add("name", TestData.uniqueLogin("race"))
                .add("visibility", visibility).build().toString());
        assertEquals(201, created.statusCode(), created.body());
        return HttpSession.json(created).getJsonNumber("id").longValue();
    }

    long privateRoom(Person owner, Person member) {
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
            var opening = pool.submit(() -> org.jointchat.support.ChatClient.connect(base, bob.token(), null));
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
}
