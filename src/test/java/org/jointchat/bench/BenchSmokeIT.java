package org.jointchat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jointchat.support.Deployments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A few seconds of every benchmark scenario against the test server, so that the load tool never rots. */
@ExtendWith(ArquillianExtension.class)
class BenchSmokeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.app();
    }

    @ArquillianResource
    URL base;

    private Bench bench(String... more) {
        var options = new java.util.HashMap<>(Map.of("base", base.toString().replace("localhost", "127.0.0.1"),
                "domain", "jointchat-test", "out", "target/bench-smoke", "warmup", "1",
                "db-url", System.getProperty("bench.db.url", "jdbc:postgresql://127.0.0.1:5432/jointchat_test")));
        for (int i = 0; i + 1 < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        return new Bench(options);
    }

    @Test
    void everyScenarioRunsSmallAndLosesNothing() throws Exception {
        var results = bench().run("smoke");
        var fanout = results.get(0);
        assertEquals(60, fanout.metric("sent"));
        assertEquals(60 * 5, fanout.metric("expected"));
        assertEquals(0, fanout.metric("lost"), fanout.line());
        assertEquals(0, fanout.metric("duplicates"), fanout.line());
        assertEquals(60, fanout.metric("acked"), fanout.line());
        assertEquals(60 * 5, fanout.metric("latency_samples"), "every delivery's latency was measured");
        assertTrue(results.get(1).metric("saturation_deliveries_per_s") > 0, results.get(1).line());
        var idle = results.get(2);
        assertEquals(40, idle.metric("open"), idle.line());
        assertEquals(0, idle.metric("failures"), idle.line());
        assertEquals(0, results.get(3).metric("errors"), results.get(3).line());
        assertEquals(0, results.get(4).metric("errors"), results.get(4).line());
        assertTrue(results.get(4).metric("p50_ms") > 0, "the login scenario measured real hashing");
        var crowd = results.get(5);
        assertEquals(60, crowd.metric("connected"), crowd.line());
        assertEquals(60, crowd.metric("open_after_hold"), crowd.line());
        assertTrue(crowd.metric("presence_frames_per_socket_max") <= crowd.metric("arrival_s") + 3,
                "presence is coalesced, not one frame per arrival: " + crowd.line());
    }

    /**
     * Direct messages (issue 24, item 5): 10 pairs of different people, each writing to their partner in their own
     * direct room over their own socket: every acked message reaches the partner once, and all 20 receive.
     */
    @Test
    void directMessagesReachEveryPartnerOnce() throws Exception {
        var direct = bench("pairs", "10", "rate", "40", "seconds", "2", "connect-rate", "50").run("direct").get(0);
        assertEquals(80, direct.metric("sent"), direct.line());
        assertEquals(80, direct.metric("acked"), direct.line());
        assertEquals(80, direct.metric("delivered"), direct.line());
        assertEquals(0, direct.metric("lost"), direct.line());
        assertEquals(0, direct.metric("duplicates"), direct.line());
        assertEquals(20, direct.metric("receivers"), "each of the 20 people got their partner's messages: " + direct.line());
        assertTrue(direct.metric("commits_per_s") > 0, "the writer's counts were read: " + direct.line());
    }

    /** A small seeded history searched by three users: answers, and only from their own rooms, newest first. */
    @Test
    void searchAnswersFromTheCallersRoomsOnly() throws Exception {
        // Paced under the server's search rate (20 per user in 10 s): warm-up, run and the 404/400 probes.
        var search = bench("seed", "3000", "rooms", "10", "authors", "60", "users", "3", "seconds", "2", "rate", "4",
                "check-every", "1").run("search").get(0);
        assertTrue(search.metric("queries") > 0, search.line());
        assertEquals(0, search.metric("errors"), search.line());
        assertTrue(search.metric("checked") > 0, search.line());
        assertEquals(0, search.metric("violations"), search.line());
    }

    /**
     * The server restarted under 20 connected people: it warms itself first (issue 24, item 3: readiness DOWN and
     * handshakes answered 503 meanwhile), then all come back and sync by themselves.
     */
    @Test
    void reconnectAfterARestartBringsEveryoneBack() throws Exception {
        var reconnect = bench("users", "20", "rate", "50",
                "restart-command", "JOINTCHAT_WARMUP_HANDSHAKES=40 bash scripts/test-server.sh restart").run("reconnect").get(0);
        assertEquals(20, reconnect.metric("connected_before"), reconnect.line());
        assertEquals(1, reconnect.metric("restart_ok"), reconnect.line());
        assertEquals(20, reconnect.metric("back_and_synced"), reconnect.line());
        var ready = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(base.toURI().resolve("/health/ready")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("done: 40 of 40 sockets"), "the restarted server warmed itself first: " + ready.body());
    }

    /**
     * One address floods anonymous registrations and sign-ins for unknown logins while a room chats: the flood is
     * answered 429 past the per-address bursts (the test domain exempts only 127.0.0.1; the flood comes from
     * 127.0.0.66), and the room loses nothing.
     */
    @Test
    void aFloodFromOneAddressIsRefusedWhileTheRoomLosesNothing() throws Exception {
        // Senders of its own: the smoke run's fan-out users may send only so many messages a minute (the chat's rate).
        var flood = bench("members", "5", "senders", "2", "rate", "20", "seconds", "3", "flood-rate", "40", "from", "127.0.0.66",
                "fanout-users", "floodfan").run("flood").get(0);
        assertEquals(0, flood.metric("lost_without_flood"), flood.line());
        assertEquals(0, flood.metric("lost_with_flood"), flood.line());
        @SuppressWarnings("unchecked")
        var answers = (Map<String, Integer>) flood.metrics().get("flood_answers");
        int registered = answers.getOrDefault("register_201", 0);
        int refused = answers.getOrDefault("register_429", 0) + answers.getOrDefault("register_503", 0);
        // The flood lasts as long as the loud fan-out (warm-up, run, drain): its attempts at 40 a second tell how long.
        double floodSeconds = answers.values().stream().mapToInt(Integer::intValue).sum() / 40.0;
        assertTrue(registered <= 20 + Math.ceil(floodSeconds / 3) + 1,
                "at most the burst of registrations from one address, then one every 3 s: " + flood.line());
        assertTrue(refused > registered, "the rest of the flood is refused: " + flood.line());
        assertTrue(answers.getOrDefault("token_429", 0) > 0, "sign-ins for unknown logins are limited too: " + flood.line());
        assertEquals(0, answers.getOrDefault("register_failed", 0) + answers.getOrDefault("token_failed", 0), flood.line());
    }
}
