package org.jointchat.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/**
 * Threads (issue 22, item 1) against the real server: replies over REST and the socket, the root's summary and
 * version in the reply's commit, refused roots, paging, following, unread counts and read marks, the {@code thread}
 * frame on every tab, the room's unread count, and {@code sync} replaying a thread.
 */
class ThreadsIT extends AgainstTheServer {

    final class Member extends TestUser {
        Member(String prefix) {
            super(api, prefix, prefix + " Person");
        }

        long createRoom() {
            return newRoom("th-", "private");
        }

        HttpResponse<String> post(long room, JsonObjectBuilder body) {
            return post("api/v1/rooms/" + room + "/messages", body.add("clientId", UUID.randomUUID().toString()).build().toString());
        }

        JsonObject send(long room, String text) {
            return sendMessage(room, text);
        }

        JsonObject reply(long room, long thread, String text) {
            return sent(post(room, Json.createObjectBuilder().add("text", text).add("thread", thread)));
        }

        JsonObject roomEntry(long room) {
            return HttpSession.objects(get("api/v1/rooms")).stream()
                    .filter(r -> r.getJsonNumber("id").longValue() == room).findFirst().orElseThrow();
        }

        JsonObject thread(long room, long seq, String query) {
            var page = get("api/v1/rooms/" + room + "/threads/" + seq + query);
            assertEquals(200, page.statusCode(), page.body());
            return HttpSession.json(page);
        }

        List<JsonObject> followed() {
            var page = get("api/v1/threads?limit=100");
            assertEquals(200, page.statusCode(), page.body());
            return HttpSession.json(page).getJsonArray("items").getValuesAs(JsonObject.class);
        }

        Optional<JsonObject> followedThread(long room, long root) {
            return followed().stream().filter(t -> t.getJsonNumber("room").longValue() == room
                    && seq(t.getJsonObject("root")) == root).findFirst();
        }

        void follow(long room, long root, boolean on) {
            String path = "api/v1/rooms/" + room + "/threads/" + root + "/follow";
            assertEquals(204, (on ? put(path, "") : delete(path)).statusCode());
        }

        void read(long room, long root, long upTo) {
            var marked = put("api/v1/rooms/" + room + "/threads/" + root + "/read", "{\"seq\":" + upTo + "}");
            assertEquals(204, marked.statusCode(), marked.body());
        }

        private JsonObject sent(HttpResponse<String> response) {
            assertEquals(201, response.statusCode(), response.body());
            return HttpSession.json(response);
        }
    }

    static long seq(JsonObject m) {
        return m.getJsonNumber("seq").longValue();
    }

    static long version(JsonObject m) {
        return m.getJsonNumber("version").longValue();
    }

    static Predicate<JsonObject> frame(String type, long room, long seq) {
        return f -> type.equals(f.getString("type", null)) && f.get("room") instanceof JsonNumber r && r.longValue() == room
                && f.get("seq") instanceof JsonNumber s && s.longValue() == seq;
    }

    static Predicate<JsonObject> threadFrame(long room, long root) {
        return f -> "thread".equals(f.getString("type", null)) && f.getJsonNumber("room").longValue() == room
                && f.getJsonNumber("root").longValue() == root;
    }

    @Test
    void aReplyOverRestOrTheSocketChangesItsRootInTheSameCommit() {
        var ann = new Member("tann");
        var bob = new Member("tbob");
        var cy = new Member("tcy");
        long room = ann.createRoom();
        ann.add(room, bob, cy);
        var root = ann.send(room, "shall we ship on friday?");
        try (var a = ann.connect(); var c = cy.connect()) {
            var reply = bob.reply(room, seq(root), "yes, after the review");
            assertEquals(seq(root), reply.getJsonNumber("thread").longValue(), "the reply names its root");
            assertFalse(reply.containsKey("alsoToRoom"), "only when set");
            assertEquals(seq(root) + 1, seq(reply), "a thread reply takes the room's next seq");

            var message = a.next(frame("message", room, seq(reply)));
            assertEquals(seq(root), message.getJsonNumber("thread").longValue(), "every member gets the reply like any message");
            var changed = a.next(frame("changed", room, seq(root)));
            assertEquals(version(reply) + 1, version(changed), "the root took the room's next version, in the reply's commit");
            var summary = changed.getJsonObject("threadSummary");
            assertEquals(1, summary.getInt("replies"));
            assertEquals(reply.getString("sentAt"), summary.getString("lastReplyAt"));
            assertEquals(List.of(bob.login()), summary.getJsonArray("participants").getValuesAs(JsonObject.class).stream()
                    .map(p -> p.getString("login")).toList());
            assertEquals(bob.displayName(), summary.getJsonArray("participants").getJsonObject(0).getString("displayName"));

            // Over the socket, answering the reply (it goes to the root), also to the room.
            c.send(Json.createObjectBuilder().add("type", "send").add("room", room).add("text", "friday works")
                    .add("clientId", "c-1").add("thread", seq(reply)).add("alsoToRoom", true).build());
            var ack = c.next(f -> "ack".equals(f.getString("type")) && "c-1".equals(f.getString("clientId")));
            var second = a.next(frame("message", room, ack.getJsonNumber("seq").longValue()));
            assertEquals(seq(root), second.getJsonNumber("thread").longValue(), "a reply to a reply joins that reply's root");
            assertTrue(second.getBoolean("alsoToRoom"));
            var again = a.next(frame("changed", room, seq(root)));
            assertEquals(version(second) + 1, version(again));
            assertEquals(2, again.getJsonObject("threadSummary").getInt("replies"));
            assertEquals(List.of(cy.login(), bob.login()), again.getJsonObject("threadSummary").getJsonArray("participants")
                    .getValuesAs(JsonObject.class).stream().map(p -> p.getString("login")).toList(), "most recent first");
        }
        var history = bob.roomHistory(room);
        var storedRoot = history.stream().filter(m -> seq(m) == seq(root)).findFirst().orElseThrow();
        assertEquals(2, storedRoot.getJsonObject("threadSummary").getInt("replies"), "history shows the summary too");
        assertEquals(2, history.stream().filter(m -> m.containsKey("thread")).count());
    }

    @Test
    void aRootThatIsNoMessageOfTheRoomIsRefusedAndNothingIsStored() {
        var ann = new Member("tbad");
        var bob = new Member("tbob");
        long room = ann.createRoom();
        ann.add(room, bob);
        long other = bob.createRoom();
        long elsewhere = 0;
        for (int i = 0; i < 8; i++) {
            elsewhere = seq(bob.send(other, "elsewhere " + i));
        }
        var history = ann.roomHistory(room);
        long systemLine = history.stream().filter(m -> "system".equals(m.getString("kind", ""))).map(ThreadsIT::seq).findFirst().orElseThrow();
        long gone = seq(ann.send(room, "soon deleted"));
        assertEquals(204, ann.delete("api/v1/rooms/" + room + "/messages/" + gone).statusCode());
        long lastSeq = ann.roomEntry(room).getJsonNumber("lastSeq").longValue();
        assertTrue(elsewhere > lastSeq, "a seq of the other room only");

        for (long bad : new long[] {elsewhere, systemLine, gone, 9_999}) {
            var refused = bob.post(room, Json.createObjectBuilder().add("text", "into " + bad).add("thread", bad));
            assertEquals(400, refused.statusCode(), "thread " + bad + ": " + refused.body());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        }
        assertEquals(400, bob.post(room, Json.createObjectBuilder().add("text", "zero").add("thread", 0)).statusCode());
        try (var b = bob.connect()) {
            b.send(Json.createObjectBuilder().add("type", "send").add("room", room).add("text", "x").add("clientId", "bad-1")
                    .add("thread", systemLine).build());
            var error = b.next(f -> "error".equals(f.getString("type")) && "bad-1".equals(f.getString("clientId", null)));
            assertEquals("INVALID", error.getString("code"));
        }
        assertEquals(lastSeq, ann.roomEntry(room).getJsonNumber("lastSeq").longValue(), "nothing was stored");
        assertEquals(history.size() + 1, ann.roomHistory(room).size());
    }

    @Test
    void aThreadIsPagedOldestFirstAndOnlyMembersReadIt() {
        var ann = new Member("tpage");
        var stranger = new Member("tstr");
        long room = ann.createRoom();
        long root = seq(ann.send(room, "a long thread"));
        ann.send(room, "meanwhile in the room");
        long[] replies = new long[5];
        for (int i = 0; i < 5; i++) {
            replies[i] = seq(ann.reply(room, root, "reply " + i));
        }
        var newest = ann.thread(room, root, "?limit=2");
        assertEquals(root, seq(newest.getJsonObject("root")));
        assertEquals(5, newest.getJsonObject("root").getJsonObject("threadSummary").getInt("replies"));
        assertEquals(List.of(replies[3], replies[4]), seqs(newest));
        assertEquals(replies[3], newest.getJsonNumber("next").longValue());
        var older = ann.thread(room, root, "?limit=2&before=" + newest.getJsonNumber("next").longValue());
        assertEquals(List.of(replies[1], replies[2]), seqs(older));
        var oldest = ann.thread(room, root, "?limit=2&before=" + older.getJsonNumber("next").longValue());
        assertEquals(List.of(replies[0]), seqs(oldest));
        assertEquals(JsonValue.NULL, oldest.get("next"), "no older replies");
        assertEquals(List.of(replies[0], replies[1], replies[2], replies[3], replies[4]), seqs(ann.thread(room, replies[2], "")),
                "a reply's seq opens its thread");

        assertEquals(404, stranger.get("api/v1/rooms/" + room + "/threads/" + root).statusCode(), "a private room's thread");
        assertEquals(404, ann.get("api/v1/rooms/" + room + "/threads/9999").statusCode(), "no such message");
        assertEquals(400, ann.get("api/v1/rooms/" + room + "/threads/" + root + "?limit=0").statusCode());
    }

    private static List<Long> seqs(JsonObject page) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(ThreadsIT::seq).toList();
    }

    @Test
    void theAuthorRepliersAndTheMentionedFollowAndUnreadCountsFollowReadMarks() {
        var ann = new Member("tfol");
        var bob = new Member("tbob");
        var cy = new Member("tcy");
        var dan = new Member("tdan");
        long room = ann.createRoom();
        ann.add(room, bob, cy, dan);
        long root = seq(ann.send(room, "who has the keys?"));
        assertEquals(Optional.empty(), ann.followedThread(room, root), "no thread before its first reply");
        long mentionsBefore = cy.roomEntry(room).getJsonNumber("mentions").longValue();
        var reply = bob.reply(room, root, "ask @" + cy.login());
        assertEquals(List.of(cy.login()), reply.getJsonArray("mentions").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList(), "mentions work inside threads");
        assertEquals(mentionsBefore + 1, cy.roomEntry(room).getJsonNumber("mentions").longValue(), "and count for the mentioned");

        var annThread = ann.followedThread(room, root).orElseThrow(() -> new AssertionError("the root's author follows"));
        assertEquals(1, annThread.getInt("unread"));
        assertEquals(1, annThread.getInt("replies"));
        assertEquals(reply.getString("sentAt"), annThread.getString("lastReplyAt"));
        assertTrue(annThread.getBoolean("following"));
        assertEquals("who has the keys?", annThread.getJsonObject("root").getString("text"));
        assertTrue(annThread.getString("roomName").startsWith("th-"));
        assertEquals(0, bob.followedThread(room, root).orElseThrow(() -> new AssertionError("the replier follows")).getInt("unread"),
                "one's own reply is not unread");
        assertEquals(1, cy.followedThread(room, root).orElseThrow(() -> new AssertionError("the mentioned follow")).getInt("unread"));
        assertEquals(Optional.empty(), dan.followedThread(room, root), "a member who took no part does not follow");

        dan.follow(room, root, true);
        assertEquals(1, dan.followedThread(room, root).orElseThrow().getInt("unread"), "followed by hand");
        ann.read(room, root, seq(reply));
        assertEquals(0, ann.followedThread(room, root).orElseThrow().getInt("unread"), "read up to the reply");
        ann.read(room, root, 1);
        assertEquals(0, ann.followedThread(room, root).orElseThrow().getInt("unread"), "a read mark only moves forward");

        ann.follow(room, root, false);
        assertEquals(Optional.empty(), ann.followedThread(room, root), "unfollowed by hand");
        long second = seq(cy.reply(room, root, "found them"));
        assertEquals(Optional.empty(), ann.followedThread(room, root), "the root's author is not made to follow again");
        assertEquals(2, dan.followedThread(room, root).orElseThrow().getInt("unread"));
        assertEquals(1, bob.followedThread(room, root).orElseThrow().getInt("unread"), "cy's reply, not bob's own");
        assertEquals(0, cy.followedThread(room, root).orElseThrow().getInt("unread"), "cy replied after reading");
        dan.read(room, second, second);
        assertEquals(0, dan.followedThread(room, root).orElseThrow().getInt("unread"), "a reply's seq marks its thread");

        // Latest activity first, paged by the cursor.
        long later = seq(dan.send(room, "another topic"));
        dan.reply(room, later, "with a thread");
        var first = HttpSession.json(dan.get("api/v1/threads?limit=1"));
        assertEquals(later, seq(first.getJsonArray("items").getJsonObject(0).getJsonObject("root")));
        var next = HttpSession.json(dan.get("api/v1/threads?limit=1&before="
                + URLEncoder.encode(first.getString("next"), StandardCharsets.UTF_8)));
        assertEquals(root, seq(next.getJsonArray("items").getJsonObject(0).getJsonObject("root")));
        assertEquals(400, dan.get("api/v1/threads?before=nonsense").statusCode());
    }

    @Test
    void everyTabOfAFollowerHearsOfRepliesReadsAndUnfollows() {
        var ann = new Member("ttab");
        var bob = new Member("tbob");
        long room = ann.createRoom();
        ann.add(room, bob);
        long root = seq(ann.send(room, "lunch?"));
        try (var tab1 = ann.connect(); var tab2 = ann.connect()) {
            var reply = bob.reply(room, root, "pizza");
            for (var tab : List.of(tab1, tab2)) {
                var news = tab.next(threadFrame(room, root));
                assertEquals(1, news.getInt("replies"));
                assertEquals(1, news.getInt("unread"));
                assertTrue(news.getBoolean("following"));
                assertEquals(reply.getString("sentAt"), news.getString("lastReplyAt"));
            }
            ann.read(room, root, seq(reply));
            for (var tab : List.of(tab1, tab2)) {
                assertEquals(0, tab.next(threadFrame(room, root)).getInt("unread"), "read on another device");
            }
            ann.follow(room, root, false);
            for (var tab : List.of(tab1, tab2)) {
                assertFalse(tab.next(threadFrame(room, root)).getBoolean("following"));
            }
            bob.reply(room, root, "or sushi");
            tab1.settle();
            assertEquals(List.of(), tab1.collect(threadFrame(room, root), Duration.ofMillis(500)), "no news of an unfollowed thread");
        }
    }

    @Test
    void theRoomsUnreadCountLeavesThreadOnlyRepliesOutAndHelloCountsFollowedOnes() {
        var ann = new Member("tunr");
        var bob = new Member("tbob");
        var cy = new Member("tcy");
        long room = ann.createRoom();
        ann.add(room, bob, cy);
        var root = ann.send(room, "status?");
        bob.put("api/v1/rooms/" + room + "/read", "{\"seq\":" + seq(root) + "}");
        long unread = bob.roomEntry(room).getJsonNumber("unread").longValue();
        assertEquals(0, unread, bob.roomEntry(room).toString());
        ann.put("api/v1/rooms/" + room + "/read", "{\"seq\":" + seq(root) + "}");

        cy.reply(room, seq(root), "thread only");
        assertEquals(0, bob.roomEntry(room).getJsonNumber("unread").longValue(), "a thread-only reply is not the room's unread");
        cy.sent(cy.post(room, Json.createObjectBuilder().add("text", "also to the room").add("thread", seq(root)).add("alsoToRoom", true)));
        assertEquals(1, bob.roomEntry(room).getJsonNumber("unread").longValue(), "a reply also sent to the room is");

        try (var a = ann.connect()) {
            var entry = a.hello.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                    .filter(r -> r.getJsonNumber("id").longValue() == room).findFirst().orElseThrow();
            assertEquals(1, entry.getJsonNumber("unread").longValue(), "the room's own unread: the reply sent to it");
            assertEquals(2, entry.getJsonNumber("threadUnread").longValue(), "the followed thread's news: the room is not idle");
        }
    }

    @Test
    void syncReplaysAThreadsRepliesInOrderAndItsRootsChange() {
        var ann = new Member("tsyn");
        var bob = new Member("tbob");
        var cy = new Member("tcy");
        long room = ann.createRoom();
        ann.add(room, bob, cy);
        var root = ann.send(room, "plan for monday");
        var held = ann.send(room, "last seen by bob");
        // Bob held the room up to here and went away. Meanwhile:
        long r1 = seq(cy.reply(room, seq(root), "one"));
        long plain = seq(ann.send(room, "in the room"));
        long r2 = seq(ann.reply(room, seq(root), "two"));
        long r3 = seq(cy.reply(room, r1, "three"));
        try (var b = bob.connect()) {
            b.send(Json.createObjectBuilder().add("type", "sync").add("room", room).add("afterSeq", seq(held))
                    .add("afterVersion", version(held)).build());
            var synced = b.next(ChatClient.ofType("synced"));
            var frames = b.collect(f -> f.get("room") instanceof JsonNumber n && n.longValue() == room
                    && ("message".equals(f.getString("type")) || "changed".equals(f.getString("type"))), Duration.ofMillis(700));
            var messages = frames.stream().filter(f -> "message".equals(f.getString("type"))).toList();
            assertEquals(List.of(r1, plain, r2, r3), messages.stream().map(ThreadsIT::seq).toList(), "in seq order, once each");
            assertEquals(List.of(seq(root), seq(root), seq(root)), messages.stream().filter(m -> m.containsKey("thread"))
                    .map(m -> m.getJsonNumber("thread").longValue()).toList());
            var changes = frames.stream().filter(f -> "changed".equals(f.getString("type"))).toList();
            assertEquals(List.of(seq(root)), changes.stream().map(ThreadsIT::seq).toList(), "the root's change, once: " + changes);
            assertEquals(3, changes.get(0).getJsonObject("threadSummary").getInt("replies"));
            assertEquals(synced.getJsonNumber("lastVersion").longValue(), version(changes.get(0)), "the root's change is the room's last");
            assertEquals(r3, synced.getJsonNumber("lastSeq").longValue());
        }
    }
}
