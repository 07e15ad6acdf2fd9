package org.jointchat.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/**
 * Status and do-not-disturb (issue 22, item 4) over REST and the socket: set, read, clear; refusals change nothing;
 * watchers and the user's own sockets see it live, and see it go when it runs out.
 */
class StatusIT extends AgainstTheServer {

    private TestUser user(String prefix) {
        return TestUser.register(api, prefix, prefix + " Person");
    }

    private static String status(String text, String emoji, Instant expiresAt, Instant dndUntil) {
        var json = Json.createObjectBuilder().add("text", text).add("emoji", emoji);
        if (expiresAt != null) {
            json.add("expiresAt", expiresAt.toString());
        }
        if (dndUntil != null) {
            json.add("dndUntil", dndUntil.toString());
        }
        return json.build().toString();
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return HttpSession.json(response);
    }

    private static Instant in(Duration d) {
        return Instant.now().plus(d).truncatedTo(ChronoUnit.MILLIS);
    }

    /** Watches one user and returns the answer (the frame marked "all", not a change queued before it). */
    private static JsonObject watch(ChatClient client, String login) {
        client.send(Json.createObjectBuilder().add("type", "watch").add("logins", Json.createArrayBuilder().add(login)).build());
        return client.next(f -> "presence".equals(f.getString("type")) && f.getBoolean("all", false));
    }

    /** A profile frame about login whose user entry matches. */
    private static Predicate<JsonObject> profileOf(String login, Predicate<JsonObject> user) {
        return f -> "profile".equals(f.getString("type")) && f.getJsonObject("user").getString("login").equals(login)
                && user.test(f.getJsonObject("user"));
    }

    @Test
    void setReadAndClearOverRest() {
        var ann = user("sann");
        var bob = user("sbob");
        var none = ok(ann.get("api/v1/users/me/status"));
        assertEquals("", none.getString("text"));
        assertEquals(JsonValue.NULL, none.get("expiresAt"));
        assertFalse(none.getBoolean("dnd"));

        Instant expires = in(Duration.ofHours(1));
        Instant dnd = in(Duration.ofMinutes(30));
        var set = ok(ann.put("api/v1/users/me/status", status(" In a meeting ", "📅", expires, dnd)));
        assertEquals("In a meeting", set.getString("text"));
        assertEquals("📅", set.getString("emoji"));
        assertEquals(expires.toString(), set.getString("expiresAt"));
        assertTrue(set.getBoolean("dnd"));
        assertEquals(dnd.toString(), set.getString("dndUntil"));
        assertEquals(set, ok(ann.get("api/v1/users/me/status")), "GET says what PUT stored");

        var profile = ok(bob.get("api/v1/users/" + ann.login()));
        assertEquals("In a meeting", profile.getString("status"), profile.toString());
        assertEquals("📅", profile.getString("statusEmoji"));
        assertEquals(expires.toString(), profile.getString("statusExpiresAt"));
        assertTrue(profile.getBoolean("dnd"));
        assertEquals(dnd.toString(), profile.getString("dndUntil"));

        // PUT /users/me changes only the text; the emoji and do-not-disturb stay.
        ok(ann.put("api/v1/users/me", "{\"status\":\"Lunch\"}"));
        var after = ok(ann.get("api/v1/users/me/status"));
        assertEquals("Lunch", after.getString("text"));
        assertEquals("📅", after.getString("emoji"));
        assertTrue(after.getBoolean("dnd"));

        var cleared = ok(ann.delete("api/v1/users/me/status"));
        assertEquals("", cleared.getString("text"));
        assertEquals("", cleared.getString("emoji"));
        assertFalse(cleared.getBoolean("dnd"));
        assertEquals(JsonValue.NULL, cleared.get("dndUntil"));
        var clearedProfile = ok(bob.get("api/v1/users/" + ann.login()));
        assertEquals("", clearedProfile.getString("status"));
        assertEquals("", clearedProfile.getString("statusEmoji"));
        assertFalse(clearedProfile.getBoolean("dnd"));
    }

    @Test
    void refusalsNameTheFieldAndChangeNothing() {
        var ann = user("sref");
        var stored = ok(ann.put("api/v1/users/me/status", status("Reading", "📚", in(Duration.ofHours(2)), null)));
        String[][] refused = {
            {"text", status("x".repeat(101), "", null, null)},
            {"text", status("evil \u202Egnp.exe", "", null, null)},
            {"emoji", status("Reading", "📚📚", null, null)},
            {"emoji", status("Reading", "ok", null, null)},
            {"expiresAt", status("Reading", "📚", Instant.now().minusSeconds(5), null)},
            {"expiresAt", status("Reading", "📚", in(Duration.ofDays(31)), null)},
            {"dndUntil", "{\"text\":\"Reading\",\"dndUntil\":\"in an hour\"}"},
            {"dndUntil", status("Reading", "", null, Instant.now().minusSeconds(60))},
        };
        for (String[] attempt : refused) {
            var response = ann.put("api/v1/users/me/status", attempt[1]);
            assertEquals(400, response.statusCode(), attempt[1] + ": " + response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            var errors = HttpSession.json(response).getJsonArray("errors");
            assertEquals(attempt[0], errors.getJsonObject(0).getString("field"), response.body());
            assertFalse(errors.getJsonObject(0).getString("message").isBlank());
            assertEquals(stored, ok(ann.get("api/v1/users/me/status")), "nothing changed after " + attempt[1]);
        }
        var russian = api.send(api.request("api/v1/users/me/status", "Authorization", ann.bearer(), "Accept-Language", "ru")
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(status("", "ab", null, null))));
        assertEquals("Выберите один эмодзи.", HttpSession.json(russian).getJsonArray("errors").getJsonObject(0).getString("message"));
    }

    @Test
    void watchersAndOwnSocketsSeeItLiveAndSeeItGoWhenItRunsOut() {
        var ann = user("slive");
        var bob = user("swatch");
        try (ChatClient b = bob.connect(base); ChatClient a = ann.connect(base); ChatClient other = ann.connect(base)) {
            var answer = watch(b, ann.login());
            var entry = answer.getJsonArray("users").getJsonObject(0);
            assertEquals("", entry.getString("statusEmoji"), answer.toString());
            assertFalse(entry.getBoolean("dnd"));

            Instant expires = in(Duration.ofSeconds(4));
            Instant dndEnds = in(Duration.ofSeconds(7));
            ok(ann.put("api/v1/users/me/status", status("In a meeting", "📅", expires, dndEnds)));
            var live = b.next(profileOf(ann.login(), u -> "📅".equals(u.getString("statusEmoji"))));
            assertEquals("In a meeting", live.getJsonObject("user").getString("status"));
            assertEquals(expires.toString(), live.getJsonObject("user").getString("statusExpiresAt"));
            assertTrue(live.getJsonObject("user").getBoolean("dnd"));
            assertEquals(dndEnds.toString(), live.getJsonObject("user").getString("dndUntil"));
            other.next(profileOf(ann.login(), u -> u.getBoolean("dnd")));   // the user's other tab learns of it too

            // A new watch answers with it: the presence entries carry the status.
            var now = watch(b, ann.login()).getJsonArray("users").getJsonObject(0);
            assertEquals("📅", now.getString("statusEmoji"), now.toString());
            assertEquals("In a meeting", now.getString("status"));
            assertTrue(now.getBoolean("dnd"));

            // It runs out: the watcher is told without anyone doing anything, and it reads as none everywhere.
            var gone = b.next(profileOf(ann.login(), u -> u.getString("statusEmoji").isEmpty()));
            assertTrue(Instant.now().isAfter(expires.minusMillis(50)), "not before it expired");
            assertEquals("", gone.getJsonObject("user").getString("status"));
            assertEquals(JsonValue.NULL, gone.getJsonObject("user").get("statusExpiresAt"));
            assertTrue(gone.getJsonObject("user").getBoolean("dnd"), "do-not-disturb runs longer");
            var read = ok(ann.get("api/v1/users/me/status"));
            assertEquals("", read.getString("text"));
            assertEquals("", ok(bob.get("api/v1/users/" + ann.login())).getString("statusEmoji"));

            var quiet = b.next(profileOf(ann.login(), u -> !u.getBoolean("dnd")));
            assertEquals(JsonValue.NULL, quiet.getJsonObject("user").get("dndUntil"));
            assertFalse(ok(ann.get("api/v1/users/me/status")).getBoolean("dnd"));
            a.next(profileOf(ann.login(), u -> !u.getBoolean("dnd")));   // and the user's own sockets
            var entryAfter = watch(b, ann.login()).getJsonArray("users").getJsonObject(0);
            assertEquals("", entryAfter.getString("statusEmoji"));
            assertFalse(entryAfter.getBoolean("dnd"));
        }
    }

    @Test
    void aClearedStatusReachesWatchersAndOnlyThem() {
        var ann = user("sclr");
        var bob = user("sclrw");
        var cy = user("sclrn");
        try (ChatClient b = bob.connect(base); ChatClient c = cy.connect(base)) {
            watch(b, ann.login());
            c.watch(bob.login());
            ok(ann.put("api/v1/users/me/status", status("Away", "🌴", null, null)));
            b.next(profileOf(ann.login(), u -> "🌴".equals(u.getString("statusEmoji"))));
            ok(ann.delete("api/v1/users/me/status"));
            var cleared = b.next(profileOf(ann.login(), u -> u.getString("statusEmoji").isEmpty()));
            assertEquals("", cleared.getJsonObject("user").getString("status"));
            assertTrue(c.collect(profileOf(ann.login(), u -> true), Duration.ofMillis(500)).isEmpty(),
                    "someone who does not watch Ann hears nothing of her status");
        }
    }
}
