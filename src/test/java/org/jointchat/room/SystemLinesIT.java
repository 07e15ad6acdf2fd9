package org.jointchat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/**
 * System lines (issue 21, item 2): membership and room changes are rows of the room's history, numbered with its seq in
 * the change's own transaction, delivered live and by sync after a reconnect, nobody's unread, and refused every change.
 */
class SystemLinesIT extends AgainstTheServer {

    private TestUser user(String prefix, String name) {
        return TestUser.register(api, prefix, name);
    }

    private static long createRoom(TestUser owner, String name) {
        var created = owner.post("api/v1/rooms", Json.createObjectBuilder().add("name", name).add("visibility", "private").build().toString());
        assertEquals(201, created.statusCode(), created.body());
        return HttpSession.json(created).getJsonNumber("id").longValue();
    }

    private static Predicate<JsonObject> systemLine(long room, String type) {
        return f -> "message".equals(f.getString("type")) && f.getJsonNumber("room").longValue() == room
                && "system".equals(f.getString("kind", "")) && type.equals(f.getJsonObject("event").getString("type"));
    }

    private static List<JsonObject> history(TestUser reader, long room) {
        var page = reader.get("api/v1/rooms/" + room + "/messages?limit=200");
        assertEquals(200, page.statusCode(), page.body());
        return HttpSession.objects(page);
    }

    private static long lastSeq(long room) throws Exception {
        try (var db = TestDatabase.connect(); var select = db.prepareStatement("SELECT last_seq FROM rooms WHERE id = ?")) {
            select.setLong(1, room);
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void assertProblem(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), response.headers().toString());
    }

    @Test
    void changesWriteSystemLinesIntoTheRoomsOrderedSyncedHistory() throws Exception {
        var alice = user("alice", "Alice Sys");
        var bob = user("bob", "Bob Sys");
        var carol = user("carol", "Carol Sys");
        String name = TestData.uniqueLogin("Plans");
        long room = createRoom(alice, name);
        assertEquals(0, lastSeq(room), "creating a room writes no line: its timeline starts empty");
        try (var aliceSocket = alice.connect()) {
            aliceSocket.sendMessage(room, "before anyone", "a1");
            assertEquals("a1", aliceSocket.next("ack").getString("clientId"));

            // Adding Bob: the line is the room's next seq, stored with the membership, and reaches both, Bob included.
            try (var bobSocket = bob.connect()) {
                assertEquals(201, alice.put("api/v1/rooms/" + room + "/members/" + bob.login(), "").statusCode());
                var added = bobSocket.next(systemLine(room, "added"));
                assertEquals(2, added.getJsonNumber("seq").longValue());
                assertEquals(alice.login(), added.getString("author"));
                assertEquals(bob.login(), added.getJsonObject("event").getString("target"));
                assertEquals("Bob Sys", added.getJsonObject("event").getString("targetName"));
                assertEquals("", added.getString("text"));
                assertEquals(2, aliceSocket.next(systemLine(room, "added")).getJsonNumber("seq").longValue());
                assertEquals(2, lastSeq(room));
            }

            // Bob is away; meanwhile the room is renamed with a topic, Carol is added and leaves.
            String renamed = TestData.uniqueLogin("Renamed");
            var patch = alice.patch("api/v1/rooms/" + room, Json.createObjectBuilder().add("name", renamed).add("topic", "Q3 plans").build().toString());
            assertEquals(200, patch.statusCode(), patch.body());
            assertEquals(201, alice.put("api/v1/rooms/" + room + "/members/" + carol.login(), "").statusCode());
            assertEquals(204, carol.delete("api/v1/rooms/" + room + "/members/" + carol.login()).statusCode());
            alice.post("api/v1/rooms/" + room + "/messages", "{\"text\":\"welcome back\",\"clientId\":\"a2\"}");

            // A change that fails writes nothing: no line, no seq taken (one transaction).
            String taken = TestData.uniqueLogin("Taken");
            createRoom(carol, taken);
            long before = lastSeq(room);
            assertProblem(409, alice.patch("api/v1/rooms/" + room, Json.createObjectBuilder().add("name", taken).build().toString()));
            assertProblem(403, bob.put("api/v1/rooms/" + room + "/members/" + carol.login(), ""));
            assertEquals(before, lastSeq(room));

            // History: one gap-free sequence of messages and lines, in the order things happened.
            var all = history(alice, room);
            var kinds = new ArrayList<String>();
            for (int i = 0; i < all.size(); i++) {
                var m = all.get(i);
                assertEquals(i + 1, m.getJsonNumber("seq").longValue(), "seq without gaps");
                kinds.add(m.containsKey("kind") ? m.getJsonObject("event").getString("type") : m.getString("text"));
            }
            assertEquals(List.of("before anyone", "added", "renamed", "topic", "added", "left", "welcome back"), kinds);
            assertEquals(renamed, all.get(2).getJsonObject("event").getString("value"));
            assertEquals("Q3 plans", all.get(3).getJsonObject("event").getString("value"));
            assertEquals(carol.login(), all.get(5).getString("author"), "who left is the author of the line");

            // Lines are nobody's unread: of Bob's seven seqs five are lines, so two messages are unread.
            var rooms = HttpSession.array(bob.get("api/v1/rooms").body());
            var mine = rooms.getValuesAs(JsonObject.class).stream().filter(r -> r.getJsonNumber("id").longValue() == room).findFirst().orElseThrow();
            assertEquals(7, mine.getJsonNumber("lastSeq").longValue());
            assertEquals(2, mine.getJsonNumber("unread").longValue(), mine.toString());

            // Bob reconnects and syncs from the last seq he held: the lines come in order, then synced.
            try (var bobAgain = bob.connect()) {
                var hello = bobAgain.hello.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                        .filter(r -> r.getJsonNumber("id").longValue() == room).findFirst().orElseThrow();
                assertEquals(2, hello.getJsonNumber("unread").longValue(), "hello's count leaves lines out too");
                bobAgain.sync(room, 2);
                var replay = bobAgain.take(f -> "message".equals(f.getString("type")) && f.getJsonNumber("room").longValue() == room, 5);
                assertEquals(List.of(3L, 4L, 5L, 6L, 7L), replay.stream().map(f -> f.getJsonNumber("seq").longValue()).toList());
                assertEquals(List.of("renamed", "topic", "added", "left"),
                        replay.subList(0, 4).stream().map(f -> f.getJsonObject("event").getString("type")).toList());
                assertFalse(replay.get(4).containsKey("kind"));
                bobAgain.next("synced");
            }

            // Nothing can be done with a line: edit, delete, react, report (problem+json), reply (400); search skips it.
            String line = "api/v1/rooms/" + room + "/messages/2";
            assertProblem(403, alice.patch(line, "{\"text\":\"rewritten\"}"));
            assertProblem(403, alice.delete(line));
            assertProblem(403, bob.put(line + "/reactions/%F0%9F%91%8D", ""));
            assertProblem(403, bob.post(line + "/report", "{\"reason\":\"spam\"}"));
            assertProblem(400, bob.post("api/v1/rooms/" + room + "/messages", "{\"text\":\"re\",\"clientId\":\"b9\",\"replyTo\":2}"));
            assertEquals(2, history(alice, room).get(1).getJsonNumber("version").longValue(), "the line never changed");
            var found = HttpSession.json(alice.get("api/v1/search/messages?room=" + room + "&q=" + "Q3"));
            assertEquals(0, found.getJsonArray("items").size(), found.toString());
        }
    }
}
