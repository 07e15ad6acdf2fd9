package org.jointchat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.jointchat.support.Await;
import org.jointchat.support.Accounts;
import org.jointchat.support.ChatClient;
import org.jointchat.support.FacesForm;
import org.jointchat.support.HttpSession;
import org.jointchat.support.Listeners;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Payara instances of one deployment group behind nginx, as `JOINTCHAT_INSTANCES=2 ./jointchat run` starts
 * them (scripts/test-server.sh start-cluster, on the test database): people on different instances chat in one
 * room in order, see each other's presence, room and profile changes; the send limit is the user's, not the
 * instance's; a browser stays signed in whichever instance the balancer picks; and when one instance is killed
 * under steady traffic, its clients come back through the balancer and nothing acked is lost or stored twice.
 * Only HTTP(S) of each Payara process faces the network (the data grid and admin are on loopback), and a user
 * deactivated on one instance loses their socket and token on the other at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final URI BALANCER = URI.create("http://127.0.0.1:" + Integer.getInteger("it.cluster.port", 19080) + "/");
    static final URI FIRST = URI.create("http://127.0.0.1:" + Integer.getInteger("it.cluster.instance1.port", 19180) + "/");
    static final URI SECOND = URI.create("http://127.0.0.1:" + Integer.getInteger("it.cluster.instance2.port", 19280) + "/");

    static HttpSession api;

    @BeforeAll
    static void startTheCluster() throws Exception {
        script("start-cluster", 600);
        api = new HttpSession(BALANCER);
    }

    @AfterAll
    static void stopTheCluster() throws Exception {
        script("stop-cluster", 300);
    }

    static void script(String command, int seconds, String... arguments) throws Exception {
        var line = new ArrayList<>(List.of("bash", "scripts/test-server.sh", command));
        line.addAll(List.of(arguments));
        var process = new ProcessBuilder(line).inheritIO().start();
        assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), command + " within " + seconds + " s");
        assertEquals(0, process.exitValue(), command + " succeeded");
    }

    static TestUser user(String prefix) {
        return TestUser.register(api, prefix, prefix + " Cluster");
    }

    static long publicRoom(HttpSession on, TestUser owner) {
        var created = on.postJson("api/v1/rooms", Json.createObjectBuilder().add("name", TestData.uniqueLogin("cluster"))
                .add("visibility", "public").build().toString(), "Authorization", "Bearer " + owner.token());
        assertEquals(201, created.statusCode(), created.body());
        return HttpSession.json(created).getJsonNumber("id").longValue();
    }

    static int put(HttpSession on, String path, String json, TestUser as) {
        return on.send(on.request(path, "Authorization", "Bearer " + as.token(), "Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))).statusCode();
    }

    static List<Long> seqsOf(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getJsonNumber("seq").longValue()).toList();
    }

    static List<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    @Order(-1)
    void onlyHttpOfTheInstancesAndTheDasFacesTheNetworkAndNoneNamesItsVersion() {
        int das = BALANCER.getPort() + 1000; // the DAS's HTTP port (docs/deployment.md, "Ports")
        for (int http : List.of(FIRST.getPort(), SECOND.getPort(), das)) {
            Listeners.assertOnlyHttpFacesTheNetwork(Listeners.pidListeningOn(http), Set.of(http, http + 1));
        }
        for (var instance : List.of(FIRST, SECOND, BALANCER)) {
            var page = new HttpSession(instance).get("login.xhtml");
            assertEquals(List.of(), page.headers().allValues("X-Powered-By"), instance + ": no X-Powered-By");
            page.headers().allValues("Server").forEach(server ->
                    assertFalse(server.matches("(?i).*(payara|glassfish|grizzly|[0-9]\\.[0-9]).*"), instance + ": Server: " + server));
        }
    }

    @Test
    @Order(0)
    void deactivatingAUserOnOneInstanceClosesTheirSocketAndEndsTheirTokenOnTheOtherAtOnce() throws Exception {
        var admin = user("boss");
        try (var db = TestDatabase.connect(); var grant = db.prepareStatement("UPDATE users SET is_admin = true WHERE login = ?")) {
            grant.setString(1, admin.login());
            assertEquals(1, grant.executeUpdate());
        }
        var leaver = user("leaver");
        var first = new HttpSession(FIRST);
        var second = new HttpSession(SECOND);
        assertEquals(200, second.get("api/v1/users/me", "Authorization", "Bearer " + leaver.token()).statusCode());
        try (var socket = ChatClient.connect(SECOND, leaver.token(), null)) {
            long asked = System.nanoTime();
            var answer = first.postJson("api/v1/admin/users/" + leaver.login() + "/deactivate", "{}", "Authorization", "Bearer " + admin.token());
            assertEquals(204, answer.statusCode(), "deactivated on the first instance: " + answer.body());
            assertEquals(1008, socket.awaitClosed(), "the socket on the second instance closed as a policy violation");
            long closedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
            System.out.println("ClusterIT: the deactivated user's socket on the other instance closed " + closedMillis
                    + " ms after the request was sent");
            assertTrue(closedMillis < 3000, "at once (within 3 s of the request), took " + closedMillis + " ms");
        }
        var me = second.get("api/v1/users/me", "Authorization", "Bearer " + leaver.token());
        assertEquals(401, me.statusCode(), "the token is refused on the other instance too: " + me.body());
        assertThrows(RuntimeException.class, () -> ChatClient.connect(SECOND, leaver.token(), null).close(),
                "no new socket with it on the other instance");
        var token = api.postJson("api/v1/tokens", Json.createObjectBuilder().add("login", leaver.login())
                .add("password", TestData.PASSWORD).build().toString());
        assertTrue(token.statusCode() >= 400 && token.statusCode() < 500, "no new token for a deactivated account: " + token.statusCode());
    }

    @Test
    @Order(1)
    void peopleOnDifferentInstancesChatInOrderAndSeeEachOthersChanges() throws Exception {
        var ann = user("ann");
        var bob = user("bob");
        var cy = user("cy");
        var first = new HttpSession(FIRST);
        var second = new HttpSession(SECOND);
        long room = publicRoom(first, ann);
        try (var a = ChatClient.connect(FIRST, ann.token(), null); var b = ChatClient.connect(SECOND, bob.token(), null)) {
            // A room change made on the second instance reaches the owner's socket on the first.
            assertEquals(201, put(second, "api/v1/rooms/" + room + "/members/" + bob.login(), "", bob));
            var joined = a.next(f -> "room".equals(f.getString("type")) && "joined".equals(f.getString("event")));
            assertEquals(bob.login(), joined.getString("login"));

            // Presence: Cy comes online on the second instance and leaves again; Ann watches from the first.
            a.watch(bob.login(), cy.login());
            try (var c = ChatClient.connect(SECOND, cy.token(), null)) {
                a.next(ChatClient.presenceOf(cy.login(), true));
            }
            a.next(ChatClient.presenceOf(cy.login(), false));

            // Both write at once, each on their own instance: both see one order, 1..80, no gaps, no repeats.
            int each = 40;
            var annWrites = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    a.sendMessage(room, "from the first " + i, "a-" + i);
                }
            });
            annWrites.start();
            for (int i = 0; i < each; i++) {
                b.sendMessage(room, "from the second " + i, "b-" + i);
            }
            annWrites.join();
            // Seq 1 is the system line of Bob's join (issue 21); it crossed as a message too.
            var line = (java.util.function.Predicate<JsonObject>) f -> "message".equals(f.getString("type")) && "system".equals(f.getString("kind", ""));
            assertEquals(1, a.next(line).getJsonNumber("seq").longValue());
            assertEquals(1, b.next(line).getJsonNumber("seq").longValue());
            var isMessage = ChatClient.ofType("message").and(line.negate());
            var after = LongStream.rangeClosed(2, 2L * each + 1).boxed().toList();
            assertEquals(after, seqsOf(a.take(isMessage, 2 * each)), "Ann's instance, in order");
            assertEquals(after, seqsOf(b.take(isMessage, 2 * each)), "Bob's instance, in order");

            // A profile change made on the second instance reaches those who watch Bob on the first.
            assertEquals(200, put(second, "api/v1/users/me", "{\"displayName\":\"Bob Renamed\"}", bob));
            var profile = a.next(ChatClient.ofType("profile"));
            assertEquals("Bob Renamed", profile.getJsonObject("user").getString("displayName"));

            // Typing and a room update cross too.
            b.send(Json.createObjectBuilder().add("type", "typing").add("room", room).build());
            assertEquals(bob.login(), a.next(ChatClient.ofType("typing")).getString("login"));
            assertEquals(200, first.send(first.request("api/v1/rooms/" + room, "Authorization", "Bearer " + ann.token(),
                    "Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"topic\":\"across\"}"))).statusCode());
            var updated = b.next(f -> "room".equals(f.getString("type")) && "updated".equals(f.getString("event")));
            assertEquals("across", updated.getJsonObject("room").getString("topic"));

            // Bob leaves on the first instance: his socket on the second stops getting the room at once.
            assertEquals(204, first.delete("api/v1/rooms/" + room + "/members/" + bob.login(), "Authorization", "Bearer " + bob.token()).statusCode());
            b.next(f -> "room".equals(f.getString("type")) && "left".equals(f.getString("event")));
            a.sendMessage(room, "after Bob left", "a-after");
            a.next(f -> "ack".equals(f.getString("type")) && "a-after".equals(f.getString("clientId")));
            assertEquals(List.of(), b.settle().stream().filter(isMessage).toList(), "nothing for Bob after he left");
        }
    }

    @Test
    @Order(2)
    void theSendLimitIsTheUsersOnEveryInstanceTogether() throws Exception {
        int limit = Integer.parseInt(System.getenv("JOINTCHAT_CHAT_RATE_MESSAGES"));
        var eve = user("eve");
        long room = publicRoom(api, eve);
        int each = limit / 2 + 10;
        try (var one = ChatClient.connect(FIRST, eve.token(), null); var two = ChatClient.connect(SECOND, eve.token(), null)) {
            for (int i = 0; i < each; i++) {
                one.sendMessage(room, "one " + i, "one-" + i);
                two.sendMessage(room, "two " + i, "two-" + i);
            }
            int acked = 0;
            int limited = 0;
            for (var socket : List.of(one, two)) {
                String prefix = socket == one ? "one-" : "two-";
                for (int i = 0; i < each; i++) {
                    String clientId = prefix + i;
                    var answer = socket.next(f -> clientId.equals(f.getString("clientId", null)) && !"message".equals(f.getString("type")));
                    if ("ack".equals(answer.getString("type"))) {
                        acked++;
                    } else if ("RATE_LIMITED".equals(answer.getString("code", null))) {
                        limited++;
                    }
                }
            }
            assertEquals(limit, acked, "one budget for both instances");
            assertEquals(2 * each - limit, limited);
        }
    }

    @Test
    @Order(3)
    void aBrowserStaysSignedInWhicheverInstanceServesIt() {
        String login = Accounts.register(api, "tab", "Tab Cluster");
        var browser = new HttpSession(BALANCER);
        var signedIn = FacesForm.of(browser.get("login.xhtml").body(), "login")
                .set("login:username", login).set("login:password", TestData.PASSWORD).press(browser, "login:submit");
        assertEquals(302, signedIn.status());
        Set<String> servedBy = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            var page = browser.get("app/home.xhtml");
            assertEquals(200, page.statusCode(), "signed in on request " + i);
            page.headers().firstValue("X-JointChat-Upstream").ifPresent(servedBy::add);
        }
        assertEquals(2, servedBy.size(), "both instances served the signed-in session: " + servedBy);
        // The same session cookies, straight to each instance.
        for (var instance : List.of(FIRST, SECOND)) {
            var direct = new HttpSession(instance);
            var page = direct.get("app/home.xhtml", "Cookie", sessionCookies(browser));
            assertEquals(200, page.statusCode(), "signed in on " + instance);
        }
    }

    /** The session cookies a browser sends: Payara's replicated sessions also carry a version cookie. */
    static String sessionCookies(HttpSession browser) {
        String cookies = "JSESSIONID=" + browser.cookie("JSESSIONID");
        String version = browser.cookie("JSESSIONIDVERSION");
        return version == null ? cookies : cookies + "; JSESSIONIDVERSION=" + version;
    }

    /**
     * A client that survives its instance: on a close it reconnects through the balancer, syncs from the last
     * seq it holds without a gap and resends whatever was not acked (same clientId: stored at most once).
     */
    static final class Member implements AutoCloseable {
        final TestUser user;
        final long room;
        volatile ChatClient socket;
        final ConcurrentHashMap<String, String> unacked = new ConcurrentHashMap<>();
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        final Set<Long> seqs = ConcurrentHashMap.newKeySet();
        int reconnects;
        private final Thread pump;
        private volatile boolean open = true;

        /** heldUpTo: the seqs before the traffic (the system lines of the joins), as if read already. */
        Member(TestUser user, long room, long heldUpTo) {
            this.user = user;
            this.room = room;
            LongStream.rangeClosed(1, heldUpTo).forEach(seqs::add);
            this.socket = ChatClient.connect(BALANCER, user.token(), null);
            this.pump = new Thread(this::pump, "member-" + user.login());
            pump.start();
        }

        void send(String clientId, String text) {
            unacked.put(clientId, text);
            try {
                socket.sendMessage(room, text, clientId);
            } catch (RuntimeException brokenSocket) {
                // resent after the reconnect
            }
        }

        long contiguous() {
            long n = 0;
            while (seqs.contains(n + 1)) {
                n++;
            }
            return n;
        }

        private void pump() {
            while (open) {
                for (var frame : socket.collect(f -> true, Duration.ofMillis(100))) {
                    switch (frame.getString("type")) {
                        case "ack" -> {
                            acked.add(frame.getString("clientId"));
                            unacked.remove(frame.getString("clientId"));
                        }
                        case "message" -> {
                            if (frame.getJsonNumber("room").longValue() == room) {
                                seqs.add(frame.getJsonNumber("seq").longValue());
                            }
                        }
                        default -> { }
                    }
                }
                if (open && socket.isClosed()) {
                    reconnect();
                }
            }
        }

        private void reconnect() {
            for (int attempt = 0; open; attempt++) {
                try {
                    Thread.sleep(Math.min(2000, 100L << Math.min(attempt, 4))); // back-off, as a real client waits
                    socket = ChatClient.connect(BALANCER, user.token(), null);
                    reconnects++;
                    socket.sync(room, contiguous());
                    unacked.forEach((clientId, text) -> socket.sendMessage(room, text, clientId));
                    return;
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException | AssertionError refusedOrDown) {
                    // the balancer may still try the dead instance, or the other is busy: again
                }
            }
        }

        @Override
        public void close() throws Exception {
            open = false;
            pump.join(5000);
            socket.close();
        }
    }

    @Test
    @Order(4)
    void killingAnInstanceUnderTrafficLosesNothingAndStoresNothingTwice() throws Exception {
        var owner = user("hub");
        long room = publicRoom(api, owner);
        var people = new ArrayList<TestUser>();
        for (int i = 0; i < 6; i++) {
            var someone = user("crowd" + i);
            assertEquals(201, put(api, "api/v1/rooms/" + room + "/members/" + someone.login(), "", someone));
            people.add(someone);
        }
        // A browser session signed in before the kill.
        var browser = new HttpSession(BALANCER);
        FacesForm.of(browser.get("login.xhtml").body(), "login")
                .set("login:username", people.get(0).login()).set("login:password", TestData.PASSWORD).press(browser, "login:submit");
        assertEquals(200, browser.get("app/home.xhtml").statusCode());

        // Someone only on the first instance (no balancer, no reconnect), watched from the second.
        var solo = user("solo");
        var soloSocket = ChatClient.connect(FIRST, solo.token(), null);
        var watcher = ChatClient.connect(SECOND, people.get(5).token(), null);
        watcher.watch(solo.login());

        var members = new ArrayList<Member>();
        for (var someone : people) {
            members.add(new Member(someone, room, people.size())); // each join wrote a system line (issue 21)
        }
        var senders = members.subList(0, 4); // the other two only read
        // 4 senders x 100 = 400 messages over ~15 s (each sender within the test domain's 120 per minute)
        int rounds = 100;
        var traffic = new Thread(() -> {
            for (int r = 0; r < rounds; r++) {
                for (var sender : senders) {
                    sender.send(sender.user.login() + "-" + r, "round " + r);
                }
                try {
                    Thread.sleep(150); // paced traffic: the pace is the point
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        traffic.start();
        // The kill lands mid-traffic: about a third of the sends acknowledged (some 5 s at this pace).
        Await.until(Duration.ofSeconds(60), () -> "traffic flowing before the kill: acked " + senders.stream().mapToInt(s -> s.acked.size()).sum(),
                () -> senders.stream().mapToInt(s -> s.acked.size()).sum() >= senders.size() * rounds / 3);
        script("kill-instance", 120, "1");
        long killed = System.nanoTime();
        // The dead instance's users go offline on the other one as soon as the data grid drops it.
        watcher.next(ChatClient.presenceOf(solo.login(), false));
        long offlineMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        assertTrue(offlineMillis < 10_000, "offline within 10 s of the kill, took " + offlineMillis + " ms");
        System.out.println("ClusterIT: the killed instance's user went offline elsewhere " + offlineMillis + " ms after the kill returned");
        watcher.close();
        soloSocket.close();
        traffic.join();

        int sent = senders.size() * rounds;
        Await.until(Duration.ofSeconds(60), Duration.ofMillis(200), () -> "every send acked and every member complete: acked "
                + senders.stream().mapToInt(s -> s.acked.size()).sum() + "/" + sent + ", members hold "
                + members.stream().map(m -> m.contiguous() + "").collect(Collectors.joining(",")),
                () -> senders.stream().mapToInt(s -> s.acked.size()).sum() >= sent && members.stream().allMatch(m -> m.contiguous() >= sent + people.size()));
        int reconnected = members.stream().mapToInt(m -> m.reconnects).sum();
        for (var member : members) {
            member.close();
            assertEquals(oneTo(sent + people.size()), member.seqs.stream().sorted().toList(), member.user.login() + " holds every message once");
        }
        assertTrue(reconnected > 0, "some clients were on the killed instance and came back through the balancer");

        try (var db = TestDatabase.connect(); var count = db.prepareStatement(
                "SELECT count(*), count(DISTINCT client_id), min(seq), max(seq) FROM messages WHERE room_id = ? AND system_event IS NULL")) {
            count.setLong(1, room);
            try (var rows = count.executeQuery()) {
                rows.next();
                assertEquals(sent, rows.getLong(1), "every acked message stored");
                assertEquals(sent, rows.getLong(2), "none twice");
                assertEquals(people.size() + 1, rows.getLong(3), "after the joins' system lines");
                assertEquals(sent + people.size(), rows.getLong(4), "seq without gaps");
            }
        }
        // Still signed in, through the balancer, with only one instance left.
        assertEquals(200, browser.get("app/home.xhtml").statusCode(), "the browser session outlived its instance");

        // Payara's own command brings the instance back; it joins the cluster and hears the other one.
        script("start-instance", 300, "1");
        try (var back = ChatClient.connect(FIRST, people.get(4).token(), null);
                var other = ChatClient.connect(SECOND, people.get(5).token(), null)) {
            other.sendMessage(room, "welcome back", "welcome-back");
            var message = back.next(f -> "message".equals(f.getString("type")) && "welcome-back".equals(f.getString("clientId")));
            assertEquals(sent + people.size() + 1, message.getJsonNumber("seq").longValue(), "after the joins' system lines and the traffic");
            var page = new HttpSession(FIRST).get("app/home.xhtml", "Cookie", sessionCookies(browser));
            assertEquals(200, page.statusCode(), "the session is known to the restarted instance");
        }
    }
}
