package org.jointchat.draft;

import static org.jointchat.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/**
 * Drafts (issue 22, item 6) over REST and the socket: saved, read and cleared per room and thread, for members only,
 * within the message limit; each change reaches every socket of its writer (their other tabs and devices) and nobody else's.
 */
class DraftsIT extends AgainstTheServer {

    final class Member extends TestUser {
        Member(String prefix) {
            super(api, prefix, prefix + " Person");
        }

        long createRoom(String visibility) {
            return newRoom("drafts-", visibility);
        }

        HttpResponse<String> save(long room, Long thread, String text, String origin) {
            var body = Json.createObjectBuilder().add("text", text);
            if (thread != null) {
                body.add("thread", thread);
            }
            if (origin != null) {
                body.add("origin", origin);
            }
            return put("api/v1/rooms/" + room + "/draft", body.build().toString());
        }

        /** A message to start a thread under: its seq. */
        long root(long room) {
            return sendMessage(room, "a root").getJsonNumber("seq").longValue();
        }

        HttpResponse<String> draft(long room, Long thread) {
            return get("api/v1/rooms/" + room + "/draft" + (thread == null ? "" : "?thread=" + thread));
        }

        List<JsonObject> drafts() {
            var listed = get("api/v1/drafts");
            assertEquals(200, listed.statusCode(), listed.body());
            return HttpSession.objects(listed);
        }
    }

    @Test
    void savedReadAndClearedPerRoomAndThread() {
        var ann = new Member("dann");
        long room = ann.createRoom("private");
        long other = ann.createRoom("public");
        assertEquals(204, ann.draft(room, null).statusCode(), "no draft yet");

        var saved = ann.save(room, null, "half a thought ", null);
        assertEquals(200, saved.statusCode(), saved.body());
        assertEquals("half a thought ", HttpSession.json(saved).getString("text"), "kept as typed");
        Instant updatedAt = Instant.parse(HttpSession.json(saved).getString("updatedAt"));
        var read = HttpSession.json(ann.draft(room, null));
        assertEquals("half a thought ", read.getString("text"));
        assertEquals(updatedAt, Instant.parse(read.getString("updatedAt")));
        assertEquals(read, HttpSession.json(ann.draft(room, 0L)), "thread 0 is the room itself");
        long root = ann.root(room);

        assertEquals(204, ann.draft(room, root).statusCode(), "a thread has its own draft");
        assertEquals(200, ann.save(room, root, "in the thread", null).statusCode());
        assertEquals("in the thread", HttpSession.json(ann.draft(room, root)).getString("text"));
        assertEquals("half a thought ", HttpSession.json(ann.draft(room, null)).getString("text"));
        assertEquals(200, ann.save(other, null, "elsewhere", null).statusCode());
        assertEquals(200, ann.save(room, null, "a whole thought", null).statusCode(), "saving again replaces it");

        var all = ann.drafts();
        assertEquals(3, all.size(), all.toString());
        assertEquals(room, all.get(0).getJsonNumber("room").longValue(), "newest first: " + all);
        assertEquals(other, all.get(1).getJsonNumber("room").longValue(), "newest first: " + all);
        assertTrue(all.stream().anyMatch(d -> d.getJsonNumber("room").longValue() == room && d.getJsonNumber("thread").longValue() == root
                && d.getString("text").equals("in the thread")), all.toString());
        assertTrue(all.stream().anyMatch(d -> d.getJsonNumber("room").longValue() == room && d.getJsonNumber("thread").longValue() == 0
                && d.getString("text").equals("a whole thought")), all.toString());

        assertEquals(204, ann.save(room, null, "", null).statusCode(), "empty text deletes it");
        assertEquals(204, ann.draft(room, null).statusCode());
        assertEquals(204, ann.save(room, root, "   ", null).statusCode(), "so does blank text");
        assertEquals(204, ann.draft(room, root).statusCode());
        assertEquals(1, ann.drafts().size());
        assertEquals(204, ann.save(room, null, "", null).statusCode(), "deleting nothing is fine");
    }

    @Test
    void onlyMembersKeepDraftsWithinTheMessageLimit() {
        var ann = new Member("dmann");
        var bob = new Member("dmbob");
        long secret = ann.createRoom("private");
        long open = ann.createRoom("public");
        assertProblem(404, "not-found", bob.save(secret, null, "hi", null), "a private room is not there for others");
        assertProblem(404, "not-found", bob.draft(secret, null), "nor its drafts");
        assertProblem(403, "not-member", bob.save(open, null, "hi", null), "a public room's drafts are its members'");
        assertProblem(404, "not-found", bob.save(999_999_999, null, "hi", null), "no such room");

        assertEquals(200, ann.save(secret, null, "x".repeat(4000), null).statusCode(), "the message limit is fine");
        assertProblem(400, "too-long", ann.save(secret, null, "y".repeat(4001), null), "one more is not");
        assertEquals("x".repeat(4000), HttpSession.json(ann.draft(secret, null)).getString("text"), "and changes nothing");
        assertProblem(400, "validation", ann.save(secret, -1L, "hi", null), "no thread -1");
        assertProblem(400, "validation", ann.save(secret, 999L, "hi", null), "no thread under a message that is not there");
        assertProblem(400, "validation", ann.save(secret, null, "hi", "not an origin!"), "origin: a clientId's alphabet");
        assertProblem(400, "validation", ann.put("api/v1/rooms/" + secret + "/draft", "{}"), "text is required");

        // A member removed keeps no draft there that anyone could read or list.
        ann.add(open, bob);
        assertEquals(200, bob.save(open, null, "before leaving", null).statusCode());
        assertEquals(1, bob.drafts().stream().filter(d -> d.getJsonNumber("room").longValue() == open).count());
        assertEquals(204, bob.delete("api/v1/rooms/" + open + "/members/" + bob.login()).statusCode());
        assertProblem(403, "not-member", bob.draft(open, null), "no longer a member");
        assertEquals(0, bob.drafts().stream().filter(d -> d.getJsonNumber("room").longValue() == open).count());
    }

    @Test
    void aDraftFrameReachesEverySocketOfItsWriterAndNobodyElse() {
        var ann = new Member("dfann");
        var bob = new Member("dfbob");
        long room = ann.createRoom("private");
        ann.add(room, bob);
        try (ChatClient desktop = ann.connect(); ChatClient phone = ann.connect(); ChatClient bobs = bob.connect()) {
            var saved = HttpSession.json(ann.save(room, null, "see you at", "tab-1"));
            for (var socket : List.of(desktop, phone)) {
                var frame = socket.next("draft");
                assertEquals(room, frame.getJsonNumber("room").longValue());
                assertEquals(0, frame.getJsonNumber("thread").longValue());
                assertEquals("see you at", frame.getString("text"));
                assertEquals(saved.getString("updatedAt"), frame.getString("updatedAt"));
                assertEquals("tab-1", frame.getString("origin"), "the saving tab knows its own change");
            }
            long root = ann.root(room);
            assertEquals(200, ann.save(room, root, "thread words", null).statusCode());
            var inThread = phone.next("draft");
            assertEquals(root, inThread.getJsonNumber("thread").longValue());
            assertTrue(!inThread.containsKey("origin"), inThread.toString());

            assertEquals(204, ann.save(room, null, "", null).statusCode());
            var cleared = desktop.next(f -> "draft".equals(f.getString("type")) && f.getJsonNumber("thread").longValue() == 0);
            assertEquals("", cleared.getString("text"), "a cleared draft says so");

            assertEquals(List.of(), bobs.collect(ChatClient.ofType("draft"), Duration.ofSeconds(1)), "nobody else hears of it");
        }
    }
}
