package org.jointchat.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.jointchat.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestDatabase;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/**
 * Forwarding (issue 22, item 5) over REST and the socket: the forward is an ordinary message of its new room (next seq
 * and version, live to the members) carrying the original's author, time and text; the link back only where every
 * member of the new room can read the original; files along, readable by the new room's members; refusals store nothing.
 */
class ForwardingIT extends AgainstTheServer {

    private final HttpClient raw = HttpClient.newHttpClient();

    final class Member extends TestUser {
        Member(String prefix) {
            super(api, prefix, prefix + " Person");
        }

        long createRoom(String visibility) {
            return newRoom("fwd-", visibility);
        }

        JsonObject send(long room, String text, Long... attachments) {
            var body = Json.createObjectBuilder().add("text", text).add("clientId", UUID.randomUUID().toString());
            if (attachments.length > 0) {
                var files = Json.createArrayBuilder();
                List.of(attachments).forEach(files::add);
                body.add("attachments", files);
            }
            var sent = post("api/v1/rooms/" + room + "/messages", body.build().toString());
            assertEquals(201, sent.statusCode(), sent.body());
            return HttpSession.json(sent);
        }

        HttpResponse<String> forward(long room, long seq, Long to, String comment) {
            var body = Json.createObjectBuilder();
            if (to != null) {
                body.add("to", to);
            }
            if (comment != null) {
                body.add("text", comment);
            }
            return post("api/v1/rooms/" + room + "/messages/" + seq + "/forward", body.build().toString());
        }

        JsonObject forwarded(long room, long seq, long to, String comment) {
            var response = forward(room, seq, to, comment);
            assertEquals(201, response.statusCode(), response.body());
            return HttpSession.json(response);
        }

        long upload(long room, String name, byte[] bytes) {
            var uploaded = api().send(api().request("api/v1/rooms/" + room + "/attachments?name=" + name, "Authorization", bearer())
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
            assertEquals(201, uploaded.statusCode(), uploaded.body());
            return HttpSession.json(uploaded).getJsonNumber("id").longValue();
        }

        HttpResponse<byte[]> download(long id) {
            try {
                return raw.send(api().request("api/v1/attachments/" + id, "Authorization", bearer()).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static long seq(JsonObject m) {
        return m.getJsonNumber("seq").longValue();
    }

    @Test
    void aForwardBetweenPublicRoomsCarriesTheOriginalAndTheLinkAndArrivesLive() {
        var ann = new Member("fann");
        var bob = new Member("fbob");
        long from = ann.createRoom("public");
        long to = bob.createRoom("public");
        bob.add(to, ann);
        var original = ann.send(from, "the **plan** is ready");
        long lastSeq = bob.roomHistory(to).stream().mapToLong(ForwardingIT::seq).max().orElse(0);

        try (ChatClient bobs = bob.connect()) {
            var forward = ann.forwarded(from, seq(original), to, "have a look");
            assertEquals(lastSeq + 1, seq(forward), "the next seq of the target room");
            assertEquals(to, forward.getJsonNumber("room").longValue());
            assertEquals(ann.login(), forward.getString("author"), "the forwarder sends it");
            assertEquals("have a look", forward.getString("text"), "the comment is the message's own text");
            var f = forward.getJsonObject("forwarded");
            assertEquals(ann.login(), f.getString("author"));
            assertEquals(ann.displayName(), f.getString("authorName"));
            assertEquals(original.getString("sentAt"), f.getString("sentAt"));
            assertEquals("the **plan** is ready", f.getString("text"));
            assertTrue(f.getString("html").contains("<strong>plan</strong>"), f.toString());
            assertEquals(from, f.getJsonNumber("room").longValue(), "a public original: the link back");
            assertEquals(seq(original), f.getJsonNumber("seq").longValue());

            var live = bobs.next(m -> "message".equals(m.getString("type")) && m.getJsonNumber("room").longValue() == to
                    && m.containsKey("forwarded"));
            assertEquals(f, live.getJsonObject("forwarded"), "the target's members get it live");
            assertEquals(forward.getJsonNumber("version"), live.getJsonNumber("version"));
        }
        var kept = bob.roomHistory(to).stream().filter(m -> m.containsKey("forwarded")).toList();
        assertEquals(1, kept.size(), "stored once, in the target's history");
        assertEquals(seq(original), kept.get(0).getJsonObject("forwarded").getJsonNumber("seq").longValue());

        // Without a comment; and a forward of that forward names the first author, not the forwarder.
        var bare = ann.forwarded(from, seq(original), to, null);
        assertEquals("", bare.getString("text"));
        var again = bob.forwarded(to, seq(bare), to, null);
        assertEquals(ann.login(), again.getJsonObject("forwarded").getString("author"));
        assertEquals(from, again.getJsonObject("forwarded").getJsonNumber("room").longValue());
    }

    @Test
    void aPrivateOrDirectMessageForwardedWhereOthersCannotSeeItCarriesNoLink() {
        var ann = new Member("fpann");
        var bob = new Member("fpbob");
        var cy = new Member("fpcy");
        long secret = ann.createRoom("private");
        ann.add(secret, bob);
        long open = ann.createRoom("public");
        ann.add(open, cy);
        long dm = ann.direct(bob);
        var fromSecret = bob.send(secret, "between us");
        var fromDm = bob.send(dm, "just for you");

        for (var pair : List.of(List.of(secret, seq(fromSecret)), List.of(dm, seq(fromDm)))) {
            var forward = ann.forwarded(pair.get(0), pair.get(1), open, null);
            var f = forward.getJsonObject("forwarded");
            assertEquals(bob.login(), f.getString("author"));
            assertFalse(f.containsKey("room"), "no link to a room the target's members cannot read: " + f);
            assertFalse(f.containsKey("seq"), f.toString());
        }
        var seenByCy = cy.roomHistory(open).stream().filter(m -> m.containsKey("forwarded")).toList();
        assertEquals(2, seenByCy.size());
        assertEquals("between us", seenByCy.get(0).getJsonObject("forwarded").getString("text"));
        assertFalse(seenByCy.get(0).getJsonObject("forwarded").containsKey("room"), "nor in history");

        // Within the private room itself, everyone there reads the original: the link stays.
        var inside = ann.forwarded(secret, seq(fromSecret), secret, "again");
        assertEquals(secret, inside.getJsonObject("forwarded").getJsonNumber("room").longValue());
    }

    @Test
    void refusalsStoreNothing() {
        var ann = new Member("frann");
        var bob = new Member("frbob");
        long secret = bob.createRoom("private");
        long bobsOpen = bob.createRoom("public");
        long bobsPrivate = bob.createRoom("private");
        long mine = ann.createRoom("public");
        var hidden = bob.send(secret, "not for ann");
        var message = ann.send(mine, "hello");
        long other = ann.createRoom("private");
        int before = ann.roomHistory(mine).size() + ann.roomHistory(other).size();

        assertProblem(404, "not-found", ann.forward(secret, seq(hidden), mine, null), "not a member of the source");
        assertProblem(404, "not-found", ann.forward(mine, 9_999, other, null), "no such message");
        assertProblem(403, "not-member", ann.forward(mine, seq(message), bobsOpen, null), "not a member of the (public) target");
        assertProblem(404, "not-found", ann.forward(mine, seq(message), bobsPrivate, null), "a private target that is not hers");
        assertProblem(404, "not-found", ann.forward(mine, seq(message), 999_999_999L, null), "no such target");
        assertProblem(400, "validation", ann.forward(mine, seq(message), null, null), "no target");
        assertProblem(400, "too-long", ann.forward(mine, seq(message), other, "x".repeat(4001)), "a comment over the limit");
        var malformed = ann.post("api/v1/rooms/" + mine + "/messages/" + seq(message) + "/forward", "{\"to\": \"room\"");
        assertEquals(400, malformed.statusCode(), malformed.body());
        var gone = ann.send(mine, "oops");
        assertEquals(204, ann.delete("api/v1/rooms/" + mine + "/messages/" + seq(gone)).statusCode());
        assertProblem(404, "not-found", ann.forward(mine, seq(gone), other, null), "a deleted message");

        int after = ann.roomHistory(mine).size() + ann.roomHistory(other).size();
        assertEquals(before + 1, after, "only the deleted message's row: no forward stored");
        assertTrue(ann.roomHistory(other).stream().noneMatch(m -> m.containsKey("forwarded")));

        // A system line ("Bob added Ann") is nobody's words; a muted member forwards nothing into that room.
        bob.add(bobsOpen, ann);
        long systemLine = ann.roomHistory(bobsOpen).stream().filter(m -> "system".equals(m.getString("kind", ""))).findFirst()
                .map(ForwardingIT::seq).orElseThrow();
        assertProblem(403, "forbidden", ann.forward(bobsOpen, systemLine, other, null), "a system line");
        var muted = bob.post("api/v1/rooms/" + bobsOpen + "/mutes", Json.createObjectBuilder().add("login", ann.login())
                .add("minutes", 10).build().toString());
        assertTrue(muted.statusCode() / 100 == 2, muted.body());
        assertProblem(403, "muted", ann.forward(mine, seq(message), bobsOpen, null), "muted in the target");
        assertTrue(bob.roomHistory(bobsOpen).stream().noneMatch(m -> m.containsKey("forwarded")));
    }

    @Test
    void filesGoAlongAndTheTargetsMembersDownloadThem() throws Exception {
        var ann = new Member("ffann");
        var bob = new Member("ffbob");
        var cy = new Member("ffcy");
        var stranger = new Member("ffstr");
        long secret = ann.createRoom("private");
        ann.add(secret, bob);
        long target = bob.createRoom("private");
        bob.add(target, cy);
        byte[] bytes = "the minutes of the meeting".getBytes(StandardCharsets.UTF_8);
        long file = ann.upload(secret, "minutes.txt", bytes);
        var original = ann.send(secret, "minutes attached", file);
        assertEquals(404, cy.download(file).statusCode(), "cy is not in the original's room");

        var forward = bob.forwarded(secret, seq(original), target, "fyi");
        var files = forward.getJsonArray("attachments");
        assertEquals(1, files.size(), forward.toString());
        assertEquals(file, files.getJsonObject(0).getJsonNumber("id").longValue());
        assertEquals("minutes.txt", files.getJsonObject(0).getString("name"));
        var inHistory = cy.roomHistory(target).stream().filter(m -> m.containsKey("forwarded")).findFirst().orElseThrow();
        assertEquals(files, inHistory.getJsonArray("attachments"));
        var found = cy.get("api/v1/search/messages?q=" + URLEncoder.encode("has:file", StandardCharsets.UTF_8));
        assertEquals(200, found.statusCode(), found.body());
        assertTrue(HttpSession.json(found).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .anyMatch(m -> m.getJsonNumber("room").longValue() == target && m.getJsonNumber("seq").longValue() == seq(forward)),
                "has:file finds a forward's file: " + found.body());

        var downloaded = cy.download(file);
        assertEquals(200, downloaded.statusCode(), "a member of the target room opens the forwarded file");
        assertArrayEquals(bytes, downloaded.body());
        assertEquals(404, stranger.download(file).statusCode(), "nobody else");

        // The original deleted: its room no longer sees the file, the forward still carries it.
        assertEquals(204, ann.delete("api/v1/rooms/" + secret + "/messages/" + seq(original)).statusCode());
        var deleted = bob.roomHistory(secret).stream().filter(m -> seq(m) == seq(original)).findFirst().orElseThrow();
        assertFalse(deleted.containsKey("attachments"), deleted.toString());
        assertEquals(404, ann.download(file).statusCode(), "not for the original's room any more");
        assertEquals(200, cy.download(file).statusCode(), "the forward keeps its file");
        // The forward deleted too: the file is nobody's any more.
        assertEquals(204, bob.delete("api/v1/rooms/" + target + "/messages/" + seq(forward)).statusCode());
        assertEquals(404, cy.download(file).statusCode());
        try (var db = TestDatabase.connect(); var left = db.prepareStatement("SELECT count(*) FROM attachments WHERE id = ?")) {
            left.setLong(1, file);
            try (var rows = left.executeQuery()) {
                rows.next();
                assertEquals(0, rows.getLong(1), "a file nobody can open any more is not kept");
            }
        }
        var tombstone = cy.roomHistory(target).stream().filter(m -> seq(m) == seq(forward)).findFirst().orElseThrow();
        assertFalse(tombstone.containsKey("forwarded"), "a deleted forward loses what it carried: " + tombstone);
        assertFalse(tombstone.containsKey("attachments"));
    }
}
