package org.jointchat.presence;

import static org.jointchat.support.ChatClient.presenceOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.WebSocketHandshakeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jointchat.support.Await;
import org.jointchat.support.Accounts;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestDatabase;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/**
 * Presence by subscription over real sockets: a socket hears about the users it watches and nobody else,
 * coalesced to a frame a second, with no flapping; the lean hello; the paged online list; and credentials
 * that stop working at once although they are cached.
 */
class PresenceIT extends AgainstTheServer {


    TestUser newUser(String prefix, String displayName) {
        return TestUser.register(api, prefix, displayName);
    }

    TestUser newUser(String prefix) {
        return newUser(prefix, prefix + " Person");
    }

    /** The entries of presence frames about one user. */
    static List<JsonObject> entriesFor(List<JsonObject> frames, String login) {
        return frames.stream().filter(ChatClient.ofType("presence"))
                .flatMap(f -> f.getJsonArray("users").getValuesAs(JsonObject.class).stream())
                .filter(u -> u.getString("login").equals(login)).toList();
    }

    /** The last seen time PostgreSQL holds for a user, as frames write it (ISO instant, milliseconds); null when none. */
    static String storedLastSeen(String login) throws Exception {
        try (var db = TestDatabase.connect();
                var select = db.prepareStatement("SELECT round(extract(epoch FROM last_seen_at) * 1000)::bigint FROM users WHERE login = ?")) {
            select.setString(1, login);
            try (var rows = select.executeQuery()) {
                rows.next();
                long ms = rows.getLong(1);
                return rows.wasNull() ? null : Instant.ofEpochMilli(ms).toString();
            }
        }
    }

    @Test
    void helloCarriesTheUserTheirRoomsAndHowManyAreOnlineNotWho() {
        var ann = newUser("hello");
        try (var a = ann.connect(base)) {
            assertEquals(ann.login(), a.hello.getJsonObject("user").getString("login"));
            assertTrue(a.hello.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                    .anyMatch(r -> r.getString("name").equals("general") && r.containsKey("unread")));
            assertTrue(a.hello.getInt("onlineCount") >= 1, a.hello.toString());
            assertFalse(a.hello.containsKey("online"), "no list of everyone online in hello");
        }
    }

    @Test
    void aSocketHearsAboutTheUsersItWatchesAndNobodyElse() throws Exception {
        var watcher = newUser("watcher");
        var bob = newUser("bob", "Bob Watched");
        var carl = newUser("carl", "Carl Unwatched");
        try (var w = watcher.connect(base)) {
            var answer = w.watch(bob.login(), carl.login(), "nobody-such-login");
            var listed = answer.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                    .collect(Collectors.toMap(u -> u.getString("login"), u -> u));
            assertEquals(Set.of(bob.login(), carl.login()), listed.keySet(), "unknown logins are left out: " + answer);
            assertFalse(listed.get(bob.login()).getBoolean("online"));
            assertEquals("Bob Watched", listed.get(bob.login()).getString("displayName"));

            w.watch(bob.login()); // carl no longer
            var b = bob.connect(base);
            var online = w.next(presenceOf(bob.login(), true));
            assertEquals("Bob Watched", entriesFor(List.of(online), bob.login()).get(0).getString("displayName"));

            try (var c = carl.connect(base)) {
                b.close(); // the marker: bob's going offline comes after carl's arrival
                var offline = w.next(presenceOf(bob.login(), false));
                assertNotNull(entriesFor(List.of(offline), bob.login()).get(0).getString("lastSeen", null), offline.toString());
                var seen = new ArrayList<>(w.pending());
                seen.add(offline);
                assertTrue(entriesFor(seen, carl.login()).isEmpty(), "carl is not watched: " + seen);
            }
        }
    }

    @Test
    void tabsCountOnceAndLastSeenIsRecorded() throws Exception {
        var watcher = newUser("tabs");
        var dana = newUser("dana", "Dana Tabs");
        try (var w = watcher.connect(base)) {
            w.watch(dana.login());
            var tab1 = dana.connect(base);
            w.next(presenceOf(dana.login(), true));
            var tab2 = dana.connect(base);
            tab1.close();
            var profile = HttpSession.json(api.get("api/v1/users/" + dana.login(), "Authorization", watcher.bearer()));
            assertTrue(profile.getBoolean("online"), profile.toString());
            tab2.close();
            var offline = w.next(presenceOf(dana.login(), false));
            var seen = new ArrayList<>(w.pending());
            seen.add(offline);
            assertEquals(1, entriesFor(seen, dana.login()).size(), "one tab closing is no change: " + seen);
            String lastSeen = entriesFor(List.of(offline), dana.login()).get(0).getString("lastSeen");
            var after = HttpSession.json(api.get("api/v1/users/" + dana.login(), "Authorization", watcher.bearer()));
            assertFalse(after.getBoolean("online"));
            assertEquals(lastSeen, after.getString("lastSeen"), "the profile says the same last seen: " + after);
            // Written to the database within the batch interval (a second): PostgreSQL agrees soon after.
            Await.until(ChatClient.WAIT, () -> "last seen written: " + storedLastSeen(dana.login()) + " vs " + lastSeen,
                    () -> lastSeen.equals(storedLastSeen(dana.login())));
        }
    }

    @Test
    void changesAreCoalescedToAtMostOneFrameASecond() throws Exception {
        var watcher = newUser("coalesce");
        var crowd = new ArrayList<TestUser>();
        for (int i = 0; i < 8; i++) {
            crowd.add(newUser("crowd" + i));
        }
        try (var w = watcher.connect(base)) {
            w.watch(crowd.stream().map(TestUser::login).toArray(String[]::new));
            var sockets = new ArrayList<ChatClient>();
            try {
                for (var u : crowd) {
                    sockets.add(u.connect(base));
                }
                var expected = crowd.stream().map(TestUser::login).collect(Collectors.toSet());
                var frames = new ArrayList<JsonObject>();
                var told = new HashSet<String>();
                while (!told.containsAll(expected)) {
                    var frame = w.next("presence");
                    frames.add(frame);
                    frame.getJsonArray("users").getValuesAs(JsonObject.class).forEach(u -> {
                        assertTrue(u.getBoolean("online"), frame.toString());
                        told.add(u.getString("login"));
                    });
                }
                assertTrue(frames.size() < crowd.size(), "eight arrivals, " + frames.size() + " frames: " + frames);
                for (int i = 1; i < frames.size(); i++) {
                    long gapMillis = (w.arrivedAt(frames.get(i)) - w.arrivedAt(frames.get(i - 1))) / 1_000_000;
                    assertTrue(gapMillis >= 800, "frames " + gapMillis + " ms apart");
                }
            } finally {
                sockets.forEach(ChatClient::close);
            }
        }
    }

    @Test
    void aQuickReconnectIsNoChangeForWatchers() throws Exception {
        var watcher = newUser("noflap");
        var eve = newUser("eve");
        var marker = newUser("marker");
        try (var w = watcher.connect(base)) {
            var e1 = eve.connect(base);
            w.watch(eve.login(), marker.login());
            e1.close();
            try (var e2 = eve.connect(base); var m = marker.connect(base)) {
                var markerOnline = w.next(presenceOf(marker.login(), true));
                Thread.sleep(4500); // past the offline grace period: a real departure would have been told by now
                try (var m2 = marker.connect(base)) {
                    m.close();
                    m2.close();
                }
                var markerOffline = w.next(presenceOf(marker.login(), false));
                var seen = new ArrayList<>(w.pending());
                seen.add(markerOnline);
                seen.add(markerOffline);
                assertTrue(entriesFor(seen, eve.login()).isEmpty(), "eve reloaded her page; nobody hears of it: " + seen);
            }
        }
    }

    @Test
    void watchingMoreThanTheCapIsRefusedAndChangesNothing() {
        var watcher = newUser("cap");
        var fay = newUser("fay");
        try (var w = watcher.connect(base)) {
            w.watch(fay.login());
            var tooMany = Json.createArrayBuilder();
            for (int i = 0; i <= 500; i++) {
                tooMany.add("user" + i);
            }
            w.send(Json.createObjectBuilder().add("type", "watch").add("logins", tooMany).build());
            var error = w.next("error");
            assertEquals("TOO_LONG", error.getString("code"));
            w.send(Json.createObjectBuilder().add("type", "watch").add("logins", "fay").build());
            assertEquals("INVALID", w.next("error").getString("code"));
            try (var f = fay.connect(base)) {
                w.next(presenceOf(fay.login(), true)); // the earlier watch still holds
            }
        }
    }

    @Test
    void theOnlineMembersOfARoomComePagedAndSorted() {
        var owner = newUser("owner", "Mia Owner");
        var zed = newUser("zed", "Zed Member");
        var ada = newUser("ada", "Ada Member");
        var offline = newUser("off", "Bo Offline");
        var outsider = newUser("outsider");
        var created = api.postJson("api/v1/rooms", Json.createObjectBuilder().add("name", "online-" + owner.login())
                .add("visibility", "private").build().toString(), "Authorization", owner.bearer());
        assertEquals(201, created.statusCode(), created.body());
        long room = HttpSession.json(created).getJsonNumber("id").longValue();
        for (var member : List.of(zed, ada, offline)) {
            var added = api.send(api.request("api/v1/rooms/" + room + "/members/" + member.login(), "Authorization", owner.bearer())
                    .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, added.statusCode() / 100 * 100, added.body());
        }
        try (var o = owner.connect(base); var z = zed.connect(base); var a = ada.connect(base)) {
            var first = HttpSession.json(api.get("api/v1/rooms/" + room + "/online?limit=2", "Authorization", owner.bearer()));
            assertEquals(3, first.getInt("count"), first.toString());
            assertEquals(List.of("Ada Member", "Mia Owner"), names(first));
            var second = HttpSession.json(api.get("api/v1/rooms/" + room + "/online?limit=2&cursor=" + first.getString("next"),
                    "Authorization", owner.bearer()));
            assertEquals(List.of("Zed Member"), names(second));
            assertTrue(!second.containsKey("next") || second.isNull("next"), second.toString());

            assertEquals(404, api.get("api/v1/rooms/" + room + "/online", "Authorization", outsider.bearer()).statusCode());
            assertEquals(400, api.get("api/v1/rooms/" + room + "/online?cursor=%21%21", "Authorization", owner.bearer()).statusCode());
            var everyone = HttpSession.json(api.get("api/v1/presence?limit=1", "Authorization", owner.bearer()));
            assertTrue(everyone.getInt("count") >= 3, everyone.toString());
            assertEquals(1, everyone.getJsonArray("items").size());
        }
    }

    @Test
    void theOnlineCountOfTheShownRoomFollowsArrivalsAndDepartures() throws Exception {
        var owner = newUser("count");
        var ivy = newUser("ivy");
        var created = api.postJson("api/v1/rooms", Json.createObjectBuilder().add("name", "count-" + owner.login())
                .add("visibility", "public").build().toString(), "Authorization", owner.bearer());
        long room = HttpSession.json(created).getJsonNumber("id").longValue();
        api.send(api.request("api/v1/rooms/" + room + "/members/" + ivy.login(), "Authorization", ivy.bearer())
                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()));
        Predicate<JsonObject> countFrame = ChatClient.ofType("online").and(f -> f.getJsonNumber("room").longValue() == room);
        try (var o = owner.connect(base)) {
            o.send(Json.createObjectBuilder().add("type", "watch").add("logins", Json.createArrayBuilder()).add("room", room).build());
            assertEquals(1, o.next(countFrame).getInt("count"));
            var i = ivy.connect(base);
            assertEquals(2, o.next(countFrame).getInt("count"));
            i.close();
            assertEquals(1, o.next(countFrame).getInt("count"));
            // A room one is not in cannot be watched.
            o.send(Json.createObjectBuilder().add("type", "watch").add("logins", Json.createArrayBuilder()).add("room", 999_999_999L).build());
            assertEquals("NOT_FOUND", o.next("error").getString("code"));
        }
    }

    private static List<String> names(JsonObject page) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(u -> u.getString("displayName")).toList();
    }

    @Test
    void revokedTokensAndChangedPasswordsStopWorkingAtOnceDespiteTheCache() {
        var gus = newUser("gus");
        var other = Accounts.token(api, gus.login());
        // Used first, so both are cached.
        assertEquals(200, api.get("api/v1/users/me", "Authorization", gus.bearer()).statusCode());
        assertEquals(200, api.get("api/v1/users/me", "Authorization", "Bearer " + other).statusCode());

        assertEquals(204, api.delete("api/v1/tokens/current", "Authorization", gus.bearer()).statusCode());
        assertEquals(401, api.get("api/v1/users/me", "Authorization", gus.bearer()).statusCode());
        var refused = assertThrows(CompletionException.class, () -> gus.connect(base));
        assertEquals(401, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());

        var third = Accounts.token(api, gus.login());
        assertEquals(200, api.get("api/v1/users/me", "Authorization", "Bearer " + third).statusCode());
        var change = api.send(api.request("api/v1/users/me/password", "Authorization", "Bearer " + third)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                        .add("currentPassword", org.jointchat.support.TestData.PASSWORD)
                        .add("newPassword", "a brand new password 7").build().toString())));
        assertEquals(204, change.statusCode(), change.body());
        assertEquals(401, api.get("api/v1/users/me", "Authorization", "Bearer " + other).statusCode(), "other tokens end");
        assertEquals(200, api.get("api/v1/users/me", "Authorization", "Bearer " + third).statusCode(), "the caller's stays");
    }

    @Test
    void profileChangesReachWatchersWithTheNewName() {
        var watcher = newUser("pwatch");
        var hal = newUser("hal", "Hal Before");
        try (var w = watcher.connect(base); var h = hal.connect(base)) {
            w.watch(hal.login());
            var renamed = api.send(api.request("api/v1/users/me", "Authorization", hal.bearer()).header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Hal After\"}")));
            assertEquals(200, renamed.statusCode(), renamed.body());
            var profile = w.next(f -> "profile".equals(f.getString("type")) && f.getJsonObject("user").getString("login").equals(hal.login()));
            assertEquals("Hal After", profile.getJsonObject("user").getString("displayName"));
            // The name cache was refreshed: the next socket of hal says the new name in hello.
            try (var h2 = hal.connect(base)) {
                assertEquals("Hal After", h2.hello.getJsonObject("user").getString("displayName"));
            }
        }
    }
}
