package org.jointchat.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/** The realtime protocol from the client side: real sockets, real server, real PostgreSQL. */
class ChatIT extends AgainstTheServer {

    TestUser newUser(String prefix) {
        return TestUser.register(api, prefix, prefix + " Tester");
    }

    static long general(ChatClient client) {
        return client.hello.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("name").equals("general")).findFirst().orElseThrow().getJsonNumber("id").longValue();
    }

    static long lastSeq(ChatClient client) {
        return client.hello.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("name").equals("general")).findFirst().orElseThrow().getJsonNumber("lastSeq").longValue();
    }

    static long seq(JsonObject frame) {
        return frame.getJsonNumber("seq").longValue();
    }

    /** Message frames of one room with seq above a mark: other tests' traffic in general is ignored. */
    static java.util.function.Predicate<JsonObject> messageAfter(long room, long afterSeq) {
        return f -> "message".equals(f.getString("type")) && f.getJsonNumber("room").longValue() == room && seq(f) > afterSeq;
    }

    static void assertGapFree(List<JsonObject> messages) {
        for (int i = 1; i < messages.size(); i++) {
            assertEquals(seq(messages.get(i - 1)) + 1, seq(messages.get(i)), "gap-free and ascending: " + messages);
        }
    }

    @Test
    void twoUsersChatInGeneralAndBothSeeEveryMessageInOrder() {
        var ann = newUser("ann");
        var bob = newUser("bob");
        try (var a = ann.connect(base); var b = bob.connect(base)) {
            long room = general(a);
            long mark = lastSeq(a);
            assertEquals(ann.login(), a.hello.getJsonObject("user").getString("login"));
            for (int i = 0; i < 5; i++) {
                a.sendMessage(room, "from ann " + i, "ann-" + i);
                b.sendMessage(room, "from bob " + i, "bob-" + i);
            }
            var seenByAnn = a.take(messageAfter(room, mark), 10);
            var seenByBob = b.take(messageAfter(room, mark), 10);
            assertEquals(seenByAnn, seenByBob, "both see the same messages in the same order");
            assertGapFree(seenByAnn);
            var texts = seenByAnn.stream().map(f -> f.getString("text")).collect(Collectors.toSet());
            assertEquals(10, texts.size());
            var annMessage = seenByAnn.stream().filter(f -> f.getString("author").equals(ann.login())).findFirst().orElseThrow();
            assertEquals("ann Tester", annMessage.getString("authorName"));
            assertTrue(annMessage.getString("sentAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"));

            // Each sender gets one ack per message, carrying the seq its message got; nobody else gets them.
            var acks = a.take("ack", 5);
            for (var ack : acks) {
                var stored = seenByAnn.stream().filter(f -> f.getString("clientId").equals(ack.getString("clientId"))).findFirst().orElseThrow();
                assertEquals(seq(stored), seq(ack));
                assertEquals(ann.login(), stored.getString("author"));
            }
            for (var ack : b.take("ack", 5)) {
                var stored = seenByAnn.stream().filter(f -> f.getString("clientId").equals(ack.getString("clientId"))).findFirst().orElseThrow();
                assertEquals(bob.login(), stored.getString("author"), "bob's socket acks only bob's messages: " + ack);
                assertEquals(seq(stored), seq(ack));
            }
            // A marker instead of a wait: anything sent to ann before her pong has arrived before it.
            a.send(Json.createObjectBuilder().add("type", "ping").build());
            a.next("pong");
            assertTrue(a.pending().stream().noneMatch(ChatClient.ofType("ack")), "ann got no ack for bob's messages: " + a.pending());
        }
    }

    @Test
    void aLaterUserReadsHistoryOverRestAndSync() {
        var ann = newUser("hist");
        long room;
        long mark;
        try (var a = ann.connect(base)) {
            room = general(a);
            mark = lastSeq(a);
            for (int i = 0; i < 6; i++) {
                a.sendMessage(room, "history " + i, "hist-" + i);
            }
            a.take("ack", 6);
        }
        var carl = newUser("carl");
        var rooms = wrap(api.get("api/v1/rooms", "Authorization", "Bearer " + carl.token()).body());
        var generalRoom = rooms.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("name").equals("general")).findFirst().orElseThrow();
        assertTrue(generalRoom.getJsonNumber("lastSeq").longValue() >= mark + 6);

        var page = api.get("api/v1/rooms/" + room + "/messages?after=" + mark + "&limit=4", "Authorization", "Bearer " + carl.token());
        assertEquals(200, page.statusCode(), page.body());
        var messages = wrap(page.body()).getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(List.of("history 0", "history 1", "history 2", "history 3"), messages.stream().map(m -> m.getString("text")).toList());
        var older = wrap(api.get("api/v1/rooms/" + room + "/messages?before=" + (mark + 5) + "&limit=2", "Authorization", "Bearer " + carl.token()).body())
                .getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(List.of("history 2", "history 3"), older.stream().map(m -> m.getString("text")).toList());

        try (var c = carl.connect(base)) {
            c.sync(room, mark + 3);
            var replay = c.take(messageAfter(room, mark + 3), 3);
            assertEquals(List.of("history 3", "history 4", "history 5"), replay.stream().map(m -> m.getString("text")).toList());
            var synced = c.next("synced");
            assertEquals(mark + 6, synced.getJsonNumber("lastSeq").longValue());
        }
    }

    private static JsonObject wrap(String array) {
        return HttpSession.parse("{\"items\":" + array + "}");
    }

    @Test
    void aClientThatMissedMessagesGetsExactlyThoseOnSync() {
        var ann = newUser("live");
        var bob = newUser("away");
        try (var a = ann.connect(base)) {
            long room = general(a);
            long bobsLast;
            try (var b = bob.connect(base)) {
                bobsLast = lastSeq(b);
                a.sendMessage(room, "seen", "seen-1");
                bobsLast = seq(b.next(messageAfter(room, bobsLast)));
            }
            for (int i = 0; i < 3; i++) {
                a.sendMessage(room, "missed " + i, "missed-" + i);
            }
            a.take("ack", 4);
            try (var b = bob.connect(base)) {
                b.sync(room, bobsLast);
                var synced = b.next("synced");
                // The replay comes before synced on the one socket: all of it has arrived by now.
                var replay = b.collect(messageAfter(room, bobsLast), Duration.ZERO);
                assertEquals(List.of("missed 0", "missed 1", "missed 2"), replay.stream().map(m -> m.getString("text")).toList());
                assertEquals(seq(replay.get(2)), synced.getJsonNumber("lastSeq").longValue());
                assertGapFree(replay);
            }
        }
    }

    @Test
    void aResentClientIdIsStoredOnceAndAckedAgainWithTheSameSeq() {
        var ann = newUser("resend");
        try (var a = ann.connect(base)) {
            long room = general(a);
            long mark = lastSeq(a);
            a.sendMessage(room, "only once", "dup-1");
            var first = a.next("ack");
            a.sendMessage(room, "only once", "dup-1");
            var second = a.next("ack");
            assertEquals(seq(first), seq(second));
            assertEquals(first.getJsonNumber("id"), second.getJsonNumber("id"));
            a.settle(); // a marker: any second message frame would have arrived before the pong
            var stored = a.collect(messageAfter(room, mark).and(f -> f.getString("clientId").equals("dup-1")), Duration.ZERO);
            assertEquals(1, stored.size(), "one message frame for two sends");
            var history = wrap(api.get("api/v1/rooms/" + room + "/messages?after=" + mark, "Authorization", "Bearer " + ann.token()).body());
            assertEquals(1, history.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .filter(m -> m.getString("author").equals(ann.login())).count());
        }
    }

    @Test
    void badFramesGetErrorCodesKeepTheSocketOpenAndStoreNothing() {
        var ann = newUser("bad");
        try (var a = ann.connect(base)) {
            long room = general(a);
            long mark = lastSeq(a);
            a.sendRaw("not json");
            assertEquals("INVALID", a.next("error").getString("code"));
            a.sendRaw("[1,2]");
            assertEquals("INVALID", a.next("error").getString("code"));
            a.sendRaw("{\"type\":\"shout\",\"room\":" + room + "}");
            assertEquals("INVALID", a.next("error").getString("code"));
            a.sendRaw("{\"type\":\"send\",\"room\":\"general\",\"text\":\"x\",\"clientId\":\"e0\"}");
            assertEquals("INVALID", a.next("error").getString("code"));
            a.sendRaw("{\"type\":\"send\",\"room\":" + room + ",\"text\":\"no client id\"}");
            assertEquals("INVALID", a.next("error").getString("code"));
            a.sendMessage(room, "bell \u0007", "e1");
            assertError(a.next("error"), "INVALID", "e1");
            a.sendMessage(room, "x".repeat(4001), "e2");
            assertError(a.next("error"), "TOO_LONG", "e2");
            a.sendMessage(room, " \n\t ", "e3");
            assertError(a.next("error"), "EMPTY", "e3");
            a.sendMessage(987654321L, "nowhere", "e4");
            assertError(a.next("error"), "NOT_FOUND", "e4");
            a.sync(987654321L, 0);
            assertEquals("NOT_FOUND", a.next("error").getString("code"));

            // Still open and working, and none of the above was stored.
            a.sendMessage(room, "x".repeat(4000), "e5");
            var ack = a.next("ack");
            assertEquals("e5", ack.getString("clientId"));
            var history = wrap(api.get("api/v1/rooms/" + room + "/messages?after=" + mark, "Authorization", "Bearer " + ann.token()).body());
            assertEquals(List.of("e5"), history.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .filter(m -> m.getString("author").equals(ann.login())).map(m -> m.getString("clientId")).toList());
        }
    }

    private static void assertError(JsonObject error, String code, String clientId) {
        assertEquals(code, error.getString("code"), error.toString());
        assertEquals(clientId, error.getString("clientId"));
        assertFalse(error.getString("message").isBlank());
    }

    @Test
    void sendingFasterThanTheRateLimitIsRefused() {
        // The limit the test domain runs with (pom.xml); production allows 20 per 10 s.
        int limit = Integer.parseInt(System.getenv("JOINTCHAT_CHAT_RATE_MESSAGES"));
        var ann = newUser("rate");
        try (var a = ann.connect(base)) {
            long room = general(a);
            int sent = limit + 10;
            for (int i = 0; i < sent; i++) {
                a.sendMessage(room, "spam " + i, "spam-" + i);
            }
            int acked = 0;
            for (int i = 0; i < sent; i++) {
                String clientId = "spam-" + i;
                var answer = a.next(f -> clientId.equals(f.getString("clientId", null))
                        && ("ack".equals(f.getString("type")) || "error".equals(f.getString("type"))));
                if ("ack".equals(answer.getString("type"))) {
                    acked++;
                } else {
                    assertEquals("RATE_LIMITED", answer.getString("code"), answer.toString());
                }
            }
            assertEquals(limit, acked, "exactly the limit accepted within the window");
        }
    }

    @Test
    void resendsOfStoredMessagesCostNoRateBudget() {
        int limit = Integer.parseInt(System.getenv("JOINTCHAT_CHAT_RATE_MESSAGES"));
        var ann = newUser("resender");
        try (var a = ann.connect(base)) {
            long room = general(a);
            for (int i = 0; i < limit; i++) {
                a.sendMessage(room, "once " + i, "once-" + i);
            }
            var seqs = new HashMap<String, Long>();
            for (int i = 0; i < limit; i++) {
                String clientId = "once-" + i;
                seqs.put(clientId, seq(a.next(f -> "ack".equals(f.getString("type")) && clientId.equals(f.getString("clientId")))));
            }
            // The budget is spent; every resend (as after an outage) is still answered with its stored message ...
            for (int i = 0; i < limit; i++) {
                a.sendMessage(room, "once " + i, "once-" + i);
            }
            for (int i = 0; i < limit; i++) {
                String clientId = "once-" + i;
                var answer = a.next(f -> clientId.equals(f.getString("clientId", null)) && !"message".equals(f.getString("type")));
                assertEquals("ack", answer.getString("type"), answer.toString());
                assertEquals(seqs.get(clientId), seq(answer), "the stored message's seq");
            }
            // ... also over REST (200: it was there already) ...
            var again = api.postJson("api/v1/rooms/" + room + "/messages", Json.createObjectBuilder().add("text", "once 0")
                    .add("clientId", "once-0").build().toString(), "Authorization", "Bearer " + ann.token());
            assertEquals(200, again.statusCode(), again.body());
            assertEquals(seqs.get("once-0").longValue(), HttpSession.json(again).getJsonNumber("seq").longValue());
            // ... while a new message is over the limit.
            a.sendMessage(room, "new one", "new-1");
            var refused = a.next(f -> "new-1".equals(f.getString("clientId", null)) && !"message".equals(f.getString("type")));
            assertEquals("RATE_LIMITED", refused.getString("code", ""), refused.toString());
        }
    }

    @Test
    void handshakesWithoutCredentialsOrFromAForeignOriginAreRefused() {
        var ann = newUser("shake");
        var anonymous = assertThrows(CompletionException.class, () -> ChatClient.connect(base, null, null));
        assertEquals(401, ((WebSocketHandshakeException) anonymous.getCause()).getResponse().statusCode());
        var badToken = assertThrows(CompletionException.class, () -> ChatClient.connect(base, "forged", null));
        assertEquals(401, ((WebSocketHandshakeException) badToken.getCause()).getResponse().statusCode());
        var foreign = assertThrows(CompletionException.class, () -> ChatClient.connect(base, ann.token(), "http://evil.example"));
        assertEquals(403, ((WebSocketHandshakeException) foreign.getCause()).getResponse().statusCode());
        String own = base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
        try (var ok = ChatClient.connect(base, ann.token(), own)) {
            assertEquals(ann.login(), ok.hello.getJsonObject("user").getString("login"));
        }
    }

    @Test
    void restSendsTakeTheSamePathAndReachTheSockets() {
        var bot = newUser("bot");
        var ann = newUser("reader");
        try (var a = ann.connect(base)) {
            long room = general(a);
            long mark = lastSeq(a);
            String body = Json.createObjectBuilder().add("text", "beep from REST").add("clientId", "rest-1").build().toString();
            var created = api.postJson("api/v1/rooms/" + room + "/messages", body, "Authorization", "Bearer " + bot.token());
            assertEquals(201, created.statusCode(), created.body());
            var live = a.next(messageAfter(room, mark));
            assertEquals("beep from REST", live.getString("text"));
            assertEquals(seq(live), HttpSession.json(created).getJsonNumber("seq").longValue());
            var again = api.postJson("api/v1/rooms/" + room + "/messages", body, "Authorization", "Bearer " + bot.token());
            assertEquals(200, again.statusCode());
            assertEquals(seq(live), HttpSession.json(again).getJsonNumber("seq").longValue());
            var tooLong = api.postJson("api/v1/rooms/" + room + "/messages",
                    Json.createObjectBuilder().add("text", "y".repeat(4001)).add("clientId", "rest-2").build().toString(),
                    "Authorization", "Bearer " + bot.token());
            assertEquals(400, tooLong.statusCode());
            assertEquals("urn:jointchat:problem:too-long", HttpSession.json(tooLong).getString("type"));
            assertEquals(404, api.get("api/v1/rooms/987654/messages", "Authorization", "Bearer " + bot.token()).statusCode());
            assertEquals(401, api.get("api/v1/rooms/" + room + "/messages").statusCode());
        }
    }

    @Test
    void aThousandConcurrentMessagesFromTenClientsArriveEverywhereGapFree() throws Exception {
        int clients = 10;
        int perClient = 100;
        var users = new ArrayList<TestUser>();
        for (int i = 0; i < clients; i++) {
            users.add(newUser("load" + i));
        }
        var sockets = new ArrayList<ChatClient>();
        try {
            for (var user : users) {
                sockets.add(user.connect(base));
            }
            long room = general(sockets.get(0));
            long mark = sockets.stream().mapToLong(ChatIT::lastSeq).max().orElseThrow();
            var pool = Executors.newFixedThreadPool(clients);
            var start = new CountDownLatch(1);
            for (int c = 0; c < clients; c++) {
                var socket = sockets.get(c);
                int client = c;
                pool.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perClient; i++) {
                        socket.sendMessage(room, "load " + client + "/" + i, "load-" + client + "-" + i);
                    }
                });
            }
            start.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));

            Map<String, Long> seqByClientId = new ConcurrentHashMap<>();
            for (var socket : sockets) {
                var received = socket.take(messageAfter(room, mark).and(f -> f.getString("clientId").startsWith("load-")), clients * perClient);
                assertGapFree(received);
                for (var m : received) {
                    var previous = seqByClientId.putIfAbsent(m.getString("clientId"), seq(m));
                    if (previous != null) {
                        assertEquals(previous, seq(m), "every member sees the same seq for a message");
                    }
                }
                int client = sockets.indexOf(socket);
                var acks = socket.take("ack", perClient);
                for (var ack : acks) {
                    assertTrue(ack.getString("clientId").startsWith("load-" + client + "-"), "a socket's acks are its own: " + ack);
                }
                assertEquals(perClient, acks.stream().map(ack -> ack.getString("clientId")).distinct().count(), "one ack per message");
            }
            assertEquals(clients * perClient, seqByClientId.size());
            // Per sender, messages keep the order they were sent in.
            for (int c = 0; c < clients; c++) {
                long previous = 0;
                for (int i = 0; i < perClient; i++) {
                    long s = seqByClientId.get("load-" + c + "-" + i);
                    assertTrue(s > previous);
                    previous = s;
                }
            }
        } finally {
            sockets.forEach(ChatClient::close);
        }
    }
}
