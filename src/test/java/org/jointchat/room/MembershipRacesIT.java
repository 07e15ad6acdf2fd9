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

    long privateRoom(Person owner, Person member) {
        var created = call(owner, "POST", "api/v1/rooms", Json.createObjectBuilder().add("name", TestData.uniqueLogin("race"))
                .add("visibility", "private").build().toString());
        assertEquals(201, created.statusCode(), created.body());
        long room = HttpSession.json(created).getJsonNumber("id").longValue();
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
