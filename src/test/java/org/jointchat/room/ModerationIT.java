package org.jointchat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestDatabase;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/**
 * Moderation in rooms, reports and the administration of rooms, tried from outside as members, moderators and
 * administrators meet it: REST answers, WebSocket frames and the audit log.
 */
class ModerationIT extends AgainstTheServer {

    /** A user with a token, calling the API as themselves. */
    final class Member extends TestUser {
        Member(String prefix) {
            super(api, prefix, prefix + " Person");
        }

        long createRoom(String visibility, boolean announcement) {
            var created = post("api/v1/rooms", Json.createObjectBuilder().add("name", "mod-" + UUID.randomUUID().toString().substring(0, 12))
                    .add("visibility", visibility).add("announcement", announcement).build().toString());
            assertEquals(201, created.statusCode(), created.body());
            var room = HttpSession.json(created);
            assertEquals(announcement, room.getBoolean("announcement"), created.body());
            return room.getJsonNumber("id").longValue();
        }

        void join(long room) {
            var joined = put("api/v1/rooms/" + room + "/members/" + login(), "");
            assertEquals(201, joined.statusCode(), joined.body());
        }

        void add(long room, Member other) {
            var added = put("api/v1/rooms/" + room + "/members/" + other.login(), "");
            assertEquals(201, added.statusCode(), added.body());
        }

        HttpResponse<String> trySend(long room, String text) {
            return post("api/v1/rooms/" + room + "/messages", Json.createObjectBuilder().add("text", text)
                    .add("clientId", UUID.randomUUID().toString()).build().toString());
        }

        JsonObject send(long room, String text) {
            var sent = trySend(room, text);
            assertEquals(201, sent.statusCode(), sent.body());
            return HttpSession.json(sent);
        }

        HttpResponse<String> mute(long room, Member who, long minutes) {
            return post("api/v1/rooms/" + room + "/mutes", Json.createObjectBuilder().add("login", who.login())
                    .add("minutes", minutes).build().toString());
        }

        HttpResponse<String> ban(long room, Member who) {
            return post("api/v1/rooms/" + room + "/bans", Json.createObjectBuilder().add("login", who.login()).build().toString());
        }

        HttpResponse<String> removeMessage(long room, long seq) {
            return delete("api/v1/rooms/" + room + "/messages/" + seq);
        }

        HttpResponse<String> report(long room, long seq, String reason) {
            return post("api/v1/rooms/" + room + "/messages/" + seq + "/report",
                    Json.createObjectBuilder().add("reason", reason).build().toString());
        }

        /** What people wrote: the room's system lines ("Bob joined", issue 21) left out. */
        JsonArray history(long room) {
            var page = get("api/v1/rooms/" + room + "/messages?limit=200");
            assertEquals(200, page.statusCode(), page.body());
            var written = Json.createArrayBuilder();
            HttpSession.array(page.body()).getValuesAs(JsonObject.class).stream().filter(m -> !m.containsKey("kind")).forEach(written::add);
            return written.build();
        }

        JsonObject myRoom(long room) {
            return HttpSession.array(get("api/v1/rooms").body()).getValuesAs(JsonObject.class).stream()
                    .filter(r -> r.getJsonNumber("id").longValue() == room).findFirst().orElseThrow();
        }
    }

    /** A member made an administrator behind the API, as {@code ./jointchat admin grant} does. */
    Member administrator() throws Exception {
        var admin = new Member("admin");
        try (var db = TestDatabase.connect(); var grant = db.prepareStatement("UPDATE users SET is_admin = true WHERE login = ?")) {
            grant.setString(1, admin.login());
            assertEquals(1, grant.executeUpdate());
        }
        return admin;
    }

    static long seq(JsonObject message) {
        return message.getJsonNumber("seq").longValue();
    }

    static String problem(HttpResponse<String> response) {
        String type = HttpSession.json(response).getString("type");
        return type.substring(type.lastIndexOf(':') + 1);
    }

    static void assertProblem(int status, String type, HttpResponse<String> response, String why) {
        assertEquals(status, response.statusCode(), why + ": " + response.body());
        assertEquals(type, problem(response), why + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), why);
    }

    static Predicate<JsonObject> roomEvent(String event, long room) {
        return f -> "room".equals(f.getString("type")) && event.equals(f.getString("event"))
                && f.getJsonObject("room").getJsonNumber("id").longValue() == room;
    }

    static Predicate<JsonObject> errorFor(String clientId) {
        return f -> "error".equals(f.getString("type")) && clientId.equals(f.getString("clientId", null));
    }

    static Predicate<JsonObject> changedIn(long room, long seq) {
        return f -> "changed".equals(f.getString("type")) && f.getJsonNumber("room").longValue() == room && seq(f) == seq;
    }

    static Predicate<JsonObject> messageIn(long room) {
        return f -> "message".equals(f.getString("type")) && f.getJsonNumber("room").longValue() == room && !f.containsKey("kind");
    }

    static List<String> logins(JsonArray list) {
        return list.getValuesAs(JsonObject.class).stream().map(o -> o.getString("login")).toList();
    }

    /** The audit entries about a room (target {@code room:ID} or {@code room:ID/…}), newest first, read by an administrator. */
    static List<JsonObject> auditOf(Member admin, long room) {
        var found = new ArrayList<JsonObject>();
        String before = "";
        for (int page = 0; page < 10; page++) {
            var answer = admin.get("api/v1/admin/audit?limit=200" + before);
            assertEquals(200, answer.statusCode(), answer.body());
            var json = HttpSession.json(answer);
            for (var entry : json.getJsonArray("entries").getValuesAs(JsonObject.class)) {
                String target = entry.getString("target", "");
                if (target.equals("room:" + room) || target.startsWith("room:" + room + "/")) {
                    found.add(entry);
                }
            }
            if (!json.containsKey("before") || json.isNull("before")) {
                break;
            }
            before = "&before=" + json.getJsonNumber("before").longValue();
        }
        return found;
    }

    static Set<String> actions(List<JsonObject> entries) {
        return entries.stream().map(e -> e.getString("action")).collect(Collectors.toSet());
    }

    @Test
    void aMutedMemberReadsButCannotSendUntilUnmuted() {
        var ann = new Member("ann");
        var bob = new Member("bob");
        var cy = new Member("cy");
        long room = ann.createRoom("public", false);
        bob.join(room);
        cy.join(room);
        try (var bobSocket = bob.connect()) {
            assertProblem(400, "validation", ann.mute(room, bob, 0), "a mute lasts at least a minute");
            assertProblem(403, "forbidden", cy.mute(room, bob, 10), "a member who does not moderate mutes nobody");
            var muted = ann.mute(room, bob, 10);
            assertEquals(201, muted.statusCode(), muted.body());
            var mute = HttpSession.json(muted);
            assertEquals(bob.login(), mute.getString("login"));
            assertEquals(ann.login(), mute.getString("by"));
            var until = Instant.parse(mute.getString("until"));
            assertTrue(until.isAfter(Instant.now().plusSeconds(9 * 60)) && until.isBefore(Instant.now().plusSeconds(11 * 60)), until.toString());

            var told = bobSocket.next(roomEvent("muted", room));
            assertEquals(until, Instant.parse(told.getJsonObject("room").getString("mutedUntil")));
            assertFalse(told.getJsonObject("room").getBoolean("canPost"));
            var standing = bob.myRoom(room);
            assertFalse(standing.getBoolean("canPost"), standing.toString());
            assertEquals(until, Instant.parse(standing.getString("mutedUntil")));

            bobSocket.sendMessage(room, "let me speak", "muted-1");
            var refused = bobSocket.next(errorFor("muted-1"));
            assertEquals("MUTED", refused.getString("code"));
            assertEquals(until, Instant.parse(refused.getString("until")));
            assertProblem(403, "muted", bob.trySend(room, "over REST then"), "REST refuses a muted member's post too");
            assertTrue(HttpSession.json(bob.trySend(room, "again")).getString("detail").contains(until.toString().substring(0, 16)),
                    "the detail says until when");

            var annSays = ann.send(room, "bob still reads");
            assertEquals("bob still reads", bobSocket.next(messageIn(room)).getString("text"), "a muted member still reads");
            bobSocket.send(Json.createObjectBuilder().add("type", "react").add("room", room).add("seq", seq(annSays))
                    .add("emoji", "👍").add("on", true).add("clientId", "muted-2").build());
            assertEquals("MUTED", bobSocket.next(errorFor("muted-2")).getString("code"), "nor reacts");

            var list = ann.get("api/v1/rooms/" + room + "/mutes");
            assertEquals(200, list.statusCode(), list.body());
            assertEquals(List.of(bob.login()), logins(HttpSession.array(list.body())));
            assertProblem(403, "forbidden", cy.get("api/v1/rooms/" + room + "/mutes"), "the list is for moderators");
            assertProblem(403, "forbidden", ann.mute(room, ann, 5), "nobody mutes themselves");
            assertProblem(404, "not-found", ann.mute(room, new Member("out"), 5), "only members are muted");

            assertEquals(204, ann.delete("api/v1/rooms/" + room + "/mutes/" + bob.login()).statusCode());
            var unmuted = bobSocket.next(roomEvent("unmuted", room));
            assertFalse(unmuted.getJsonObject("room").containsKey("mutedUntil"));
            assertTrue(bob.myRoom(room).getBoolean("canPost"));
            bobSocket.sendMessage(room, "thanks", "unmuted-1");
            var ack = bobSocket.next(f -> "ack".equals(f.getString("type")) && "unmuted-1".equals(f.getString("clientId")));
            assertTrue(seq(ack) > seq(annSays));
            assertEquals(201, bob.trySend(room, "and over REST").statusCode());
            assertEquals(List.of(), logins(HttpSession.array(ann.get("api/v1/rooms/" + room + "/mutes").body())));
        }
    }

    @Test
    void aBannedUserIsOutAndCannotRejoinUntilUnbanned() {
        var ann = new Member("ann");
        var bob = new Member("bob");
        var cy = new Member("cy");
        long room = ann.createRoom("public", false);
        bob.join(room);
        cy.join(room);
        try (var bobSocket = bob.connect(); var cySocket = cy.connect()) {
            assertProblem(403, "forbidden", cy.ban(room, bob), "a member who does not moderate bans nobody");
            var banned = ann.ban(room, bob);
            assertEquals(201, banned.statusCode(), banned.body());
            assertEquals(ann.login(), HttpSession.json(banned).getString("by"));
            assertEquals(bob.login(), bobSocket.next(roomEvent("banned", room)).getString("login"));
            assertEquals(bob.login(), cySocket.next(roomEvent("banned", room)).getString("login"), "the members see who is out");

            ann.send(room, "after the ban");
            assertEquals("after the ban", cySocket.next(messageIn(room)).getString("text"));
            assertTrue(bobSocket.settle().stream().noneMatch(messageIn(room)), "the banned user's socket no longer receives the room");
            assertProblem(403, "banned", bob.put("api/v1/rooms/" + room + "/members/" + bob.login(), ""), "a banned user cannot rejoin");
            assertProblem(403, "banned", ann.put("api/v1/rooms/" + room + "/members/" + bob.login(), ""), "nor be added by the owner");
            assertProblem(403, "not-member", bob.trySend(room, "let me in"), "nor post");
            bobSocket.sendMessage(room, "over the socket", "banned-1");
            assertEquals("NOT_MEMBER", bobSocket.next(errorFor("banned-1")).getString("code"));

            var list = ann.get("api/v1/rooms/" + room + "/bans");
            assertEquals(200, list.statusCode(), list.body());
            assertEquals(List.of(bob.login()), logins(HttpSession.array(list.body())));
            assertProblem(403, "forbidden", cy.get("api/v1/rooms/" + room + "/bans"), "the list is for moderators");

            assertEquals(204, ann.delete("api/v1/rooms/" + room + "/bans/" + bob.login()).statusCode());
            assertEquals(List.of(), logins(HttpSession.array(ann.get("api/v1/rooms/" + room + "/bans").body())));
            bob.join(room);
            bobSocket.next(roomEvent("joined", room));
            assertEquals(201, bob.trySend(room, "back").statusCode());
        }
        long privateRoom = ann.createRoom("private", false);
        ann.add(privateRoom, cy);
        assertProblem(403, "forbidden", ann.ban(privateRoom, cy), "private rooms have no bans: the owner removes members");
        assertEquals(201, ann.put("api/v1/rooms/" + room + "/moderators/" + cy.login(), "").statusCode());
        assertProblem(403, "forbidden", cy.ban(room, ann), "a moderator does not ban the owner");
        assertProblem(403, "forbidden", cy.ban(room, cy), "nor themselves");
    }

    @Test
    void anAnnouncementRoomTakesPostsFromItsOwnerAndModeratorsOnly() {
        var ann = new Member("ann");
        var bob = new Member("bob");
        var cy = new Member("cy");
        long room = ann.createRoom("public", true);
        bob.join(room);
        cy.join(room);
        assertFalse(bob.myRoom(room).getBoolean("canPost"), "a member of an announcement room does not post");
        try (var bobSocket = bob.connect()) {
            assertProblem(403, "announcement-only", bob.trySend(room, "may I?"), "a member's post is refused");
            bobSocket.sendMessage(room, "may I?", "ann-1");
            assertEquals("ANNOUNCEMENT_ONLY", bobSocket.next(errorFor("ann-1")).getString("code"));

            var news = ann.send(room, "news from the owner");
            assertEquals("news from the owner", bobSocket.next(messageIn(room)).getString("text"), "members read it");
            assertEquals(200, bob.put("api/v1/rooms/" + room + "/messages/" + seq(news) + "/reactions/%F0%9F%91%8D", "").statusCode(),
                    "and react to it");

            assertProblem(403, "forbidden", bob.put("api/v1/rooms/" + room + "/moderators/" + cy.login(), ""), "only the owner appoints");
            assertEquals(201, ann.put("api/v1/rooms/" + room + "/moderators/" + cy.login(), "").statusCode());
            assertEquals(204, ann.put("api/v1/rooms/" + room + "/moderators/" + cy.login(), "").statusCode(), "once");
            var appointed = bobSocket.next(roomEvent("moderators", room));
            assertEquals(cy.login(), appointed.getString("login"));
            assertEquals(List.of(cy.login()), appointed.getJsonObject("room").getJsonArray("moderators").getValuesAs(JsonString::getString));
            assertEquals(List.of(cy.login()), logins(HttpSession.array(bob.get("api/v1/rooms/" + room + "/moderators").body())),
                    "members see who moderates");
            assertTrue(cy.myRoom(room).getBoolean("canModerate"));
            assertTrue(cy.myRoom(room).getBoolean("canPost"));
            assertEquals(201, cy.trySend(room, "news from a moderator").statusCode(), "a moderator posts");
            assertEquals("news from a moderator", bobSocket.next(messageIn(room)).getString("text"));

            assertProblem(403, "forbidden", cy.put("api/v1/rooms/" + room + "/announcement", "{\"announcement\":false}"),
                    "only the owner (or an administrator) changes the mode");
            var normal = ann.put("api/v1/rooms/" + room + "/announcement", "{\"announcement\":false}");
            assertEquals(200, normal.statusCode(), normal.body());
            assertFalse(HttpSession.json(normal).getBoolean("announcement"));
            assertFalse(bobSocket.next(roomEvent("updated", room)).getJsonObject("room").getBoolean("announcement"));
            assertEquals(201, bob.trySend(room, "now everyone talks").statusCode());

            assertEquals(204, ann.delete("api/v1/rooms/" + room + "/moderators/" + cy.login()).statusCode());
            assertEquals(List.of(), bobSocket.next(roomEvent("moderators", room)).getJsonObject("room").getJsonArray("moderators")
                    .getValuesAs(JsonString::getString));
            assertFalse(cy.myRoom(room).getBoolean("canModerate"));
        }
    }

    @Test
    void aModeratorRemovesAnothersMessageAndEveryoneSeesTheTombstone() {
        var ann = new Member("ann");
        var bob = new Member("bob");
        var cy = new Member("cy");
        var dan = new Member("dan");
        long room = ann.createRoom("public", false);
        bob.join(room);
        cy.join(room);
        dan.join(room);
        assertEquals(201, ann.put("api/v1/rooms/" + room + "/moderators/" + cy.login(), "").statusCode());
        var abusive = bob.send(room, "something abusive");
        var ownLater = bob.send(room, "something I regret");
        var annsOwn = ann.send(room, "the owner's word");
        try (var annSocket = ann.connect(); var bobSocket = bob.connect(); var danSocket = dan.connect()) {
            assertProblem(403, "forbidden", dan.removeMessage(room, seq(annsOwn)), "a member removes only their own messages");
            danSocket.send(Json.createObjectBuilder().add("type", "delete").add("room", room).add("seq", seq(abusive))
                    .add("clientId", "del-1").build());
            assertEquals("FORBIDDEN", danSocket.next(errorFor("del-1")).getString("code"), "over the socket too");
            assertProblem(403, "forbidden", dan.put("api/v1/rooms/" + room + "/moderators/" + dan.login(), ""), "nor appoints themselves");

            assertEquals(204, cy.removeMessage(room, seq(abusive)).statusCode(), "a moderator removes anyone's message");
            for (var socket : List.of(annSocket, bobSocket, danSocket)) {
                var tombstone = socket.next(changedIn(room, seq(abusive)));
                assertTrue(tombstone.getBoolean("deleted"));
                assertTrue(tombstone.getBoolean("removedByModerator"), tombstone.toString());
                assertEquals("", tombstone.getString("text"));
            }
            bobSocket.send(Json.createObjectBuilder().add("type", "delete").add("room", room).add("seq", seq(ownLater)).build());
            var ownDeletion = danSocket.next(changedIn(room, seq(ownLater)));
            assertTrue(ownDeletion.getBoolean("deleted"));
            assertFalse(ownDeletion.containsKey("removedByModerator"), "an author's own deletion is no moderator's");

            var history = dan.history(room).getValuesAs(JsonObject.class);
            var removed = history.stream().filter(m -> seq(m) == seq(abusive)).findFirst().orElseThrow();
            assertTrue(removed.getBoolean("removedByModerator"), "history shows the tombstone as a moderator's");
            assertFalse(history.stream().filter(m -> seq(m) == seq(ownLater)).findFirst().orElseThrow().containsKey("removedByModerator"));

            // The owner is a moderator too, over the socket.
            var bobAgain = bob.send(room, "more abuse");
            annSocket.send(Json.createObjectBuilder().add("type", "delete").add("room", room).add("seq", seq(bobAgain)).build());
            assertTrue(danSocket.next(changedIn(room, seq(bobAgain))).getBoolean("removedByModerator"));
        }
        var outsider = new Member("eve");
        long privateRoom = ann.createRoom("private", false);
        var secret = ann.send(privateRoom, "secret");
        assertProblem(404, "not-found", outsider.removeMessage(privateRoom, seq(secret)), "a private room never admits it exists");
        assertProblem(404, "not-found", outsider.get("api/v1/rooms/" + privateRoom + "/mutes"), "nor its moderation");
        assertProblem(404, "not-found", outsider.mute(privateRoom, ann, 5), "nor its moderation");
    }

    @Test
    void anAdministratorModeratesGeneralAndRoomsTheyAreNotIn() throws Exception {
        var admin = administrator();
        var bob = new Member("bob");
        var ann = new Member("ann");
        try (var adminSocket = admin.connect(); var bobSocket = bob.connect()) {
            assertTrue(adminSocket.hello.getJsonObject("user").getBoolean("admin", false), "hello says who administers");
            assertFalse(bobSocket.hello.getJsonObject("user").getBoolean("admin", false));
            long general = bobSocket.hello.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                    .filter(r -> "global".equals(r.getString("kind"))).findFirst().orElseThrow().getJsonNumber("id").longValue();
            assertTrue(adminSocket.hello.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                    .filter(r -> r.getJsonNumber("id").longValue() == general).findFirst().orElseThrow().getBoolean("canModerate"));

            var abusive = bob.send(general, "abuse in general");
            assertProblem(403, "forbidden", ann.removeMessage(general, seq(abusive)), "general has no owner: members do not remove");
            assertEquals(204, admin.removeMessage(general, seq(abusive)).statusCode(), "an administrator does");
            assertTrue(bobSocket.next(changedIn(general, seq(abusive))).getBoolean("removedByModerator"));

            var muted = admin.mute(general, bob, 60);
            assertEquals(201, muted.statusCode(), muted.body());
            assertProblem(403, "muted", bob.trySend(general, "hey"), "muted in general");
            assertEquals(201, ann.trySend(general, "others still talk").statusCode());
            assertProblem(403, "forbidden", bob.mute(general, admin, 5), "nobody mutes an administrator");
            assertProblem(403, "forbidden", ann.mute(general, bob, 5), "members do not moderate general");
            assertEquals(204, admin.delete("api/v1/rooms/" + general + "/mutes/" + bob.login()).statusCode());
            assertEquals(201, bob.trySend(general, "hey again").statusCode());
            assertProblem(403, "forbidden", admin.ban(general, bob), "nobody is banned from general");

            // A private room the administrator is not in: moderated all the same, its messages unread.
            long privateRoom = ann.createRoom("private", false);
            ann.add(privateRoom, bob);
            var inPrivate = bob.send(privateRoom, "reported later");
            assertProblem(404, "not-found", admin.get("api/v1/rooms/" + privateRoom + "/messages"), "no reading of private rooms");
            assertEquals(201, admin.mute(privateRoom, bob, 5).statusCode());
            assertEquals(List.of(bob.login()), logins(HttpSession.array(admin.get("api/v1/rooms/" + privateRoom + "/mutes").body())));
            assertEquals(204, admin.removeMessage(privateRoom, seq(inPrivate)).statusCode());
            assertTrue(ann.history(privateRoom).getValuesAs(JsonObject.class).get(0).getBoolean("removedByModerator"));
            assertEquals(201, admin.put("api/v1/rooms/" + privateRoom + "/moderators/" + bob.login(), "").statusCode(),
                    "an administrator appoints moderators anywhere");
            assertEquals(200, admin.put("api/v1/rooms/" + privateRoom + "/announcement", "{\"announcement\":true}").statusCode());

            var entries = auditOf(admin, general).stream().filter(e -> admin.login().equals(e.getString("actor"))).toList();
            assertEquals(Set.of("message.remove", "member.mute", "member.unmute"), actions(entries), entries.toString());
            var privateEntries = auditOf(admin, privateRoom);
            assertEquals(Set.of("member.mute", "message.remove", "room.moderator.add", "room.announcement.on"), actions(privateEntries));
            assertTrue(privateEntries.stream().allMatch(e -> admin.login().equals(e.getString("actor"))));
        }
    }

    @Test
    void anArchivedRoomIsReadOnlyForEveryone() throws Exception {
        var admin = administrator();
        var ann = new Member("ann");
        var bob = new Member("bob");
        var cy = new Member("cy");
        long room = ann.createRoom("public", false);
        bob.join(room);
        var before = bob.send(room, "said before the archive");
        assertProblem(403, "forbidden", ann.post("api/v1/admin/rooms/" + room + "/archive", ""), "only administrators archive");
        try (var annSocket = ann.connect()) {
            assertEquals(204, admin.post("api/v1/admin/rooms/" + room + "/archive", "").statusCode());
            assertTrue(annSocket.next(roomEvent("archived", room)).getJsonObject("room").getBoolean("archived"));
            assertFalse(ann.myRoom(room).getBoolean("canPost"), "not even the owner posts");

            assertProblem(403, "archived", ann.trySend(room, "owner"), "the owner's post is refused");
            annSocket.sendMessage(room, "over the socket", "arch-1");
            assertEquals("ARCHIVED", annSocket.next(errorFor("arch-1")).getString("code"));
            assertProblem(403, "archived", bob.removeMessage(room, seq(before)), "a member does not delete their own message");
            assertProblem(403, "archived", cy.put("api/v1/rooms/" + room + "/members/" + cy.login(), ""), "nobody joins");
            assertEquals("said before the archive", bob.history(room).getJsonObject(0).getString("text"), "history stays");

            var listed = admin.get("api/v1/admin/rooms?q=" + ann.myRoom(room).getString("name"));
            assertEquals(200, listed.statusCode(), listed.body());
            var entry = HttpSession.json(listed).getJsonArray("rooms").getJsonObject(0);
            assertEquals(room, entry.getJsonNumber("id").longValue());
            assertTrue(entry.getBoolean("archived"));
            assertNotNull(entry.getString("archivedAt"));
            assertEquals(2, entry.getInt("memberCount"));
            assertEquals(ann.login(), entry.getString("owner"));
            assertEquals("public", entry.getString("kind"));
            assertProblem(403, "forbidden", ann.get("api/v1/admin/rooms"), "the room list is for administrators");
            assertProblem(404, "not-found", admin.post("api/v1/admin/rooms/999999999/archive", ""), "no such room");

            assertEquals(204, admin.post("api/v1/admin/rooms/" + room + "/unarchive", "").statusCode());
            assertFalse(annSocket.next(roomEvent("unarchived", room)).getJsonObject("room").getBoolean("archived"));
            assertEquals(201, ann.trySend(room, "open again").statusCode());
            cy.join(room);
        }
        // Every room is listed, private ones too (their metadata), general first.
        long privateRoom = ann.createRoom("private", false);
        var all = HttpSession.json(admin.get("api/v1/admin/rooms?limit=100"));
        assertEquals("global", all.getJsonArray("rooms").getJsonObject(0).getString("kind"));
        assertTrue(all.getJsonNumber("total").longValue() >= 3);
        var privateListed = HttpSession.json(admin.get("api/v1/admin/rooms?q=" + ann.myRoom(privateRoom).getString("name")))
                .getJsonArray("rooms").getJsonObject(0);
        assertEquals("private", privateListed.getString("kind"));
        assertEquals(1, privateListed.getInt("memberCount"));
        assertFalse(privateListed.containsKey("text"), "metadata only");

        var entries = auditOf(admin, room);
        assertEquals(List.of("room.unarchive", "room.archive"), entries.stream().map(e -> e.getString("action")).toList());
        assertEquals(admin.login(), entries.get(0).getString("actor"));
    }

    @Test
    void aReportReachesTheAdministratorsWhoDismissItOrRemoveTheMessage() throws Exception {
        var admin = administrator();
        var ann = new Member("ann");
        var bob = new Member("bob");
        var cy = new Member("cy");
        var outsider = new Member("eve");
        long room = ann.createRoom("public", false);
        bob.join(room);
        cy.join(room);
        var harmless = bob.send(room, "a harmless joke");
        var abusive = bob.send(room, "a real insult");

        var filed = ann.report(room, seq(harmless), "not funny");
        assertEquals(201, filed.statusCode(), filed.body());
        long first = HttpSession.json(filed).getJsonNumber("id").longValue();
        var again = ann.report(room, seq(harmless), "still not funny");
        assertEquals(200, again.statusCode(), "once per reporter: " + again.body());
        assertEquals(first, HttpSession.json(again).getJsonNumber("id").longValue());
        assertEquals("not funny", HttpSession.json(again).getString("reason"), "the first report stays as it was");
        assertProblem(403, "not-member", outsider.report(room, seq(harmless), "x"), "only members report");
        assertProblem(404, "not-found", ann.report(room, 9999, "x"), "no such message");
        assertProblem(400, "validation", ann.report(room, seq(harmless), "x".repeat(501)), "a reason has at most 500 characters");
        assertProblem(403, "forbidden", ann.get("api/v1/admin/reports"), "reports are for administrators");

        long second = HttpSession.json(ann.report(room, seq(abusive), "insult")).getJsonNumber("id").longValue();
        var alsoFiled = cy.report(room, seq(abusive), "");
        assertEquals(201, alsoFiled.statusCode(), alsoFiled.body());
        long third = HttpSession.json(alsoFiled).getJsonNumber("id").longValue();

        var open = admin.get("api/v1/admin/reports?state=all&limit=100");
        assertEquals(200, open.statusCode(), open.body());
        var page = HttpSession.json(open);
        var mine = page.getJsonArray("reports").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getJsonNumber("room").longValue() == room).toList();
        assertEquals(List.of(third, second, first), mine.stream().map(r -> r.getJsonNumber("id").longValue()).toList(), "newest first");
        var report = mine.get(2);
        assertEquals("a harmless joke", report.getString("text"), "the administrator sees the reported message");
        assertEquals(bob.login(), report.getString("author"));
        assertEquals(ann.login(), report.getString("reporter"));
        assertEquals("not funny", report.getString("reason"));
        assertEquals(1, report.getInt("reports"));
        assertEquals(2, mine.get(0).getInt("reports"), "two members reported the insult");
        assertTrue(report.isNull("resolution") && report.isNull("resolvedAt"), "open: " + report);
        var openOnes = HttpSession.json(admin.get("api/v1/admin/reports?limit=100"));
        assertTrue(openOnes.getJsonNumber("total").longValue() >= 3);
        assertProblem(400, "validation", admin.get("api/v1/admin/reports?state=bogus"), "open or all");

        var dismissed = admin.post("api/v1/admin/reports/" + first + "/resolve", "{\"action\":\"dismiss\"}");
        assertEquals(200, dismissed.statusCode(), dismissed.body());
        assertEquals("dismissed", HttpSession.json(dismissed).getString("resolution"));
        assertEquals(admin.login(), HttpSession.json(dismissed).getString("resolvedBy"));
        assertEquals("a harmless joke", bob.history(room).getJsonObject(0).getString("text"), "a dismissed report keeps the message");

        try (var bobSocket = bob.connect()) {
            assertProblem(400, "validation", admin.post("api/v1/admin/reports/" + second + "/resolve", "{\"action\":\"ignore\"}"),
                    "dismiss or remove");
            var removed = admin.post("api/v1/admin/reports/" + second + "/resolve", "{\"action\":\"remove\"}");
            assertEquals(200, removed.statusCode(), removed.body());
            var resolved = HttpSession.json(removed);
            assertEquals("removed", resolved.getString("resolution"));
            assertTrue(resolved.getBoolean("deleted"));
            assertTrue(resolved.getBoolean("removedByModerator"));
            var tombstone = bobSocket.next(changedIn(room, seq(abusive)));
            assertTrue(tombstone.getBoolean("removedByModerator"), "the room sees a moderator's tombstone");
        }
        var all = HttpSession.json(admin.get("api/v1/admin/reports?state=all&limit=100")).getJsonArray("reports")
                .getValuesAs(JsonObject.class).stream().filter(r -> r.getJsonNumber("room").longValue() == room).toList();
        assertEquals(List.of("removed", "removed", "dismissed"), all.stream().map(r -> r.getString("resolution")).toList(),
                "removing the message closed every report of it");
        var openNow = HttpSession.json(admin.get("api/v1/admin/reports?limit=100")).getJsonArray("reports")
                .getValuesAs(JsonObject.class).stream().filter(r -> r.getJsonNumber("room").longValue() == room).toList();
        assertEquals(List.of(), openNow, "none of them is open");
        var repeat = admin.post("api/v1/admin/reports/" + third + "/resolve", "{\"action\":\"dismiss\"}");
        assertEquals("removed", HttpSession.json(repeat).getString("resolution"), "a closed report is answered as it is");
        assertProblem(404, "not-found", admin.post("api/v1/admin/reports/999999999/resolve", "{\"action\":\"dismiss\"}"), "no such report");
        assertProblem(403, "forbidden", ann.report(room, seq(abusive), "gone"), "a removed message is not reported");

        var actions = auditOf(admin, room).stream().map(e -> e.getString("action") + " " + e.getString("actor")).toList();
        assertTrue(actions.contains("message.report " + ann.login()), actions.toString());
        assertTrue(actions.contains("message.report " + cy.login()), actions.toString());
        assertTrue(actions.contains("report.dismiss " + admin.login()), actions.toString());
        assertTrue(actions.contains("message.remove " + admin.login()), actions.toString());
    }

    @Test
    void theAuditLogHasEveryModerationAction() throws Exception {
        var admin = administrator();
        var ann = new Member("ann");
        var bob = new Member("bob");
        var cy = new Member("cy");
        long room = ann.createRoom("public", false);
        bob.join(room);
        cy.join(room);
        var message = bob.send(room, "to be removed");
        assertEquals(201, ann.put("api/v1/rooms/" + room + "/moderators/" + cy.login(), "").statusCode());
        assertEquals(201, cy.mute(room, bob, 5).statusCode());
        assertEquals(204, cy.delete("api/v1/rooms/" + room + "/mutes/" + bob.login()).statusCode());
        assertEquals(204, cy.removeMessage(room, seq(message)).statusCode());
        assertEquals(201, cy.ban(room, bob).statusCode());
        assertEquals(204, cy.delete("api/v1/rooms/" + room + "/bans/" + bob.login()).statusCode());
        assertEquals(204, ann.delete("api/v1/rooms/" + room + "/moderators/" + cy.login()).statusCode());
        assertEquals(200, ann.put("api/v1/rooms/" + room + "/announcement", "{\"announcement\":true}").statusCode());
        assertEquals(200, ann.put("api/v1/rooms/" + room + "/announcement", "{\"announcement\":false}").statusCode());
        assertEquals(204, admin.post("api/v1/admin/rooms/" + room + "/archive", "").statusCode());
        assertEquals(204, admin.post("api/v1/admin/rooms/" + room + "/unarchive", "").statusCode());

        var entries = auditOf(admin, room);
        var seen = entries.stream().map(e -> e.getString("action") + " by " + e.getString("actor")).toList();
        assertEquals(List.of("room.unarchive by " + admin.login(), "room.archive by " + admin.login(),
                "room.announcement.off by " + ann.login(), "room.announcement.on by " + ann.login(),
                "room.moderator.remove by " + ann.login(), "member.unban by " + cy.login(), "member.ban by " + cy.login(),
                "message.remove by " + cy.login(), "member.unmute by " + cy.login(), "member.mute by " + cy.login(),
                "room.moderator.add by " + ann.login()), seen, "every action, newest first");
        var mute = entries.stream().filter(e -> "member.mute".equals(e.getString("action"))).findFirst().orElseThrow();
        assertTrue(mute.getString("details").contains(bob.login()) && mute.getString("details").contains("until"), mute.toString());
        var removal = entries.stream().filter(e -> "message.remove".equals(e.getString("action"))).findFirst().orElseThrow();
        assertEquals("room:" + room + "/seq:" + seq(message), removal.getString("target"));
        assertTrue(removal.getString("details").contains(bob.login()), "whose message it was");
        assertNotNull(removal.getString("at"));
    }
}
