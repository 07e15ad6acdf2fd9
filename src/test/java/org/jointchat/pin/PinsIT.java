package org.jointchat.pin;

import static org.jointchat.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestDatabase;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/** Pinned messages (issue 22, item 2) over REST: who may pin where, what cannot be pinned, the list. */
class PinsIT extends AgainstTheServer {

    final class Member extends TestUser {
        Member(String prefix) {
            super(api, prefix, prefix + " Person");
        }

        long createRoom(String visibility, boolean announcement) {
            return newRoom("pins-", Json.createObjectBuilder().add("visibility", visibility).add("announcement", announcement));
        }

        long send(long room, String text) {
            return sendMessage(room, text).getJsonNumber("seq").longValue();
        }

        HttpResponse<String> pin(long room, long seq) {
            return put("api/v1/rooms/" + room + "/pins/" + seq, "");
        }

        HttpResponse<String> unpin(long room, long seq) {
            return delete("api/v1/rooms/" + room + "/pins/" + seq);
        }

        List<JsonObject> pins(long room) {
            var listed = get("api/v1/rooms/" + room + "/pins");
            assertEquals(200, listed.statusCode(), listed.body());
            return HttpSession.objects(listed);
        }
    }

    @Test
    void membersPinListAndUnpinWhatPeopleWrote() {
        var ann = new Member("pann");
        var bob = new Member("pbob");
        var stranger = new Member("pstr");
        long room = ann.createRoom("private", false);
        ann.add(room, bob);
        long first = bob.send(room, "the meeting is at ten");
        long second = ann.send(room, "the wiki is at wiki.example");
        long gone = bob.send(room, "oops");

        assertEquals(201, bob.pin(room, first).statusCode(), "a member pins in a small room");
        assertEquals(200, bob.pin(room, first).statusCode(), "pinned already");
        assertEquals(201, ann.pin(room, second).statusCode());

        var pins = bob.pins(room);
        assertEquals(2, pins.size(), pins.toString());
        assertEquals(second, pins.get(0).getJsonNumber("seq").longValue(), "newest pin first");
        assertEquals("the wiki is at wiki.example", pins.get(0).getJsonObject("message").getString("text"));
        assertEquals(ann.login(), pins.get(0).getString("pinnedBy"));
        assertEquals(first, pins.get(1).getJsonObject("message").getJsonNumber("seq").longValue());
        assertEquals(bob.login(), pins.get(1).getJsonObject("message").getString("author"));

        assertProblem(404, "not-found", stranger.get("api/v1/rooms/" + room + "/pins"), "a private room is not there for others");
        assertProblem(404, "not-found", stranger.pin(room, first), "nor can they pin in it");
        assertProblem(404, "not-found", bob.pin(room, 9_999), "no such message");

        assertEquals(204, bob.delete("api/v1/rooms/" + room + "/messages/" + gone).statusCode());
        assertProblem(403, "forbidden", bob.pin(room, gone), "a deleted message cannot be pinned");
        long systemLine = HttpSession.objects(bob.get("api/v1/rooms/" + room + "/messages?limit=200")).stream()
                .filter(m -> "system".equals(m.getString("kind", ""))).findFirst().orElseThrow()
                .getJsonNumber("seq").longValue();
        assertProblem(403, "forbidden", bob.pin(room, systemLine), "a system line (\"Ann added Bob\") cannot be pinned");

        assertEquals(204, bob.unpin(room, second).statusCode(), "a member unpins in a small room");
        assertEquals(204, bob.unpin(room, second).statusCode(), "unpinned already");
        pins = ann.pins(room);
        assertEquals(1, pins.size(), pins.toString());
        assertEquals(first, pins.get(0).getJsonNumber("seq").longValue());
    }

    @Test
    void inLargeRoomsAndAnnouncementRoomsOwnerAndModeratorsPin() throws Exception {
        var ann = new Member("plann");
        var bob = new Member("plbob");
        long large = ann.createRoom("public", false);
        ann.add(large, bob);
        long seq = bob.send(large, "worth pinning");
        TestDatabase.addMadeUpMembers(large, 98, "pin-", "Pin Filler ");
        assertEquals(201, bob.pin(large, seq).statusCode(), "a plain member pins in a room of exactly 100");
        assertEquals(204, bob.unpin(large, seq).statusCode(), "and unpins");
        TestDatabase.addMadeUpMembers(large, 1, "pin-", "Pin Filler ");
        assertProblem(403, "forbidden", bob.pin(large, seq), "a plain member of a room of 101");
        assertEquals(201, ann.pin(large, seq).statusCode(), "the owner pins");
        assertProblem(403, "forbidden", bob.unpin(large, seq), "nor does a plain member unpin there");
        assertEquals(1, bob.pins(large).size(), "every member reads the pins");

        var cy = new Member("plcy");
        long announcements = ann.createRoom("public", true);
        ann.add(announcements, bob);
        ann.add(announcements, cy);
        long news = ann.send(announcements, "release on friday");
        assertProblem(403, "forbidden", bob.pin(announcements, news), "a plain member of an announcement room (of 3)");
        try (var bobSocket = bob.connect()) {
            bobSocket.send(Json.createObjectBuilder().add("type", "pin").add("room", announcements).add("seq", news).add("on", true)
                    .add("clientId", "pin-1").build());
            var refused = bobSocket.next(ChatClient.ofType("error"));
            assertEquals("FORBIDDEN", refused.getString("code"), "over the socket too: " + refused);
            assertEquals("pin-1", refused.getString("clientId"));
        }
        assertEquals(201, ann.put("api/v1/rooms/" + announcements + "/moderators/" + cy.login(), "").statusCode());
        assertEquals(201, cy.pin(announcements, news).statusCode(), "a moderator pins");
    }

    @Test
    void aPinIsAChangeOfTheMessageThatMembersSeeLiveAndSyncReplays() {
        var ann = new Member("psann");
        var bob = new Member("psbob");
        long room = ann.createRoom("private", false);
        ann.add(room, bob);
        long agenda = bob.send(room, "agenda: pins");
        long minutes = ann.send(room, "minutes follow");
        var held = ann.sendMessage(room, "held by bob");
        long heldSeq = held.getJsonNumber("seq").longValue();
        long heldVersion = held.getJsonNumber("version").longValue();

        long pinnedVersion;
        try (var annSocket = ann.connect(); var bobSocket = bob.connect()) {
            annSocket.send(Json.createObjectBuilder().add("type", "pin").add("room", room).add("seq", agenda).add("on", true).build());
            var live = bobSocket.next(f -> "changed".equals(f.getString("type")) && f.getJsonNumber("seq").longValue() == agenda);
            pinnedVersion = live.getJsonNumber("version").longValue();
            assertTrue(pinnedVersion > heldVersion, "a pin takes the room's next version: " + live);
            var pinned = live.getJsonObject("pinned");
            assertEquals(ann.login(), pinned.getString("by"), live.toString());
            assertEquals(ann.displayName(), pinned.getString("byName"));
            assertTrue(pinned.getString("at").endsWith("Z"), pinned.toString());
            assertEquals("agenda: pins", live.getString("text"), "the whole message, as it is now");
            annSocket.next(f -> "changed".equals(f.getString("type")) && f.getJsonNumber("seq").longValue() == agenda);

            annSocket.send(Json.createObjectBuilder().add("type", "pin").add("room", room).add("seq", agenda).add("clientId", "p-2").build());
            var noOn = annSocket.next(ChatClient.ofType("error"));
            assertEquals("INVALID", noOn.getString("code"), "on is required: " + noOn);
            assertEquals("p-2", noOn.getString("clientId"));
            assertEquals(200, ann.pin(room, agenda).statusCode(), "pinned already");
            assertEquals(List.of(), bobSocket.collect(f -> "changed".equals(f.getString("type")), Duration.ofMillis(500)),
                    "pinning again changes nothing and tells nobody");
        }
        assertTrue(bob.get("api/v1/rooms/" + room + "/messages?limit=200").body().contains("\"pinned\""), "history carries the pin");

        // Bob is away: ann unpins the agenda and pins the minutes.
        assertEquals(204, ann.unpin(room, agenda).statusCode());
        assertEquals(201, ann.pin(room, minutes).statusCode());
        try (var bobSocket = bob.connect()) {
            bobSocket.send(Json.createObjectBuilder().add("type", "sync").add("room", room).add("afterSeq", heldSeq)
                    .add("afterVersion", pinnedVersion).build());
            bobSocket.next(ChatClient.ofType("synced"));
            var changes = bobSocket.collect(f -> "changed".equals(f.getString("type")), Duration.ofMillis(700));
            assertEquals(List.of(agenda, minutes), changes.stream().map(f -> f.getJsonNumber("seq").longValue()).toList(),
                    "sync replays both pin changes, in version order: " + changes);
            assertFalse(changes.get(0).containsKey("pinned"), "the agenda is unpinned: " + changes.get(0));
            assertEquals(ann.login(), changes.get(1).getJsonObject("pinned").getString("by"));
        }

        // Deleting a pinned message removes its pin, in the same change.
        long doomed = ann.send(room, "pinned, then deleted");
        assertEquals(201, ann.pin(room, doomed).statusCode());
        try (var bobSocket = bob.connect()) {
            assertEquals(204, ann.delete("api/v1/rooms/" + room + "/messages/" + doomed).statusCode());
            var gone = bobSocket.next(f -> "changed".equals(f.getString("type")) && f.getJsonNumber("seq").longValue() == doomed);
            assertTrue(gone.getBoolean("deleted"));
            assertFalse(gone.containsKey("pinned"), "no pin on a tombstone: " + gone);
        }
        assertEquals(List.of(minutes), bob.pins(room).stream().map(p -> p.getJsonNumber("seq").longValue()).toList());
        assertEquals(204, ann.unpin(room, doomed).statusCode(), "nothing left to unpin");

        var found = HttpSession.json(bob.get("api/v1/search/messages?q=" + URLEncoder.encode("is:pinned", StandardCharsets.UTF_8)
                + "&room=" + room));
        assertEquals(List.of(minutes), found.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getJsonNumber("seq").longValue()).toList(), "is:pinned finds what is pinned now");
    }
}
