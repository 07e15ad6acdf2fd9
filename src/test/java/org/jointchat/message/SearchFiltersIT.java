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
        assertEquals(List.of(), ann.found(token + " is:pinned"), "no pins yet");
        assertEquals(List.of(), ann.found(token + " is:thread"), "no threads yet");

        var today = LocalDate.now(ZoneOffset.UTC);
        assertEquals(4, ann.found(token + " on:" + today).size());
        assertEquals(4, ann.found(token + " after:" + today.minusDays(1) + " before:" + today.plusDays(1)).size());
        assertEquals(List.of(), ann.found(token + " before:" + today));
        assertEquals(List.of(), ann.found(token + " after:" + today));
        assertEquals(List.of(), ann.found(token + " on:" + today.minusDays(1)));

        assertEquals(List.of(plain), ann.found(token + " от:" + ann.login() + " в:" + ops), "Russian");
        assertEquals(List.of(file), ann.found(token + " есть:файл дата:" + today), "Russian");
        assertEquals(List.of(link), bob.found(token + " від:" + bob.login() + " має:посилання"), "Ukrainian");
        assertEquals(List.of(other, file), bob.found(token + " у:\"" + plans + "\" після:" + today.minusDays(1)), "Ukrainian");

        assertEquals(List.of(link, plain), carol.found(token), "only the caller's rooms");
        assertEquals(List.of(), carol.found(token + " in:\"" + plans + "\""), "in: names only the caller's rooms");
        assertEquals(List.of(), carol.found(token + " from:nosuchlogin"), "an unknown login matches nothing");
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
