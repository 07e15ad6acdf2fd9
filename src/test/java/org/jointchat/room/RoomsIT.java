package org.jointchat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.function.Predicate;
import org.jointchat.support.Accounts;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/** Rooms, direct messages, unread counts and profiles over the API and live sockets, with every authorization rule. */
class RoomsIT extends AgainstTheServer {

    /** A user with a token, calling the API as themselves. */
    final class Member extends TestUser {
        Member(String prefix) {
            super(api, prefix, prefix + " Person");
        }

        long createRoom(String name, String visibility) {
            var created = post("api/v1/rooms", Json.createObjectBuilder().add("name", name).add("topic", "about " + name)
                    .add("visibility", visibility).build().toString());
            assertEquals(201, created.statusCode(), created.body());
            return HttpSession.json(created).getJsonNumber("id").longValue();
        }

        void send(long room, String text) {
            var sent = post("api/v1/rooms/" + room + "/messages", Json.createObjectBuilder().add("text", text)
                    .add("clientId", "m" + System.nanoTime()).build().toString());
            assertEquals(201, sent.statusCode(), sent.body());
        }
    }

    static Predicate<JsonObject> roomEvent(String event, long room) {
        return f -> "room".equals(f.getString("type")) && event.equals(f.getString("event"))
                && f.getJsonObject("room").getJsonNumber("id").longValue() == room;
    }

    static Predicate<JsonObject> messageIn(long room) {
        return f -> "message".equals(f.getString("type")) && f.getJsonNumber("room").longValue() == room;
    }

    @Test
    void privateRoomsAreForMembersOnlyAndOnlyTheOwnerManagesThem() {
        var owner = new Member("owner");
        var bob = new Member("bob");
        var outsider = new Member("outsider");
        String name = TestData.uniqueLogin("Secret Room");
        try (var ownerSocket = owner.connect(); var bobSocket = bob.connect(); var outsiderSocket = outsider.connect()) {
            long room = owner.createRoom(name, "private");
            assertEquals(name, ownerSocket.next(roomEvent("created", room)).getJsonObject("room").getString("name"));
            owner.send(room, "before bob");

            // Outsiders cannot see, read, sync, post to or join it: it does not exist for them.
            assertEquals(404, outsider.get("api/v1/rooms/" + room).statusCode());
            assertEquals(404, outsider.get("api/v1/rooms/" + room + "/messages").statusCode());
            assertEquals(404, outsider.post("api/v1/rooms/" + room + "/messages", "{\"text\":\"hi\",\"clientId\":\"x1\"}").statusCode());
            assertEquals(404, outsider.put("api/v1/rooms/" + room + "/members/" + outsider.login(), "").statusCode());
            assertFalse(outsider.get("api/v1/rooms?scope=public&query=" + name.substring(0, 6)).body().contains(name));
            outsiderSocket.sync(room, 0);
            assertEquals("NOT_FOUND", outsiderSocket.next("error").getString("code"));

            // The owner adds bob: his open socket learns of the room, reads its history and chats at once.
            assertEquals(201, owner.put("api/v1/rooms/" + room + "/members/" + bob.login(), "").statusCode());
            assertEquals(bob.login(), bobSocket.next(roomEvent("added", room)).getString("login"));
            assertEquals("before bob", HttpSession.objects(bob.get("api/v1/rooms/" + room + "/messages")).get(0).getString("text"));
            bobSocket.sendMessage(room, "thanks for adding me", "b1");
            assertEquals("b1", bobSocket.next("ack").getString("clientId"));
            assertEquals("thanks for adding me", ownerSocket.next(messageIn(room).and(f -> f.getString("clientId").equals("b1"))).getString("text"));
            assertEquals(2, HttpSession.json(bob.get("api/v1/rooms/" + room)).getJsonNumber("memberCount").intValue());

            // Members who are not the owner cannot manage the room.
            assertEquals(403, bob.put("api/v1/rooms/" + room + "/members/" + outsider.login(), "").statusCode());
            assertEquals(403, bob.delete("api/v1/rooms/" + room + "/members/" + owner.login()).statusCode());
            assertEquals(403, bob.patch("api/v1/rooms/" + room, "{\"name\":\"hijacked\"}").statusCode());
            assertEquals(403, bob.delete("api/v1/rooms/" + room).statusCode());

            // The owner renames it; every member hears of it.
            var renamed = owner.patch("api/v1/rooms/" + room, "{\"name\":\"" + name + " 2\",\"topic\":\"new topic\"}");
            assertEquals(200, renamed.statusCode(), renamed.body());
            assertEquals("new topic", bobSocket.next(roomEvent("updated", room)).getJsonObject("room").getString("topic"));

            // Removed: bob's socket stops receiving the room at once and his sends are refused.
            assertEquals(204, owner.delete("api/v1/rooms/" + room + "/members/" + bob.login()).statusCode());
            bobSocket.next(roomEvent("removed", room));
            owner.send(room, "after bob left");
            ownerSocket.next(messageIn(room).and(f -> f.getString("text").equals("after bob left"))); // fanned out by now
            // A marker instead of a wait: what the room sent bob before his pong has arrived before it.
            bobSocket.send(Json.createObjectBuilder().add("type", "ping").build());
            bobSocket.next("pong");
            assertTrue(bobSocket.pending().stream().noneMatch(messageIn(room).and(f -> f.getString("text").equals("after bob left"))),
                    "removed member receives nothing");
            bobSocket.sendMessage(room, "still here?", "b2");
            assertEquals("NOT_FOUND", bobSocket.next("error").getString("code"));
            assertEquals(404, bob.get("api/v1/rooms/" + room + "/messages").statusCode());

            // Deleted: gone for everyone, messages too.
            assertEquals(204, owner.delete("api/v1/rooms/" + room).statusCode());
            ownerSocket.next(roomEvent("deleted", room));
            assertEquals(404, owner.get("api/v1/rooms/" + room).statusCode());
        }
    }

    @Test
    void publicRoomsAreFoundJoinedAndLeftAndOwnershipPassesOn() {
        var owner = new Member("pubowner");
        var ann = new Member("ann");
        var carl = new Member("carl");
        String name = TestData.uniqueLogin("Lobby");
        long room = owner.createRoom(name, "public");
        assertEquals(409, owner.post("api/v1/rooms", "{\"name\":\"" + name.toUpperCase() + "\",\"visibility\":\"public\"}").statusCode());
        var invalid = owner.post("api/v1/rooms", "{\"name\":\"  \",\"topic\":\"" + "t".repeat(251) + "\",\"visibility\":\"secret\"}");
        assertEquals(400, invalid.statusCode());
        assertEquals(3, HttpSession.json(invalid).getJsonArray("errors").size());

        var found = HttpSession.objects(ann.get("api/v1/rooms?scope=public&query=" + name.substring(2, 9).toUpperCase()));
        assertEquals(List.of(name), found.stream().map(r -> r.getString("name")).toList());

        try (var annSocket = ann.connect()) {
            owner.send(room, "not yours yet");
            annSocket.sendMessage(room, "can I?", "a1");
            assertEquals("NOT_MEMBER", annSocket.next("error").getString("code"));
            assertEquals(201, ann.put("api/v1/rooms/" + room + "/members/" + ann.login(), "").statusCode());
            annSocket.next(roomEvent("joined", room));
            assertEquals(201, carl.put("api/v1/rooms/" + room + "/members/" + carl.login(), "").statusCode());
            assertEquals(403, carl.put("api/v1/rooms/" + room + "/members/" + owner.login(), "").statusCode(), "only the owner adds others");

            // The owner leaves: the longest-standing member (ann) owns it now.
            assertEquals(204, owner.delete("api/v1/rooms/" + room + "/members/" + owner.login()).statusCode());
            assertEquals(ann.login(), annSocket.next(roomEvent("left", room)).getJsonObject("room").getString("owner"));
            assertEquals(ann.login(), HttpSession.json(carl.get("api/v1/rooms/" + room)).getString("owner"));
            assertEquals(204, ann.delete("api/v1/rooms/" + room + "/members/" + carl.login()).statusCode());
        }

        // The last member leaving a private room deletes it.
        long secret = ann.createRoom(TestData.uniqueLogin("Alone"), "private");
        assertEquals(204, ann.delete("api/v1/rooms/" + secret + "/members/" + ann.login()).statusCode());
        assertEquals(404, ann.get("api/v1/rooms/" + secret).statusCode());
    }

    @Test
    void generalCannotBeDeletedRenamedOrLeft() {
        var user = new Member("stayer");
        long general = HttpSession.objects(user.get("api/v1/rooms")).stream().filter(r -> r.getString("kind").equals("global"))
                .findFirst().orElseThrow().getJsonNumber("id").longValue();
        assertEquals(403, user.delete("api/v1/rooms/" + general).statusCode());
        assertEquals(403, user.delete("api/v1/rooms/" + general + "/members/" + user.login()).statusCode());
        assertEquals(403, user.patch("api/v1/rooms/" + general, "{\"name\":\"mine\"}").statusCode());
        assertTrue(HttpSession.objects(user.get("api/v1/rooms")).stream().anyMatch(r -> r.getJsonNumber("id").longValue() == general));
    }

    @Test
    void aNewDirectRoomIsLiveAtOnceForBothOpenSocketsAndCanBeRejoinedAfterLeaving() {
        var ann = new Member("liveann");
        var bob = new Member("livebob");
        try (var annSocket = ann.connect(); var bobSocket = bob.connect()) {
            long room = HttpSession.json(ann.post("api/v1/direct/" + bob.login(), "")).getJsonNumber("id").longValue();
            bobSocket.next(roomEvent("created", room));
            annSocket.sendMessage(room, "are you there?", "dm-1");
            assertEquals("are you there?", bobSocket.next(messageIn(room)).getString("text"), "no reconnect needed");

            assertEquals(204, bob.delete("api/v1/rooms/" + room + "/members/" + bob.login()).statusCode());
            assertEquals(404, bob.get("api/v1/rooms/" + room + "/messages").statusCode());
            assertEquals(room, HttpSession.json(bob.post("api/v1/direct/" + ann.login(), "")).getJsonNumber("id").longValue());
            assertEquals(200, bob.get("api/v1/rooms/" + room + "/messages").statusCode(), "back in the conversation");
            annSocket.sendMessage(room, "welcome back", "dm-2");
            assertEquals("welcome back", bobSocket.next(messageIn(room).and(f -> f.getString("clientId").equals("dm-2"))).getString("text"));
        }
    }

    @Test
    void directMessagesHaveOneRoomPerPairAndUnreadCountsClearEverywhere() {
        var ann = new Member("dmann");
        var bob = new Member("dmbob");
        var eve = new Member("dmeve");
        var first = HttpSession.json(ann.post("api/v1/direct/" + bob.login(), ""));
        long room = first.getJsonNumber("id").longValue();
        assertEquals(room, HttpSession.json(ann.post("api/v1/direct/" + bob.login().toUpperCase(), "")).getJsonNumber("id").longValue());
        assertEquals(room, HttpSession.json(bob.post("api/v1/direct/" + ann.login(), "")).getJsonNumber("id").longValue());
        assertEquals("direct", first.getString("kind"));
        assertEquals(2, first.getJsonArray("members").size());
        assertEquals(404, eve.get("api/v1/rooms/" + room + "/messages").statusCode());
        assertEquals(403, ann.post("api/v1/direct/" + ann.login(), "").statusCode());
        assertEquals(404, ann.post("api/v1/direct/nobody-" + ann.login(), "").statusCode());

        try (var bobTab1 = bob.connect(); var bobTab2 = bob.connect()) {
            for (int i = 0; i < 3; i++) {
                ann.send(room, "psst " + i);
            }
            var last = bobTab1.take(messageIn(room), 3).get(2);
            var dm = HttpSession.objects(bob.get("api/v1/rooms")).stream().filter(r -> r.getJsonNumber("id").longValue() == room).findFirst().orElseThrow();
            assertEquals(3, dm.getJsonNumber("unread").intValue());

            var read = bob.put("api/v1/rooms/" + room + "/read", "{\"seq\":" + last.getJsonNumber("seq") + "}");
            assertEquals(200, read.statusCode(), read.body());
            assertEquals(last.getJsonNumber("seq").longValue(), bobTab2.next("read").getJsonNumber("seq").longValue());
            dm = HttpSession.objects(bob.get("api/v1/rooms")).stream().filter(r -> r.getJsonNumber("id").longValue() == room).findFirst().orElseThrow();
            assertEquals(0, dm.getJsonNumber("unread").intValue());
        }
    }

    @Test
    void profilesShowAndChangeLiveAndAPasswordChangeEndsOtherCredentials() {
        var ann = new Member("profann");
        var bob = new Member("profbob");
        String otherToken = Accounts.token(api, ann.login());
        try (var bobSocket = bob.connect()) {
            bobSocket.watch(ann.login()); // profile changes reach those who show the user (docs/protocol.md)
            var changed = ann.put("api/v1/users/me", "{\"displayName\":\"Ann Renamed\",\"about\":\"I like chats\",\"status\":\"busy\"}");
            assertEquals(200, changed.statusCode(), changed.body());
            var frame = bobSocket.next(f -> "profile".equals(f.getString("type")) && f.getJsonObject("user").getString("login").equals(ann.login()));
            assertEquals("Ann Renamed", frame.getJsonObject("user").getString("displayName"));
        }
        var profile = HttpSession.json(bob.get("api/v1/users/" + ann.login()));
        assertEquals("I like chats", profile.getString("about"));
        assertEquals("busy", profile.getString("status"));
        assertTrue(profile.getJsonArray("sharedRooms").getValuesAs(JsonObject.class).stream().anyMatch(r -> r.getString("name").equals("general")));
        assertFalse(profile.getString("joined").isBlank());
        assertEquals(400, ann.put("api/v1/users/me", "{\"status\":\"" + "s".repeat(101) + "\"}").statusCode());
        assertTrue(HttpSession.objects(bob.get("api/v1/users?query=renamed")).stream().anyMatch(u -> u.getString("login").equals(ann.login())));

        assertEquals(400, ann.put("api/v1/users/me/password", "{\"currentPassword\":\"wrong\",\"newPassword\":\"brand new pass\"}").statusCode());
        assertEquals(204, ann.put("api/v1/users/me/password",
                "{\"currentPassword\":\"" + TestData.PASSWORD + "\",\"newPassword\":\"brand new pass\"}").statusCode());
        assertEquals(200, ann.get("api/v1/users/me").statusCode(), "the token that changed it keeps working");
        assertEquals(401, api.get("api/v1/users/me", "Authorization", "Bearer " + otherToken).statusCode(), "other tokens end");
        assertEquals(401, api.postJson("api/v1/tokens", "{\"login\":\"" + ann.login() + "\",\"password\":\"" + TestData.PASSWORD + "\"}").statusCode());
        assertEquals(201, api.postJson("api/v1/tokens", "{\"login\":\"" + ann.login() + "\",\"password\":\"brand new pass\"}").statusCode());
    }
}
