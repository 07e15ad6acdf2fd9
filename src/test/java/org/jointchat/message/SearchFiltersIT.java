package org.jointchat.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/** Search filters (issue 22, item 8): each narrows the search, in en/ru/uk, and a bad one is a 400 problem. */
class SearchFiltersIT extends AgainstTheServer {

    final class Member extends TestUser {
        Member(String prefix) {
            super(api, prefix, prefix + " Person");
        }

        long createRoom(String name) {
            var created = post("api/v1/rooms", Json.createObjectBuilder().add("name", name).add("visibility", "private").build().toString());
            assertEquals(201, created.statusCode(), created.body());
            return HttpSession.json(created).getJsonNumber("id").longValue();
        }

        void join(long room, Member other) {
            assertEquals(201, put("api/v1/rooms/" + room + "/members/" + other.login(), "").statusCode());
        }

        long send(long room, String text, Long attachment) {
            var body = Json.createObjectBuilder().add("text", text).add("clientId", UUID.randomUUID().toString());
            if (attachment != null) {
                body.add("attachments", Json.createArrayBuilder().add(attachment));
            }
            var sent = post("api/v1/rooms/" + room + "/messages", body.build().toString());
            assertEquals(201, sent.statusCode(), sent.body());
            return HttpSession.json(sent).getJsonNumber("id").longValue();
        }

        /** The sent message's {id, seq}; thread: the root's seq of a thread reply, or null. */
        long[] sendIn(long room, String text, Long thread) {
            var body = Json.createObjectBuilder().add("text", text).add("clientId", UUID.randomUUID().toString());
            if (thread != null) {
                body.add("thread", thread);
            }
            var sent = post("api/v1/rooms/" + room + "/messages", body.build().toString());
            assertEquals(201, sent.statusCode(), sent.body());
            var json = HttpSession.json(sent);
            return new long[] {json.getJsonNumber("id").longValue(), json.getJsonNumber("seq").longValue()};
        }

        void pin(long room, long seq) {
            var pinned = put("api/v1/rooms/" + room + "/pins/" + seq, "");
            assertEquals(201, pinned.statusCode(), pinned.body());
        }

        void unpin(long room, long seq) {
            assertEquals(204, delete("api/v1/rooms/" + room + "/pins/" + seq).statusCode());
        }

        long upload(long room) {
            var uploaded = api.send(api.request("api/v1/rooms/" + room + "/attachments?name=notes.txt", "Authorization", bearer())
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("notes")));
            assertEquals(201, uploaded.statusCode(), uploaded.body());
            return HttpSession.json(uploaded).getJsonNumber("id").longValue();
        }

        HttpResponse<String> search(String query) {
            return get("api/v1/search/messages?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        }

        /** The ids of the hits, newest first. */
        List<Long> found(String query) {
            var found = search(query);
            assertEquals(200, found.statusCode(), query + ": " + found.body());
            return HttpSession.json(found).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .map(m -> m.getJsonNumber("id").longValue()).toList();
        }
    }

    static String word() {
        var letters = new StringBuilder("zf");
        UUID.randomUUID().toString().chars().filter(Character::isDigit).limit(8).forEach(d -> letters.append((char) ('a' + d - '0')));
        return letters.toString();
    }

    // ann searches 18 times, under the kept limit of 20 searches per 10 s; bob and carol take the rest.
    @Test
    void eachFilterNarrowsTheSearchAndTheyCombine() {
        var ann = new Member("ann");
        var bob = new Member("bob");
        var carol = new Member("carol");
        String token = word();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String ops = "ops-" + suffix;
        String plans = "release plans " + suffix;
        long opsRoom = ann.createRoom(ops);
        long plansRoom = ann.createRoom(plans);
        ann.join(opsRoom, bob);
        ann.join(plansRoom, bob);
        ann.join(opsRoom, carol);
        long plain = ann.send(opsRoom, token + " plain words", null);
        long link = bob.send(opsRoom, token + " see https://example.org/a", null);
        long file = ann.send(plansRoom, token + " the notes", ann.upload(plansRoom));
        long other = bob.send(plansRoom, token + " nothing else", null);

        assertEquals(List.of(other, file, link, plain), ann.found(token));
        assertEquals(List.of(file, plain), ann.found(token + " from:" + ann.login()));
        assertEquals(List.of(other, link), ann.found("from:@" + bob.login() + " " + token));
        assertEquals(List.of(link, plain), ann.found(token + " in:" + ops.toUpperCase()), "room names in any case");
        assertEquals(List.of(other, file), ann.found(token + " in:\"" + plans + "\""), "a quoted name with spaces");
        assertEquals(List.of(file), ann.found(token + " has:file"));
        assertEquals(List.of(link), ann.found(token + " has:link"));
        assertEquals(List.of(), ann.found(token + " has:file has:link"), "filters are joined by AND");
        assertEquals(List.of(file), ann.found("in:\"" + plans + "\" from:" + ann.login()), "filters alone, no words");
        assertEquals(List.of(link), bob.found("from:" + bob.login() + " has:link"));
        assertEquals(List.of(), ann.found(token + " is:pinned"), "nothing pinned yet");
        assertEquals(List.of(), ann.found(token + " is:thread"), "no threads here");

        var today = LocalDate.now(ZoneOffset.UTC);
        assertEquals(4, ann.found(token + " on:" + today).size());
        assertEquals(4, ann.found(token + " after:" + today.minusDays(1) + " before:" + today.plusDays(1)).size());
        assertEquals(List.of(), ann.found(token + " before:" + today));
        assertEquals(List.of(), ann.found(token + " after:" + today));
        assertEquals(List.of(), ann.found(token + " on:" + today.minusDays(1)));
        // With a date filter hits come newest first by time, and pages follow on from the last one (bob: 2 searches).
        var paged = new java.util.ArrayList<Long>();
        String next = "";
        for (int pageNo = 0; pageNo < 2; pageNo++) {
            var page = bob.get("api/v1/search/messages?limit=1&q=" + URLEncoder.encode(token + " on:" + today, StandardCharsets.UTF_8) + next);
            assertEquals(200, page.statusCode(), page.body());
            var json = HttpSession.json(page);
            json.getJsonArray("items").getValuesAs(JsonObject.class).forEach(m -> paged.add(m.getJsonNumber("id").longValue()));
            next = "&before=" + json.getJsonNumber("next").longValue();
        }
        assertEquals(List.of(other, file), paged, "two pages of one with on:");

        assertEquals(List.of(plain), ann.found(token + " от:" + ann.login() + " в:" + ops), "Russian");
        assertEquals(List.of(file), ann.found(token + " есть:файл дата:" + today), "Russian");
        assertEquals(List.of(link), bob.found(token + " від:" + bob.login() + " має:посилання"), "Ukrainian");
        assertEquals(List.of(other, file), bob.found(token + " у:\"" + plans + "\" після:" + today.minusDays(1)), "Ukrainian");

        assertEquals(List.of(link, plain), carol.found(token), "only the caller's rooms");
        assertEquals(List.of(), carol.found(token + " in:\"" + plans + "\""), "in: names only the caller's rooms");
        assertEquals(List.of(), carol.found(token + " from:nosuchlogin"), "an unknown login matches nothing");
    }

    @Test
    void isPinnedFindsPinnedMessagesOnlyWhilePinnedAndCombines() {
        var ann = new Member("ann");
        var bob = new Member("bob");
        String token = word();
        String room = "pins-" + UUID.randomUUID().toString().substring(0, 8);
        long id = ann.createRoom(room);
        ann.join(id, bob);
        var first = ann.sendIn(id, token + " first", null);
        var second = bob.sendIn(id, token + " second https://example.org", null);
        var third = bob.sendIn(id, token + " third", null);
        bob.sendIn(id, "unrelated words", null);
        ann.pin(id, first[1]);
        ann.pin(id, second[1]);

        assertEquals(List.of(second[0], first[0]), ann.found(token + " is:pinned"));
        assertEquals(List.of(second[0]), ann.found("is:pinned from:" + bob.login() + " in:" + room), "filters alone, combined");
        assertEquals(List.of(second[0]), ann.found(token + " is:pinned has:link"));
        assertEquals(List.of(second[0]), bob.found(token + " это:закреплено от:" + bob.login()), "Russian");
        assertEquals(List.of(second[0], first[0]), bob.found(token + " це:закріплено у:" + room), "Ukrainian");
        ann.unpin(id, second[1]);
        assertEquals(List.of(first[0]), ann.found(token + " is:pinned"), "unpinned: found no more");
        assertEquals(List.of(third[0], second[0], first[0]), ann.found(token), "without the filter: all of them");
    }

    // Threads (issue 22, item 1): a reply is sent with "thread": the root's seq.
    @Test
    void isThreadFindsRepliesAndRootsWithReplies() {
        var ann = new Member("ann");
        var bob = new Member("bob");
        String token = word();
        String room = "threads-" + UUID.randomUUID().toString().substring(0, 8);
        long id = ann.createRoom(room);
        ann.join(id, bob);
        var root = ann.sendIn(id, token + " a root", null);
        var lonely = ann.sendIn(id, token + " no replies", null);
        var reply = bob.sendIn(id, token + " a reply", root[1]);
        var other = bob.sendIn(id, "other words in the thread", root[1]);

        assertEquals(List.of(reply[0], root[0]), ann.found(token + " is:thread"));
        assertEquals(List.of(other[0], reply[0], root[0]), ann.found("is:thread in:" + room), "a filter alone");
        assertEquals(List.of(other[0], reply[0]), ann.found("is:thread from:" + bob.login() + " in:" + room));
        assertEquals(List.of(root[0]), ann.found(token + " від:" + ann.login() + " це:гілка"), "Ukrainian");
        assertEquals(List.of(reply[0], root[0]), bob.found(token + " это:ветка"), "Russian");
        ann.pin(id, root[1]);
        assertEquals(List.of(root[0]), ann.found(token + " is:thread is:pinned"), "both is: filters");
        assertEquals(3, ann.found(token).size(), "without the filter: " + lonely[0] + " too");
    }

    @Test
    void aBadFilterIsAProblemNamingTheToken() {
        var ann = new Member("ann");
        for (var query : List.of("budget before:2026-02-30", "has:image", "це:щось", "from:", "on:2026-01-01 on:2026-01-02")) {
            var refused = ann.search(query);
            assertEquals(400, refused.statusCode(), query + ": " + refused.body());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), query);
            var problem = HttpSession.json(refused);
            String token = query.substring(query.lastIndexOf(' ') + 1);
            assertTrue(problem.getString("detail").endsWith(token), problem.toString());
            assertEquals("q", problem.getJsonArray("errors").getJsonObject(0).getString("field"), problem.toString());
        }
    }
}
