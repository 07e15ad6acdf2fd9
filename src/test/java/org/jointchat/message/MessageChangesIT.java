package org.jointchat.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/** Edits, deletions, reactions, replies, mentions, formatting and search: REST and WebSocket against the real server. */
class MessageChangesIT extends AgainstTheServer {

    final class Member extends TestUser {
        Member(String prefix) {
            super(api, prefix, prefix + " Person");
        }

        long createRoom(String visibility) {
            var created = post("api/v1/rooms", Json.createObjectBuilder().add("name", "r-" + UUID.randomUUID().toString().substring(0, 12))
                    .add("visibility", visibility).build().toString());
            assertEquals(201, created.statusCode(), created.body());
            return HttpSession.json(created).getJsonNumber("id").longValue();
        }

        void join(long room, Member other) {
            var added = put("api/v1/rooms/" + room + "/members/" + other.login(), "");
            assertEquals(201, added.statusCode(), added.body());
        }

        JsonObject send(long room, String text) {
            return send(room, Json.createObjectBuilder().add("text", text));
        }

        JsonObject send(long room, jakarta.json.JsonObjectBuilder body) {
            var sent = post("api/v1/rooms/" + room + "/messages", body.add("clientId", UUID.randomUUID().toString()).build().toString());
            assertEquals(201, sent.statusCode(), sent.body());
            return HttpSession.json(sent);
        }

        JsonArray history(long room) {
            var page = get("api/v1/rooms/" + room + "/messages?limit=200");
            assertEquals(200, page.statusCode(), page.body());
            return HttpSession.array(page.body());
        }

        JsonObject roomInfo(long room) {
            return HttpSession.array(get("api/v1/rooms").body()).getValuesAs(JsonObject.class).stream()
                    .filter(r -> r.getJsonNumber("id").longValue() == room).findFirst().orElseThrow();
        }

        HttpResponse<String> react(long room, long seq, String emoji, boolean on) {
            String path = "api/v1/rooms/" + room + "/messages/" + seq + "/reactions/" + URLEncoder.encode(emoji, StandardCharsets.UTF_8).replace("+", "%20");
            return on ? put(path, "") : delete(path);
        }

        JsonObject search(String query) {
            var found = get("api/v1/search/messages?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
            assertEquals(200, found.statusCode(), found.body());
            return HttpSession.json(found);
        }
    }

    static long seq(JsonObject message) {
        return message.getJsonNumber("seq").longValue();
    }

    static long version(JsonObject message) {
        return message.getJsonNumber("version").longValue();
    }

    static String problemType(HttpResponse<String> response) {
        return HttpSession.json(response).getString("type");
    }

    static String word() {
        // Letters only (no digits), so that both text search configurations see one word.
        var letters = new StringBuilder("zq");
        UUID.randomUUID().toString().chars().filter(Character::isDigit).limit(8).forEach(d -> letters.append((char) ('a' + d - '0')));
        return letters.toString();
    }

    @Test
    void onlyTheAuthorEditsTheAuthorOrOwnerDeletesAndTombstonesKeepNumberingGapFree() {
        var ann = new Member("ann");
        var bob = new Member("bob");
        var cy = new Member("cy");
        long room = ann.createRoom("private");
        ann.join(room, bob);
        var first = ann.send(room, "first");
        var second = bob.send(room, "second by bob");
        var third = ann.send(room, "third");
        try (var bobSocket = bob.connect()) {
            var forbidden = bob.patch("api/v1/rooms/" + room + "/messages/" + seq(first), "{\"text\":\"hijacked\"}");
            assertEquals(403, forbidden.statusCode(), "only the author edits");
            assertTrue(problemType(forbidden).endsWith(":forbidden"));
            assertEquals(404, cy.patch("api/v1/rooms/" + room + "/messages/" + seq(first), "{\"text\":\"x\"}").statusCode(),
                    "a private room never admits it exists");
            assertEquals(404, ann.patch("api/v1/rooms/" + room + "/messages/999", "{\"text\":\"x\"}").statusCode());
            assertEquals(400, ann.patch("api/v1/rooms/" + room + "/messages/" + seq(first), "{\"text\":\"  \"}").statusCode());

            var edited = ann.patch("api/v1/rooms/" + room + "/messages/" + seq(first), "{\"text\":\"first, **edited**\"}");
            assertEquals(200, edited.statusCode(), edited.body());
            var editedMessage = HttpSession.json(edited);
            assertEquals("first, **edited**", editedMessage.getString("text"));
            assertTrue(editedMessage.containsKey("editedAt"));
            assertTrue(editedMessage.getString("html").contains("<strong>edited</strong>"), editedMessage.getString("html"));
            assertTrue(version(editedMessage) > version(third), "an edit takes the room's next version");
            var live = bobSocket.next(f -> "changed".equals(f.getString("type")) && seq(f) == seq(first));
            assertEquals("first, **edited**", live.getString("text"));
            assertEquals(version(editedMessage), version(live));

            assertEquals(403, bob.delete("api/v1/rooms/" + room + "/messages/" + seq(first)).statusCode(), "bob neither wrote it nor owns the room");
            assertEquals(204, ann.delete("api/v1/rooms/" + room + "/messages/" + seq(second)).statusCode(), "the owner deletes bob's message");
            assertEquals(403, bob.delete("api/v1/rooms/" + room + "/messages/" + seq(third)).statusCode(), "nor this one");
            var gone = bobSocket.next(f -> "changed".equals(f.getString("type")) && seq(f) == seq(second));
            assertTrue(gone.getBoolean("deleted"));
            assertEquals("", gone.getString("text"));
            assertEquals(403, bob.patch("api/v1/rooms/" + room + "/messages/" + seq(second), "{\"text\":\"back\"}").statusCode(),
                    "a deleted message cannot be edited");
            assertEquals(403, ann.react(room, seq(second), "👍", true).statusCode(), "nor reacted to");

            var all = ann.history(room).getValuesAs(JsonObject.class);
            assertEquals(LongStream.rangeClosed(1, all.size()).boxed().toList(), all.stream().map(MessageChangesIT::seq).toList(),
                    "gap-free: the tombstone keeps its seq (bob's join is a system line before them)");
            var history = all.stream().filter(m -> !m.containsKey("kind")).toList();
            assertEquals(3, history.size());
            assertTrue(history.get(1).getBoolean("deleted"));
            assertEquals("", history.get(1).getString("text"));
            assertFalse(history.get(0).containsKey("deleted"));
            assertEquals("first, **edited**", history.get(0).getString("text"));
        }
    }

    @Test
    void overTheSocketEditsAndRefusalsAreAnsweredWithFramesAndAClientIdEcho() {
        var ann = new Member("ann");
        var bob = new Member("bob");
        long room = ann.createRoom("public");
        ann.join(room, bob);
        var message = ann.send(room, "hello");
        try (var a = ann.connect(); var b = bob.connect()) {
            b.send(Json.createObjectBuilder().add("type", "edit").add("room", room).add("seq", seq(message)).add("text", "mine now")
                    .add("clientId", "e-1").build());
            var refused = b.next(ChatClient.ofType("error"));
            assertEquals("FORBIDDEN", refused.getString("code"));
            assertEquals("e-1", refused.getString("clientId"));
            a.send(Json.createObjectBuilder().add("type", "edit").add("room", room).add("seq", seq(message)).add("text", "hello again").build());
            assertEquals("hello again", b.next(f -> "changed".equals(f.getString("type"))).getString("text"));
            assertEquals("hello again", a.next(f -> "changed".equals(f.getString("type"))).getString("text"), "the editor's own sockets too");
            b.send(Json.createObjectBuilder().add("type", "react").add("room", room).add("seq", seq(message)).add("emoji", "🎉")
                    .add("on", true).build());
            var reacted = a.next(f -> "changed".equals(f.getString("type")) && f.containsKey("reactions"));
            var reaction = reacted.getJsonArray("reactions").getJsonObject(0);
            assertEquals("🎉", reaction.getString("emoji"));
            assertEquals(1, reaction.getInt("count"));
            assertEquals(List.of(bob.login()), reaction.getJsonArray("users").getValuesAs(JsonString::getString));
            b.send(Json.createObjectBuilder().add("type", "react").add("room", room).add("seq", seq(message)).add("emoji", "🎉")
                    .add("on", true).build());
            b.send(Json.createObjectBuilder().add("type", "react").add("room", room).add("seq", seq(message)).add("emoji", "🎉").build());
            assertFalse(a.next(f -> "changed".equals(f.getString("type"))).containsKey("reactions"),
                    "on again changed nothing; without on it turned the reaction over: off");
            b.send(Json.createObjectBuilder().add("type", "delete").add("room", room).add("seq", seq(message)).add("clientId", "d-1").build());
            assertEquals("FORBIDDEN", b.next(ChatClient.ofType("error")).getString("code"));
            b.send(Json.createObjectBuilder().add("type", "sync").add("room", 1_000_000_000L).add("afterSeq", 0).build());
            assertEquals("NOT_FOUND", b.next(ChatClient.ofType("error")).getString("code"));
        }
    }

    @Test
    void aReconnectingClientGetsEveryMissedMessageAndChangeExactlyOnce() {
        var ann = new Member("ann");
        var bob = new Member("bob");
        long room = ann.createRoom("public");
        ann.join(room, bob);
        var one = ann.send(room, "one");
        var two = ann.send(room, "two");
        var three = ann.send(room, "three");
        var untouched = ann.send(room, "four, untouched");
        long heldVersion = version(untouched);
        long heldSeq = seq(untouched);
        // Bob held 1–4 and went away. Meanwhile:
        ann.patch("api/v1/rooms/" + room + "/messages/" + seq(one), "{\"text\":\"one, edited once\"}");
        ann.patch("api/v1/rooms/" + room + "/messages/" + seq(one), "{\"text\":\"one, edited twice\"}");
        assertEquals(200, ann.react(room, seq(two), "👍", true).statusCode());
        assertEquals(204, ann.delete("api/v1/rooms/" + room + "/messages/" + seq(three)).statusCode());
        var five = ann.send(room, "five");
        ann.patch("api/v1/rooms/" + room + "/messages/" + seq(five), "{\"text\":\"five, edited\"}");
        try (var b = bob.connect()) {
            b.send(Json.createObjectBuilder().add("type", "sync").add("room", room).add("afterSeq", heldSeq)
                    .add("afterVersion", heldVersion).build());
            var synced = b.next(ChatClient.ofType("synced"));
            // Everything of the room that came, before synced and for a while after it (a duplicate would show here).
            var frames = b.collect(f -> f.containsKey("room") && f.get("room") instanceof jakarta.json.JsonNumber n && n.longValue() == room,
                    Duration.ofMillis(700));
            var newOnes = frames.stream().filter(f -> "message".equals(f.getString("type"))).toList();
            assertEquals(1, newOnes.size(), "the missed message, once: " + frames);
            assertEquals("five, edited", newOnes.get(0).getString("text"), "as it is now");
            var changes = frames.stream().filter(f -> "changed".equals(f.getString("type"))).toList();
            assertEquals(List.of(seq(one), seq(two), seq(three)), changes.stream().map(MessageChangesIT::seq).sorted().toList(),
                    "each changed message it held, once: " + changes);
            var versions = changes.stream().map(MessageChangesIT::version).toList();
            assertEquals(versions.stream().sorted().toList(), versions, "in version order");
            assertEquals("one, edited twice", changes.stream().filter(f -> seq(f) == seq(one)).findFirst().orElseThrow().getString("text"));
            assertTrue(changes.stream().filter(f -> seq(f) == seq(three)).findFirst().orElseThrow().getBoolean("deleted"));
            assertEquals(seq(five), synced.getJsonNumber("lastSeq").longValue());
            long lastVersion = synced.getJsonNumber("lastVersion").longValue();
            assertEquals(version(HttpSession.json(ann.patch("api/v1/rooms/" + room + "/messages/" + seq(five), "{\"text\":\"five, edited\"}"))),
                    lastVersion, "lastVersion is the room's version: an unchanged edit takes none");

            // Synced from that mark, nothing comes again.
            b.send(Json.createObjectBuilder().add("type", "sync").add("room", room).add("afterSeq", seq(five))
                    .add("afterVersion", lastVersion).build());
            b.next(ChatClient.ofType("synced"));
            assertEquals(List.of(), b.collect(f -> "message".equals(f.getString("type")) || "changed".equals(f.getString("type")),
                    Duration.ofMillis(500)), "a second sync from the new mark replays nothing");
        }
    }

    @Test
    void reactionsAreOnePerUserAndKindAndShowWhoReacted() {
        var ann = new Member("ann");
        var bob = new Member("bob");
        long room = ann.createRoom("public");
        ann.join(room, bob);
        long seq = seq(ann.send(room, "react to me"));
        assertEquals(200, ann.react(room, seq, "👍🏽", true).statusCode());
        var twice = ann.react(room, seq, "👍🏽", true);
        assertEquals(200, twice.statusCode());
        assertEquals(1, HttpSession.json(twice).getJsonArray("reactions").getJsonObject(0).getInt("count"), "once per user and kind");
        var both = HttpSession.json(bob.react(room, seq, "👍🏽", true)).getJsonArray("reactions").getJsonObject(0);
        assertEquals(2, both.getInt("count"));
        assertEquals(List.of(ann.login(), bob.login()), both.getJsonArray("users").getValuesAs(JsonString::getString));
        assertEquals(200, bob.react(room, seq, "👨‍👩‍👧", true).statusCode(), "a joined emoji is one emoji");
        var nullId = bob.post("api/v1/rooms/" + room + "/messages", "{\"text\":\"x\",\"clientId\":\"n-1\",\"attachments\":[null]}");
        assertEquals(400, nullId.statusCode(), nullId.body());
        for (var notOne : List.of("ab", "👍👍", " ", "1", "<", "+")) {
            var refused = bob.react(room, seq, notOne, true);
            assertEquals(400, refused.statusCode(), notOne + ": " + refused.body());
        }
        var off = HttpSession.json(ann.react(room, seq, "👍🏽", false)).getJsonArray("reactions");
        assertEquals(List.of(bob.login()), off.getJsonObject(0).getJsonArray("users").getValuesAs(JsonString::getString));
        assertEquals(1, off.getJsonObject(0).getInt("count"));
        var cy = new Member("cy");
        assertEquals(403, cy.react(room, seq, "👍", true).statusCode(), "not a member of the public room");
    }

    @Test
    void repliesQuoteTheirOriginalOfTheSameRoomOnly() {
        var ann = new Member("ann");
        var bob = new Member("bob");
        long room = ann.createRoom("public");
        long other = ann.createRoom("public");
        ann.join(room, bob);
        var original = ann.send(room, "what do you think?\nsecond line");
        ann.send(other, "elsewhere");
        var reply = bob.send(room, Json.createObjectBuilder().add("text", "I agree").add("replyTo", seq(original)));
        var quote = reply.getJsonObject("replyTo");
        assertEquals(seq(original), quote.getJsonNumber("seq").longValue());
        assertEquals(ann.login(), quote.getString("author"));
        assertEquals("what do you think?\nsecond line", quote.getString("text"));
        assertEquals(reply, bob.history(room).getValuesAs(JsonObject.class).stream().filter(m -> seq(m) == seq(reply)).findFirst().orElseThrow(),
                "history shows the same reply");
        var nowhere = bob.post("api/v1/rooms/" + room + "/messages",
                "{\"text\":\"?\",\"clientId\":\"" + UUID.randomUUID() + "\",\"replyTo\":99}");
        assertEquals(400, nowhere.statusCode(), "no such message in this room");
        assertEquals(seq(reply), bob.history(room).getValuesAs(JsonObject.class).stream().mapToLong(MessageChangesIT::seq).max().orElseThrow(),
                "nothing stored");
    }

    @Test
    void mentionsNameMembersAndCountAsUnreadUntilRead() {
        var ann = new Member("ann");
        var bob = new Member("bob");
        var cy = new Member("cy");
        long room = ann.createRoom("public");
        ann.join(room, bob);
        var sent = ann.send(room, "hi @" + bob.login().toUpperCase() + ", and @" + cy.login() + " who is not here; mail ann@" + bob.login() + ".org");
        assertEquals(List.of(bob.login()), sent.getJsonArray("mentions").getValuesAs(JsonString::getString),
                "members only, any case, not inside an e-mail address");
        ann.send(room, "no mention");
        var info = bob.roomInfo(room);
        assertEquals(1, info.getInt("mentions"));
        assertEquals(2, info.getInt("unread"));
        try (var b = bob.connect()) {
            var inHello = b.hello.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                    .filter(r -> r.getJsonNumber("id").longValue() == room).findFirst().orElseThrow();
            assertEquals(1, inHello.getInt("mentions"));
        }
        assertEquals(200, bob.put("api/v1/rooms/" + room + "/read", "{\"seq\":" + seq(sent) + "}").statusCode());
        assertEquals(0, bob.roomInfo(room).getInt("mentions"));
        assertEquals(0, ann.roomInfo(room).getInt("mentions"), "the author is never counted");
    }

    @Test
    void markdownIsRenderedAndHtmlNeverInterpreted() {
        var ann = new Member("ann");
        long room = ann.createRoom("public");
        var sent = ann.send(room, "**bold** *it* `code` <script>alert(1)</script> <b onclick=x>b</b> https://example.org/a?b=1 "
                + "[x](javascript:alert(1)) ![pic](https://tracker.example/p.png)\n```\nblock <i>\n```");
        String html = sent.getString("html");
        assertTrue(html.contains("<strong>bold</strong>") && html.contains("<em>it</em>") && html.contains("<code>code</code>"), html);
        assertTrue(html.contains("&lt;script&gt;") && !html.contains("<script"), html);
        assertFalse(html.contains("<b "), html);
        var link = html.substring(html.indexOf("<a "), html.indexOf(">", html.indexOf("<a ")));
        assertTrue(link.contains("href=\"https://example.org/a?b=1\"") && link.contains("rel=\"noopener noreferrer nofollow\"")
                && link.contains("target=\"_blank\""), link);
        assertFalse(html.contains("javascript:"), html);
        assertFalse(html.contains("<img"), "images are links, never loaded: " + html);
        assertTrue(html.contains("<pre><code>block &lt;i&gt;\n</code></pre>"), html);
    }

    @Test
    void searchFindsWordsInEveryRoomOfTheCallerAndNoOther() {
        var ann = new Member("ann");
        var bob = new Member("bob");
        String token = word();
        long shared = ann.createRoom("public");
        long secret = ann.createRoom("private");
        ann.join(shared, bob);
        var older = ann.send(shared, "The " + token + " cats were running home");
        var russian = ann.send(shared, token + " Я играл с кошками во дворе");
        var ukrainian = ann.send(shared, token + " Щиро дякую за привітання");
        var hidden = ann.send(secret, "a secret " + token);

        var bobs = bob.search(token).getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(List.of(seq(ukrainian), seq(russian), seq(older)), bobs.stream().map(MessageChangesIT::seq).toList(),
                "newest first, only rooms bob is in: " + bobs);
        assertTrue(bobs.stream().allMatch(h -> h.getJsonNumber("room").longValue() == shared));
        var anns = ann.search(token).getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(4, anns.size(), "ann is in both rooms");
        assertEquals(seq(hidden), seq(anns.get(0)));

        var stemmed = bob.search(token + " run cat").getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(1, stemmed.size(), "English stems: " + stemmed);
        var text = stemmed.get(0).getString("text");
        var marked = stemmed.get(0).getJsonArray("highlights").getValuesAs(JsonArray.class).stream()
                .map(r -> text.substring(r.getInt(0), r.getInt(1))).toList();
        assertEquals(List.of(token, "cats", "running"), marked);
        assertEquals(List.of(seq(russian)), bob.search(token + " кошка").getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(MessageChangesIT::seq).toList(), "Russian stems");
        assertEquals(List.of(seq(ukrainian)), bob.search(token + " ПРИВІТ").getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(MessageChangesIT::seq).toList(), "Ukrainian by the start of the word, any case");
        assertEquals(1, bob.search(token + " дякую").getJsonArray("items").size());

        var inRoom = bob.get("api/v1/search/messages?q=" + token + "&room=" + secret);
        assertEquals(404, inRoom.statusCode(), "a private room bob is not in does not exist for him");
        var paged = ann.get("api/v1/search/messages?q=" + token + "&limit=2");
        var first = HttpSession.json(paged);
        assertEquals(2, first.getJsonArray("items").size());
        var rest = HttpSession.json(ann.get("api/v1/search/messages?q=" + token + "&limit=2&before=" + first.getJsonNumber("next")));
        assertEquals(List.of(seq(russian), seq(older)), rest.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(MessageChangesIT::seq).toList());
        assertEquals(400, ann.get("api/v1/search/messages?q=%20%21").statusCode(), "no word to search for");

        assertEquals(204, ann.delete("api/v1/rooms/" + shared + "/messages/" + seq(older)).statusCode());
        assertEquals(2, bob.search(token).getJsonArray("items").size(), "deleted messages are not found");
    }
}
