package org.jointchat.message.scheduled;

import static org.jointchat.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.Await;
import org.jointchat.support.ChatClient;
import org.jointchat.support.HttpSession;
import org.jointchat.support.RacingClaimers;
import org.jointchat.support.TestDatabase;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/**
 * Scheduled messages (issue 22, item 7): sent on time and once (also across a restart of the server between
 * scheduling and the time, and with two claimers at once), listed, edited and cancelled by their author only, bad
 * input refused with nothing stored, and a failed delivery when the author is no longer in the room.
 */
class ScheduledMessagesIT extends AgainstTheServer {

    final class Member extends TestUser {
        Member(String prefix) {
            super(api, prefix, prefix + " Person");
        }

        long createRoom(String visibility) {
            return newRoom("sched-", visibility);
        }

        HttpResponse<String> schedule(long room, String text, String sendAt, String clientId) {
            var body = Json.createObjectBuilder().add("clientId", clientId).add("sendAt", sendAt);
            if (text != null) {
                body.add("text", text);
            }
            return post("api/v1/rooms/" + room + "/messages", body.build().toString());
        }

        JsonObject scheduled(long room, String text, Instant sendAt) {
            var answer = schedule(room, text, sendAt.toString(), UUID.randomUUID().toString());
            assertEquals(201, answer.statusCode(), answer.body());
            return HttpSession.json(answer);
        }

        List<JsonObject> list() {
            var listed = get("api/v1/scheduled");
            assertEquals(200, listed.statusCode(), listed.body());
            return HttpSession.objects(listed);
        }

        HttpResponse<String> change(long id, String json) {
            return put("api/v1/scheduled/" + id, json);
        }
    }

    /** Messages of the room with exactly this text (straight from the database: what every reader would get). */
    static long countInRoom(long room, String text) throws Exception {
        try (var db = TestDatabase.connect(); var count = db.prepareStatement("SELECT count(*) FROM messages WHERE room_id = ? AND text = ?")) {
            count.setLong(1, room);
            count.setString(2, text);
            try (var rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static long scheduledRowsOf(String login) throws Exception {
        try (var db = TestDatabase.connect(); var count = db.prepareStatement(
                "SELECT count(*) FROM scheduled_messages s JOIN users u ON u.id = s.author_id WHERE u.login = ?")) {
            count.setString(1, login);
            try (var rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static JsonObject messageWithText(Member reader, long room, String text) {
        var page = reader.get("api/v1/rooms/" + room + "/messages?limit=50");
        assertEquals(200, page.statusCode(), page.body());
        return HttpSession.objects(page).stream().filter(m -> text.equals(m.getString("text", null))).findFirst().orElse(null);
    }

    @Test
    void aScheduledMessageIsSentOnTimeOnceAsAnOrdinaryMessageAndTheAuthorHearsOfIt() throws Exception {
        var ann = new Member("sann");
        var bob = new Member("sbob");
        long room = ann.createRoom("private");
        ann.add(room, bob);
        String text = "standup in five minutes " + UUID.randomUUID();
        try (var annSocket = ann.connect(); var bobSocket = bob.connect()) {
            Instant sendAt = Instant.now().plusSeconds(12);
            var scheduled = ann.scheduled(room, text, sendAt);
            long id = scheduled.getJsonNumber("id").longValue();
            assertEquals("pending", scheduled.getString("state"));
            assertFalse(scheduled.containsKey("seq"), "a scheduled id, not a room seq: " + scheduled);
            assertEquals(room, scheduled.getJsonNumber("room").longValue());
            var told = annSocket.next(f -> "scheduled".equals(f.getString("type")) && f.getJsonNumber("id").longValue() == id);
            assertEquals("pending", told.getString("state"));

            assertEquals(List.of(id), ann.list().stream().map(s -> s.getJsonNumber("id").longValue()).toList(), "in the author's list");
            assertEquals(List.of(), bob.list(), "nobody else's");
            assertEquals(0, countInRoom(room, text), "not sent before its time");

            var arrived = bobSocket.next(f -> "message".equals(f.getString("type")) && text.equals(f.getString("text", null)));
            // ChatClient waits 20 s at most: the message came live, to the room's members, as ann's.
            assertEquals(ann.login(), arrived.getString("author"));
            assertFalse(Instant.parse(arrived.getString("sentAt")).isBefore(sendAt), "not before " + sendAt + ": " + arrived);
            assertTrue(Instant.parse(arrived.getString("sentAt")).isBefore(sendAt.plusSeconds(10)), "on time: " + arrived);
            var sent = annSocket.next(f -> "scheduled".equals(f.getString("type")) && "sent".equals(f.getString("state")));
            assertEquals(id, sent.getJsonNumber("id").longValue());
            assertEquals(arrived.getJsonNumber("seq").longValue(), sent.getJsonNumber("seq").longValue(), "the seq it became");
            assertEquals(scheduled.getString("clientId"), arrived.getString("clientId"), "the scheduling's clientId");

            Thread.sleep(3000); // more sweeps: still once
            assertEquals(1, countInRoom(room, text), "exactly once");
            assertEquals(List.of(), ann.list(), "a sent message leaves the list");
            assertProblem(403, "forbidden", ann.change(id, "{\"text\":\"too late\"}"), "a sent message cannot be edited");
            assertProblem(403, "forbidden", ann.delete("api/v1/scheduled/" + id), "nor cancelled");
            var page = messageWithText(bob, room, text);
            assertNotNull(page, "in the room's history");
            assertEquals(arrived.getJsonNumber("version").longValue(), page.getJsonNumber("version").longValue());
        }
    }

    @Test
    void onlyTheAuthorListsEditsAndCancelsAndARepeatedClientIdIsTheSameScheduling() throws Exception {
        var ann = new Member("sann");
        var bob = new Member("sbob");
        long room = ann.createRoom("public");
        ann.add(room, bob);
        Instant inTwoHours = Instant.now().plus(Duration.ofHours(2));
        Instant inOneHour = Instant.now().plus(Duration.ofHours(1));
        try (var annSocket = ann.connect()) {
            var later = ann.scheduled(room, "the later one", inTwoHours);
            var sooner = ann.scheduled(room, "the sooner one", inOneHour);
            long laterId = later.getJsonNumber("id").longValue();
            long soonerId = sooner.getJsonNumber("id").longValue();
            assertEquals(List.of("the sooner one", "the later one"), ann.list().stream().map(s -> s.getString("text")).toList(), "soonest first");

            var again = ann.schedule(room, "the later one", inTwoHours.toString(), later.getString("clientId"));
            assertEquals(200, again.statusCode(), "a resent scheduling: " + again.body());
            assertEquals(laterId, HttpSession.json(again).getJsonNumber("id").longValue());
            assertEquals(2, ann.list().size(), "not stored twice");

            assertEquals(List.of(), bob.list());
            assertProblem(404, "not-found", bob.change(laterId, "{\"text\":\"mine now\"}"), "someone else's does not exist");
            assertProblem(404, "not-found", bob.delete("api/v1/scheduled/" + laterId), "nor to cancel");
            assertProblem(404, "not-found", ann.change(Long.MAX_VALUE, "{\"text\":\"x\"}"), "no such one");

            var edited = ann.change(laterId, Json.createObjectBuilder().add("text", "the first one now")
                    .add("sendAt", Instant.now().plus(Duration.ofMinutes(30)).toString()).build().toString());
            assertEquals(200, edited.statusCode(), edited.body());
            assertEquals("the first one now", HttpSession.json(edited).getString("text"));
            assertEquals(List.of("the first one now", "the sooner one"), ann.list().stream().map(s -> s.getString("text")).toList(), "reordered");
            assertTrue(annSocket.next(f -> "scheduled".equals(f.getString("type")) && "the first one now".equals(f.getString("text", null)))
                    .getString("state").equals("pending"), "the author's sockets hear of the edit");
            assertProblem(400, "validation", ann.change(laterId, "{\"sendAt\":\"2001-01-01T00:00:00Z\"}"), "an edit to the past");
            assertProblem(400, "empty", ann.change(laterId, "{\"text\":\"   \"}"), "an empty text");
            assertEquals("the first one now", ann.list().get(0).getString("text"), "refused edits change nothing");

            assertEquals(204, ann.delete("api/v1/scheduled/" + soonerId).statusCode());
            var cancelled = annSocket.next(f -> "scheduled".equals(f.getString("type")) && "cancelled".equals(f.getString("state")));
            assertEquals(soonerId, cancelled.getJsonNumber("id").longValue());
            assertEquals(List.of(laterId), ann.list().stream().map(s -> s.getJsonNumber("id").longValue()).toList());
            assertProblem(404, "not-found", ann.delete("api/v1/scheduled/" + soonerId), "cancelled already");
        }
    }

    @Test
    void badInputIsRefusedOverRestAndTheSocketAndNothingIsStored() throws Exception {
        var ann = new Member("sann");
        var eve = new Member("seve");
        long room = ann.createRoom("private");
        long open = ann.createRoom("public");
        String soon = Instant.now().plusSeconds(120).toString();
        assertProblem(400, "validation", ann.schedule(room, "x", "2001-01-01T00:00:00Z", "past-1"), "in the past");
        assertProblem(400, "validation", ann.schedule(room, "x", Instant.now().plusSeconds(3).toString(), "near-1"), "less than 10 s ahead");
        assertProblem(400, "validation", ann.schedule(room, "x", Instant.now().plus(Duration.ofDays(400)).toString(), "far-1"), "over a year ahead");
        assertProblem(400, "validation", ann.schedule(room, "x", "tomorrow", "word-1"), "not an instant");
        assertProblem(400, "validation", ann.schedule(room, "x", "2030-01-01T09:00:00", "zone-1"), "no zone");
        assertProblem(400, "empty", ann.schedule(room, "  ", soon, "empty-1"), "an empty text");
        assertProblem(400, "too-long", ann.schedule(room, "y".repeat(4001), soon, "long-1"), "too long");
        assertProblem(400, "validation", ann.schedule(room, "x", soon, "bad client id!"), "a bad clientId");
        var reply = Json.createObjectBuilder().add("text", "x").add("clientId", "reply-1").add("sendAt", soon).add("replyTo", 999999).build();
        assertProblem(400, "validation", ann.post("api/v1/rooms/" + room + "/messages", reply.toString()), "a reply to no message");
        var threaded = Json.createObjectBuilder().add("text", "x").add("clientId", "thread-1").add("sendAt", soon).add("thread", 1).build();
        assertProblem(400, "validation", ann.post("api/v1/rooms/" + room + "/messages", threaded.toString()), "a thread reply");
        assertProblem(404, "not-found", eve.schedule(room, "x", soon, "eve-1"), "a private room of others");
        assertProblem(403, "not-member", eve.schedule(open, "x", soon, "eve-2"), "a public room eve is not in");
        assertEquals(0, scheduledRowsOf(ann.login()), "nothing stored for ann");
        assertEquals(0, scheduledRowsOf(eve.login()), "nor for eve");

        try (var socket = ann.connect()) {
            socket.send(Json.createObjectBuilder().add("type", "send").add("room", room).add("text", "x").add("clientId", "ws-past")
                    .add("sendAt", "2001-01-01T00:00:00Z").build());
            var error = socket.next(f -> "ws-past".equals(f.getString("clientId", null)));
            assertEquals("error", error.getString("type"));
            assertEquals("INVALID", error.getString("code"));
            assertEquals(0, scheduledRowsOf(ann.login()), "nothing stored from the socket either");

            socket.send(Json.createObjectBuilder().add("type", "send").add("room", room).add("text", "over the socket").add("clientId", "ws-ok")
                    .add("sendAt", soon).build());
            var ack = socket.next(f -> "ws-ok".equals(f.getString("clientId", null)) && "ack".equals(f.getString("type")));
            assertTrue(ack.containsKey("scheduled"), "the scheduled id: " + ack);
            assertFalse(ack.containsKey("seq"), "no room seq: " + ack);
            assertEquals(1, scheduledRowsOf(ann.login()));
        }
    }

    @Test
    void aMessageWhoseAuthorLeftTheRoomFailsAndIsNotSent() throws Exception {
        var ann = new Member("sann");
        var bob = new Member("sbob");
        long room = ann.createRoom("public");
        ann.add(room, bob);
        String text = "bob's words from the past " + UUID.randomUUID();
        try (var bobSocket = bob.connect()) {
            long id = bob.scheduled(room, text, Instant.now().plusSeconds(11)).getJsonNumber("id").longValue();
            assertEquals(204, ann.delete("api/v1/rooms/" + room + "/members/" + bob.login()).statusCode(), "the owner removes bob");
            var failed = bobSocket.next(f -> "scheduled".equals(f.getString("type")) && "failed".equals(f.getString("state")));
            assertEquals(id, failed.getJsonNumber("id").longValue());
            assertEquals("NOT_MEMBER", failed.getString("error"));
            var listed = bob.list();
            assertEquals(1, listed.size(), "bob still sees it: " + listed);
            assertEquals("failed", listed.get(0).getString("state"));
            assertEquals(0, countInRoom(room, text), "nothing was sent");
            assertProblem(403, "not-member", bob.change(id, "{\"sendAt\":\"" + Instant.now().plusSeconds(60) + "\"}"),
                    "rescheduling checks the room as it is now");
            assertEquals(204, bob.delete("api/v1/scheduled/" + id).statusCode(), "a failed one can be cancelled");
            assertEquals(List.of(), bob.list());
        }
    }

    @Test
    void twoClaimersAtOnceNeverTakeTheSameRowAndARolledBackClaimLeavesItPending() throws Exception {
        var ann = new Member("sann");
        long room = ann.createRoom("public");
        // Due in an hour (the server's own sweeps leave them alone); the claimers here ask for two hours ahead.
        Instant sendAt = Instant.now().plus(Duration.ofHours(1));
        var ours = new HashSet<Long>();
        for (int i = 0; i < 40; i++) {
            ours.add(ann.scheduled(room, "claim me " + i, sendAt.plusMillis(i)).getJsonNumber("id").longValue());
        }
        var claimed = RacingClaimers.race(ours, c -> {
            var got = new HashSet<Long>();
            // Several small claims each, interleaving with the other claimer's.
            for (int round = 0; round < 10; round++) {
                ScheduledClaims.claimDue(c, Instant.now().plus(Duration.ofHours(2)), 3).forEach(r -> got.add(r.message().id()));
            }
            return got;
        });
        assertFalse(claimed.get(0).isEmpty() && claimed.get(1).isEmpty(), "something was claimed");
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            var again = new HashSet<Long>();
            ScheduledClaims.claimDue(c, Instant.now().plus(Duration.ofHours(2)), 10_000).forEach(r -> again.add(r.message().id()));
            assertTrue(again.containsAll(ours), "rolled-back claims left every row pending for the next sweep");
            c.rollback();
        }
        assertEquals(40, ann.list().size());
    }

    @Test
    void aMessageScheduledBeforeARestartOfTheServerIsSentOnceAfterIt() throws Exception {
        var ann = new Member("sann");
        long room = ann.createRoom("public");
        String text = "sent across a restart " + UUID.randomUUID();
        Instant sendAt = Instant.now().plusSeconds(30);
        long id = ann.scheduled(room, text, sendAt).getJsonNumber("id").longValue();

        // Stopped and started again with asadmin alone (as DomainRestartIT does), before the message's time.
        var restart = new ProcessBuilder("bash", "scripts/test-server.sh", "restart-plain").inheritIO().start();
        assertTrue(restart.waitFor(300, TimeUnit.SECONDS), "restarted within 5 minutes");
        assertEquals(0, restart.exitValue());
        Await.until(Duration.ofMinutes(3), Duration.ofMillis(500), "ready again", () -> readiness() == 200);
        if (Instant.now().isBefore(sendAt)) {
            assertEquals(0, countInRoom(room, text), "not sent before its time");
        }

        Await.until(Duration.ofSeconds(90), Duration.ofMillis(250), "sent after the restart", () -> countInRoom(room, text) > 0);
        Thread.sleep(3000); // further sweeps, of the restarted server
        assertEquals(1, countInRoom(room, text), "exactly once");
        var message = messageWithText(ann, room, text);
        assertFalse(Instant.parse(message.getString("sentAt")).isBefore(sendAt), "not before its time: " + message);
        try (var db = TestDatabase.connect(); var row = db.prepareStatement("SELECT state, sent_seq FROM scheduled_messages WHERE id = ?")) {
            row.setLong(1, id);
            try (var rows = row.executeQuery()) {
                assertTrue(rows.next());
                assertEquals("sent", rows.getString(1));
                assertEquals(message.getJsonNumber("seq").longValue(), rows.getLong(2));
            }
        }
    }

    @Test
    void aRowWhoseMessageWasCommittedBeforeACrashIsMarkedSentWithoutASecondMessage() throws Exception {
        var ann = new Member("sann");
        long room = ann.createRoom("public");
        String text = "committed, then the server died " + UUID.randomUUID();
        String clientId = "crash-" + UUID.randomUUID();
        // The writer had committed the message with the row's clientId, and the sweep's transaction never did:
        var stored = ann.post("api/v1/rooms/" + room + "/messages", Json.createObjectBuilder().add("text", text).add("clientId", clientId)
                .build().toString());
        assertEquals(201, stored.statusCode(), stored.body());
        long seq = HttpSession.json(stored).getJsonNumber("seq").longValue();
        long id;
        try (var db = TestDatabase.connect(); var insert = db.prepareStatement("""
                INSERT INTO scheduled_messages (room_id, author_id, text, client_id, send_at)
                SELECT ?, id, ?, ?, now() FROM users WHERE login = ? RETURNING id""")) {
            insert.setLong(1, room);
            insert.setString(2, text);
            insert.setString(3, clientId);
            insert.setString(4, ann.login());
            try (var rows = insert.executeQuery()) {
                rows.next();
                id = rows.getLong(1);
            }
        }
        // The next sweep sends it again with the same clientId: the writer answers with the stored message.
        Await.until(Duration.ofSeconds(20), "marked sent", () -> {
            try (var db = TestDatabase.connect(); var row = db.prepareStatement("SELECT state, sent_seq FROM scheduled_messages WHERE id = ?")) {
                row.setLong(1, id);
                try (var rows = row.executeQuery()) {
                    return rows.next() && "sent".equals(rows.getString(1)) && rows.getLong(2) == seq;
                }
            }
        });
        assertEquals(1, countInRoom(room, text), "no second message");
    }
}
