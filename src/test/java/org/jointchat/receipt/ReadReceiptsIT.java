package org.jointchat.receipt;

import static org.jointchat.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestDatabase;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/**
 * Read receipts (issue 22, item 3) over REST and the socket: who is listed as a reader, where receipts are kept, the
 * "share read receipts" setting hiding both ways, and the live {@code seen} frame.
 */
class ReadReceiptsIT extends AgainstTheServer {

    final class Member extends TestUser {
        Member(String prefix, String name) {
            super(api, prefix, name);
        }

        long createRoom() {
            return newRoom("receipts-", "private");
        }

        long send(long room, String text) {
            return sendMessage(room, text).getJsonNumber("seq").longValue();
        }

        void read(long room, long seq) {
            var marked = put("api/v1/rooms/" + room + "/read", "{\"seq\":" + seq + "}");
            assertEquals(200, marked.statusCode(), marked.body());
        }

        void share(boolean share) {
            var set = put("api/v1/users/me/receipts", "{\"share\":" + share + "}");
            assertEquals(200, set.statusCode(), set.body());
            assertEquals(share, HttpSession.json(set).getBoolean("share"));
        }

        HttpResponse<String> readersResponse(long room, long seq) {
            return get("api/v1/rooms/" + room + "/messages/" + seq + "/readers");
        }

        /** The readers' logins, checking the answer's shape on the way. */
        List<String> readers(long room, long seq) {
            var answer = readersResponse(room, seq);
            assertEquals(200, answer.statusCode(), answer.body());
            var json = HttpSession.json(answer);
            var items = json.getJsonArray("items").getValuesAs(JsonObject.class);
            assertEquals(items.size(), json.getInt("count"), answer.body());
            items.forEach(i -> assertFalse(i.getString("displayName").isEmpty(), answer.body()));
            return items.stream().map(i -> i.getString("login")).toList();
        }
    }

    static Predicate<JsonObject> seen(long room, String login) {
        return f -> "seen".equals(f.getString("type", null)) && f.getJsonNumber("room").longValue() == room
                && login.equals(f.getString("login", null));
    }

    @Test
    void readersAreMembersWhoseMarkIsPastTheMessageAndNeverItsAuthor() {
        var ann = new Member("rann", "Ann Receipts");
        var bob = new Member("rbob", "Bob Receipts");
        var cy = new Member("rcy", "Cy Receipts");
        var stranger = new Member("rstr", "Stranger Receipts");
        long room = ann.createRoom();
        ann.add(room, bob);
        ann.add(room, cy);
        long first = ann.send(room, "first");
        long second = ann.send(room, "second");

        assertEquals(List.of(), ann.readers(room, second), "nobody has read it yet");
        bob.read(room, second);
        cy.read(room, first);
        ann.read(room, second);
        assertEquals(List.of(bob.login()), ann.readers(room, second), "Bob read up to it; Cy only to the one before; Ann wrote it");
        assertEquals(List.of(bob.login(), cy.login()), ann.readers(room, first), "by name");
        assertEquals(List.of(bob.login(), cy.login()), cy.readers(room, first), "any member asks, and is listed when they read it");

        long bobs = bob.send(room, "from bob");
        ann.read(room, bobs);
        assertEquals(List.of(ann.login()), cy.readers(room, bobs), "Bob's own mark is past his message: he is still not listed");

        assertProblem(404, "not-found", stranger.readersResponse(room, first), "a private room is not there for others");
        long dm = ann.direct(bob);
        long hi = ann.send(dm, "hi bob");
        assertProblem(404, "not-found", cy.readersResponse(dm, hi), "nor is somebody else's direct room");
        assertProblem(404, "not-found", ann.readersResponse(room, 9_999), "no such message");
        bob.read(dm, hi);
        assertEquals(List.of(bob.login()), ann.readers(dm, hi), "a direct room keeps receipts");
    }

    /** A thread-only reply is not in the room's main list: its readers are those who read the thread, not the room. */
    @Test
    void aThreadOnlyReplyIsReadInItsThread() {
        var ann = new Member("rtann", "Ann Thread Receipts");
        var bob = new Member("rtbob", "Bob Thread Receipts");
        var cy = new Member("rtcy", "Cy Thread Receipts");
        long room = ann.createRoom();
        ann.add(room, bob);
        ann.add(room, cy);
        long root = ann.send(room, "a root");
        var sent = ann.post("api/v1/rooms/" + room + "/messages", Json.createObjectBuilder().add("text", "in the thread")
                .add("thread", root).add("clientId", UUID.randomUUID().toString()).build().toString());
        assertEquals(201, sent.statusCode(), sent.body());
        long reply = HttpSession.json(sent).getJsonNumber("seq").longValue();

        bob.read(room, reply);
        assertEquals(List.of(), ann.readers(room, reply), "Bob read the room: the thread's reply was never on his screen");
        var marked = cy.put("api/v1/rooms/" + room + "/threads/" + root + "/read", "{\"seq\":" + reply + "}");
        assertTrue(marked.statusCode() / 100 == 2, marked.body());
        assertEquals(List.of(cy.login()), ann.readers(room, reply), "Cy opened the thread");
        assertEquals(List.of(bob.login()), ann.readers(room, root), "the root is in the main list: the room's marks count");
    }

    @Test
    void roomsOfMoreThanAHundredMembersKeepNoReceipts() throws Exception {
        var ann = new Member("rlann", "Ann Large");
        var bob = new Member("rlbob", "Bob Large");
        long room = ann.createRoom();
        ann.add(room, bob);
        long seq = ann.send(room, "to many");
        TestDatabase.addMadeUpMembers(room, 98, "rcpt-", "Receipt Filler ");
        bob.read(room, seq);
        assertEquals(List.of(bob.login()), ann.readers(room, seq), "100 members: still kept");

        TestDatabase.addMadeUpMembers(room, 1, "rcpt-", "Receipt Filler ");
        assertProblem(409, "receipts-unavailable", ann.readersResponse(room, seq), "101 members");
        long general = HttpSession.objects(ann.get("api/v1/rooms")).stream().filter(r -> "global".equals(r.getString("kind")))
                .findFirst().orElseThrow().getJsonNumber("id").longValue();
        long hello = ann.send(general, "hello everyone");
        assertProblem(409, "receipts-unavailable", ann.readersResponse(general, hello), "general, whatever its size");
        try (var annSocket = ann.connect()) {
            annSocket.settle();
            long next = ann.send(room, "again");
            bob.read(room, next);
            assertEquals(List.of(), annSocket.collect(seen(room, bob.login()), Duration.ofSeconds(2)), "no seen frames in a large room");
        }
    }

    @Test
    void sharingOffHidesTheUserFromOthersAndOthersFromThem() {
        var ann = new Member("rsann", "Ann Sharing");
        var bob = new Member("rsbob", "Bob Sharing");
        var cy = new Member("rscy", "Cy Sharing");
        long room = ann.createRoom();
        ann.add(room, bob);
        ann.add(room, cy);
        long annsMessage = ann.send(room, "read me");
        long cysMessage = cy.send(room, "and me");
        bob.read(room, cysMessage);
        ann.read(room, cysMessage);
        assertEquals(List.of(bob.login()), ann.readers(room, annsMessage));

        var setting = bob.get("api/v1/users/me/receipts");
        assertTrue(HttpSession.json(setting).getBoolean("share"), "on by default: " + setting.body());
        bob.share(false);
        assertEquals(List.of(), ann.readers(room, annsMessage), "Bob is nobody's reader now");
        assertEquals(List.of(ann.login()), cy.readers(room, cysMessage), "Ann still is");
        var bobAsks = bob.readersResponse(room, cysMessage);
        assertEquals(200, bobAsks.statusCode(), bobAsks.body());
        var answer = HttpSession.json(bobAsks);
        assertEquals(0, answer.getInt("count"), "and Bob sees nobody's: " + bobAsks.body());
        assertFalse(answer.getBoolean("sharing"), bobAsks.body());

        bob.share(true);
        assertEquals(List.of(bob.login()), ann.readers(room, annsMessage), "on again: listed again");
        assertEquals(List.of(ann.login(), bob.login()), bob.readers(room, cysMessage));
        assertProblem(400, "malformed-request", bob.put("api/v1/users/me/receipts", "{}"), "share is required");
    }

    @Test
    void theSeenFrameReachesTheOtherMembersWhoShare() {
        var ann = new Member("rwann", "Ann Live");
        var bob = new Member("rwbob", "Bob Live");
        var cy = new Member("rwcy", "Cy Live");
        long room = ann.createRoom();
        ann.add(room, bob);
        ann.add(room, cy);
        try (var annSocket = ann.connect(); var cySocket = cy.connect(); var bobSocket = bob.connect()) {
            annSocket.settle();
            cySocket.settle();
            long seq = ann.send(room, "are you there?");
            bob.read(room, seq);
            var frame = annSocket.next(seen(room, bob.login()));
            assertEquals(seq, frame.getJsonNumber("seq").longValue(), frame.toString());
            assertEquals("Bob Live", frame.getString("displayName"), frame.toString());
            cySocket.next(seen(room, bob.login()));
            assertEquals(List.of(), bobSocket.collect(seen(room, bob.login()), Duration.ofMillis(500)), "not to the reader");

            // Many marks within a second: the first at once, then only the highest at the window's end.
            long a = ann.send(room, "one");
            long b = ann.send(room, "two");
            long c = ann.send(room, "three");
            bob.read(room, a);
            bob.read(room, b);
            bob.read(room, c);
            var frames = annSocket.collect(seen(room, bob.login()), Duration.ofMillis(2500));
            assertTrue(frames.size() <= 2, "coalesced: " + frames);
            assertEquals(c, frames.get(frames.size() - 1).getJsonNumber("seq").longValue(), "the last says the highest: " + frames);

            // Cy turns sharing off: Cy gets no frames, and Cy's reading sends none.
            cy.share(false);
            cySocket.clear(); // the frames of the reads above
            long d = ann.send(room, "four");
            bob.read(room, d);
            annSocket.next(seen(room, bob.login()));
            cy.read(room, d);
            assertEquals(List.of(), cySocket.collect(seen(room, bob.login()), Duration.ofMillis(1500)), "Cy hears nobody's");
            assertEquals(List.of(), annSocket.collect(seen(room, cy.login()), Duration.ofMillis(1500)), "nobody hears Cy's");
        }
    }
}
