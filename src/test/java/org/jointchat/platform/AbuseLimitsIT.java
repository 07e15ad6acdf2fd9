package org.jointchat.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.net.InetAddress;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jointchat.support.Await;
import org.jointchat.support.Accounts;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.FacesForm;
import org.jointchat.support.HttpSession;
import org.jointchat.support.LoopbackHttp;
import org.jointchat.support.LoopbackHttp.Answer;
import org.jointchat.support.TestData;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The abuse limits, met from outside as an attacker would: requests leave from loopback addresses other than
 * 127.0.0.1 (which the test domain exempts, so the rest of the suite is unaffected; pom.xml,
 * it.abuse.exempt-addresses), each test from addresses of its own. The limits are the defaults: registrations a
 * burst of 20 then 20 a minute, sign-in attempts a burst of 20 then 1 a second, 32 sockets per user, syncs a
 * burst of 60 then 10 a second per socket.
 */
class AbuseLimitsIT extends AgainstTheServer {

    /** The proxy whose X-Forwarded-For the test domain believes (pom.xml, it.trusted-proxies). */
    private static final InetAddress TRUSTED_PROXY = LoopbackHttp.address(127, 0, 0, 9);
    private static final int REGISTRATION_BURST = 20;
    private static final int SIGN_IN_BURST = 20;
    private static final int SOCKETS_PER_USER = 32;
    private static final int SYNC_BURST = 60;
    private static final int SYNCS_PER_SECOND = 10;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    private static InetAddress from(int last) {
        return LoopbackHttp.address(127, 0, 0, last);
    }

    private static String registration(String login) {
        return Json.createObjectBuilder().add("login", login).add("displayName", "Limit " + login)
                .add("password", TestData.PASSWORD).build().toString();
    }

    /** A registration that is refused for its content (400) without costing a password hash, but is still an attempt. */
    private static final String CHEAP_REGISTRATION = "{\"login\":\"x\",\"displayName\":\"x\",\"password\":\"short\"}";

    private static String credentials(String login, String password) {
        return Json.createObjectBuilder().add("login", login).add("password", password).build().toString();
    }

    private Answer post(InetAddress from, String path, String json, String... headers) throws IOException {
        return LoopbackHttp.request(from, base, "POST", path, "application/json", json, headers);
    }

    /** A refusal as the API answers it: the status, Retry-After in whole seconds within the bounds, and a problem of that type. */
    private static void assertProblem(Answer answer, int status, String type, int minRetry, int maxRetry) {
        assertEquals(status, answer.status(), answer.body());
        assertNotNull(answer.retryAfter(), "Retry-After");
        int retry = Integer.parseInt(answer.retryAfter());
        assertTrue(retry >= minRetry && retry <= maxRetry, "Retry-After " + retry + " within " + minRetry + ".." + maxRetry);
        assertTrue(answer.header("Content-Type").startsWith("application/problem+json"), answer.header("Content-Type"));
        JsonObject problem = HttpSession.parse(answer.body());
        assertEquals("urn:jointchat:problem:" + type, problem.getString("type"), problem.toString());
        assertEquals(status, problem.getInt("status"));
        assertFalse(problem.getString("title", "").isBlank(), "a title the user can read");
    }

    private static Map<Integer, Long> statuses(List<Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
    }

    /** Runs the calls at once (released together) and returns their answers in order. */
    private <T> List<T> atOnce(List<Callable<T>> calls) throws Exception {
        var go = new CountDownLatch(1);
        var futures = new ArrayList<Future<T>>();
        for (var call : calls) {
            futures.add(pool.submit(() -> {
                go.await();
                return call.call();
            }));
        }
        go.countDown();
        var results = new ArrayList<T>();
        for (var f : futures) {
            results.add(f.get(2, TimeUnit.MINUTES));
        }
        return results;
    }

    // ---- registrations ----

    @Test
    void theTwentyFirstRegistrationFromOneAddressWithinAMinuteIsRefusedWhileAnotherAddressStillRegisters() throws Exception {
        var attacker = from(21);
        // The burst, sent at once: none is refused by the address limit (the hashing pool, which is smaller than
        // the burst on a small machine, may answer some of them 503 busy: they were counted all the same).
        var burst = new ArrayList<Future<Answer>>();
        var go = new CountDownLatch(1);
        for (int i = 0; i < REGISTRATION_BURST; i++) {
            String login = TestData.uniqueLogin("burst").toLowerCase();
            burst.add(pool.submit(() -> {
                go.await();
                return post(attacker, "api/v1/accounts", registration(login));
            }));
        }
        go.countDown();
        Thread.sleep(500); // every one of them has passed the limit by now; most still wait for their hash

        var twentyFirst = post(attacker, "api/v1/accounts", registration(TestData.uniqueLogin("burst").toLowerCase()));
        // One registration every 3 s after the burst: the wait is at most one interval.
        assertProblem(twentyFirst, 429, "too-many-requests", 1, 3);

        var answers = new ArrayList<Answer>();
        for (var f : burst) {
            answers.add(f.get(2, TimeUnit.MINUTES));
        }
        var counts = statuses(answers);
        assertEquals(REGISTRATION_BURST, counts.getOrDefault(201, 0L) + counts.getOrDefault(503, 0L),
                "the burst is answered 201 (or 503 busy), never 429: " + counts);
        assertTrue(counts.getOrDefault(201, 0L) > 0, "registered: " + counts);

        var elsewhere = post(from(22), "api/v1/accounts", registration(TestData.uniqueLogin("other").toLowerCase()));
        assertEquals(201, elsewhere.status(), "another address still registers: " + elsewhere.body());
    }

    @Test
    void moreHashesAtOnceThanTheHashingPoolHoldsAreAnswered503BusyWithRetryAfter() throws Exception {
        // 40 people at 40 addresses register at once: more than the pool's threads (half the cores) and queue (16)
        // hold while the server's 32 HTTP threads take them in (so this holds on machines of fewer than 32 cores).
        var calls = new ArrayList<Callable<Answer>>();
        for (int i = 1; i <= 40; i++) {
            var address = LoopbackHttp.address(127, 0, 1, i);
            String login = TestData.uniqueLogin("crowd").toLowerCase();
            calls.add(() -> post(address, "api/v1/accounts", registration(login)));
        }
        var answers = atOnce(calls);
        var counts = statuses(answers);
        assertEquals(40, counts.getOrDefault(201, 0L) + counts.getOrDefault(503, 0L), "created or busy, nothing else: " + counts);
        assertTrue(counts.getOrDefault(201, 0L) > 0, counts.toString());
        var busy = answers.stream().filter(a -> a.status() == 503).findFirst()
                .orElseThrow(() -> new AssertionError("none answered busy: " + counts));
        assertProblem(busy, 503, "busy", 1, 60);
        // Nobody is turned away for long: the same people register a moment later.
        Thread.sleep(1000L * Integer.parseInt(busy.retryAfter())); // the wait it asked for is the point
        var again = post(LoopbackHttp.address(127, 0, 1, 41), "api/v1/accounts", registration(TestData.uniqueLogin("later").toLowerCase()));
        assertEquals(201, again.status(), again.body());
    }

    @Test
    void theRegistrationPageSaysSoWhenItsAddressMadeTooManyRegistrations() throws Exception {
        var visitor = from(26);
        var page = LoopbackHttp.get(visitor, base, "register.xhtml");
        assertEquals(200, page.status());
        String session = page.cookie("JSESSIONID").orElseThrow(() -> new AssertionError("no session: " + page.headers()));
        for (int i = 0; i < REGISTRATION_BURST; i++) {
            assertEquals(400, post(visitor, "api/v1/accounts", CHEAP_REGISTRATION).status());
        }
        String login = TestData.uniqueLogin("paged").toLowerCase();
        var form = FacesForm.of(page.body(), "register").set("register:login", login).set("register:displayName", "Paged")
                .set("register:password", TestData.PASSWORD).set("register:passwordRepeat", TestData.PASSWORD);
        var refused = LoopbackHttp.request(visitor, base, "POST", form.actionPath(), "application/x-www-form-urlencoded",
                form.encoded("register:submit"), "Cookie", "JSESSIONID=" + session);
        assertEquals(429, refused.status(), refused.body());
        assertNotNull(refused.retryAfter());
        String message = Jsoup.parse(refused.body()).select("[id='register:messages']").text();
        assertTrue(message.contains("Too many attempts from your address. Try again in " + refused.retryAfter() + " s."), message);
        String someone = Accounts.register(api, "looker", "Looker");
        assertEquals(404, api.get("api/v1/users/" + login, "Authorization", "Bearer " + Accounts.token(api, someone)).statusCode(),
                "nothing was registered");
    }

    // ---- sign-ins ----

    @Test
    void signInAttemptsFromOneAddressAreLimitedAfterTheBurstForUnknownAndKnownLoginsAlike() throws Exception {
        String known = Accounts.register(api, "signin", "Sign In");
        var guesser = from(23);
        long start = System.nanoTime();
        int unauthorized = 0;
        Answer refused = null;
        for (int i = 0; i < 80 && refused == null; i++) {
            var answer = post(guesser, "api/v1/tokens", credentials(TestData.uniqueLogin("nobody"), "guess " + i));
            if (answer.status() == 429) {
                refused = answer;
            } else {
                assertEquals(401, answer.status(), answer.body());
                unauthorized++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertNotNull(refused, "never refused after " + unauthorized + " attempts");
        // The burst, and then one a second: each attempt for an unknown login costs a decoy hash, so some refill.
        assertTrue(unauthorized >= SIGN_IN_BURST && unauthorized <= SIGN_IN_BURST + Math.ceil(seconds) + 1,
                unauthorized + " attempts in " + seconds + " s");
        assertProblem(refused, 429, "too-many-requests", 1, 1);

        // The right password of an existing login from that address: refused all the same (no hash is spent on it).
        var calls = new ArrayList<Callable<Answer>>();
        for (int i = 0; i < 5; i++) {
            calls.add(() -> post(guesser, "api/v1/tokens", credentials(known, TestData.PASSWORD)));
        }
        var knownAnswers = statuses(atOnce(calls));
        assertTrue(knownAnswers.getOrDefault(429, 0L) >= 4, "at most one refilled meanwhile: " + knownAnswers);

        var elsewhere = post(from(24), "api/v1/tokens", credentials(known, TestData.PASSWORD));
        assertEquals(201, elsewhere.status(), "the owner signs in from another address: " + elsewhere.body());
    }

    @Test
    void theLoginPageSaysSoWhenItsAddressMadeTooManyAttempts() throws Exception {
        String known = Accounts.register(api, "pagesign", "Page Sign");
        var visitor = from(27);
        var page = LoopbackHttp.get(visitor, base, "login.xhtml");
        String session = page.cookie("JSESSIONID").orElseThrow(() -> new AssertionError("no session: " + page.headers()));
        for (int i = 0; i < SIGN_IN_BURST + 2; i++) { // cheap attempts (no password: nothing to hash); a refill or two
            post(visitor, "api/v1/tokens", "{\"login\":\"nobody\"}");
        }
        var form = FacesForm.of(page.body(), "login").set("login:username", known).set("login:password", TestData.PASSWORD);
        var refused = LoopbackHttp.request(visitor, base, "POST", form.actionPath(), "application/x-www-form-urlencoded",
                form.encoded("login:submit"), "Cookie", "JSESSIONID=" + session);
        assertEquals(429, refused.status(), refused.body());
        assertEquals("1", refused.retryAfter());
        String message = Jsoup.parse(refused.body()).select("[id='login:messages']").text();
        assertTrue(message.contains("Too many attempts from your address. Try again in 1 s."), message);
    }

    @Test
    void registeringWhenTheAddressMadeTooManySignInsCreatesTheAccountAndOpensTheLoginPageWithItsLogin() throws Exception {
        var visitor = from(28);
        var page = LoopbackHttp.get(visitor, base, "register.xhtml");
        String session = page.cookie("JSESSIONID").orElseThrow(() -> new AssertionError("no session: " + page.headers()));
        // The address spends its sign-in attempts, and keeps spending each one that refills while the page registers.
        var draining = new java.util.concurrent.atomic.AtomicBoolean(true);
        for (int i = 0; i < SIGN_IN_BURST + 2; i++) {
            post(visitor, "api/v1/tokens", "{\"login\":\"nobody\"}");
        }
        for (int t = 0; t < 2; t++) {
            pool.submit(() -> {
                while (draining.get()) {
                    post(visitor, "api/v1/tokens", "{\"login\":\"nobody\"}");
                }
                return null;
            });
        }
        String login = TestData.uniqueLogin("later").toLowerCase();
        var form = FacesForm.of(page.body(), "register").set("register:login", login).set("register:displayName", "Later")
                .set("register:password", TestData.PASSWORD).set("register:passwordRepeat", TestData.PASSWORD);
        Answer registered;
        try {
            registered = LoopbackHttp.request(visitor, base, "POST", form.actionPath(), "application/x-www-form-urlencoded",
                    form.encoded("register:submit"), "Cookie", "JSESSIONID=" + session);
        } finally {
            draining.set(false);
        }
        assertEquals(302, registered.status(), registered.body());
        assertTrue(registered.header("Location").contains("/login.xhtml"), registered.header("Location"));
        // The login page (with the flash of the redirect): the login already there, and why.
        var cookies = new ArrayList<String>(List.of("JSESSIONID=" + registered.cookie("JSESSIONID").orElse(session)));
        registered.headers("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).filter(c -> !c.startsWith("JSESSIONID="))
                .forEach(cookies::add);
        var loginPage = Jsoup.parse(LoopbackHttp.get(visitor, base, "login.xhtml", "Cookie", String.join("; ", cookies),
                "Accept-Language", "en").body());
        assertEquals(login, loginPage.getElementById("login:username").val(), "the login is filled in");
        String message = loginPage.select("[id='login:messages']").text();
        assertTrue(message.contains("Account " + login + " created, but you could not be signed in automatically"), message);
    }

    // ---- the client's address ----

    @Test
    void xForwardedForIsIgnoredFromAnUntrustedPeerAndBelievedFromTheTrustedProxy() throws Exception {
        // An untrusted peer claiming a new address each time: the claims are ignored, its own address is limited.
        var liar = from(25);
        for (int i = 1; i <= REGISTRATION_BURST; i++) {
            assertEquals(400, post(liar, "api/v1/accounts", CHEAP_REGISTRATION, "X-Forwarded-For", "203.0.113." + i).status());
        }
        assertProblem(post(liar, "api/v1/accounts", CHEAP_REGISTRATION, "X-Forwarded-For", "203.0.113.99"),
                429, "too-many-requests", 1, 3);

        // The trusted proxy forwarding many clients: each is a client of its own, none limited by the others.
        for (int i = 1; i <= REGISTRATION_BURST + 5; i++) {
            assertEquals(400, post(TRUSTED_PROXY, "api/v1/accounts", CHEAP_REGISTRATION, "X-Forwarded-For", "198.51.100." + i).status(),
                    "client " + i + " behind the proxy");
        }
        // One client behind the proxy over its limit is refused, by the address the proxy saw ...
        for (int i = 0; i < REGISTRATION_BURST; i++) {
            assertEquals(400, post(TRUSTED_PROXY, "api/v1/accounts", CHEAP_REGISTRATION, "X-Forwarded-For", "198.51.100.200").status());
        }
        assertProblem(post(TRUSTED_PROXY, "api/v1/accounts", CHEAP_REGISTRATION, "X-Forwarded-For", "198.51.100.200"),
                429, "too-many-requests", 1, 3);
        // ... which it cannot choose: a hop it wrote itself in front of the proxy's is not believed.
        assertEquals(400, post(TRUSTED_PROXY, "api/v1/accounts", CHEAP_REGISTRATION,
                "X-Forwarded-For", "198.51.100.200, 198.51.100.201").status(), "the client is .201, which the proxy saw");
        // And the proxy's other clients go on.
        assertEquals(400, post(TRUSTED_PROXY, "api/v1/accounts", CHEAP_REGISTRATION, "X-Forwarded-For", "198.51.100.202").status());
    }

    // ---- sockets ----

    /** The handshake's refusal: its HTTP status and Retry-After. */
    private static WebSocketHandshakeException refusedHandshake(Runnable connect) {
        var failure = assertThrows(CompletionException.class, connect::run);
        assertTrue(failure.getCause() instanceof WebSocketHandshakeException, String.valueOf(failure.getCause()));
        return (WebSocketHandshakeException) failure.getCause();
    }

    @Test
    void theThirtyThirdSocketOfOneUserIsRefusedWhileAnotherUserStillConnects() throws Exception {
        String hog = Accounts.register(api, "hog", "Socket Hog");
        String hogToken = Accounts.token(api, hog);
        var sockets = new ArrayList<ChatClient>();
        try {
            for (int i = 0; i < SOCKETS_PER_USER; i++) {
                sockets.add(ChatClient.connect(base, hogToken, null));
            }
            var refused = refusedHandshake(() -> ChatClient.connect(base, hogToken, null));
            assertEquals(429, refused.getResponse().statusCode());
            assertTrue(refused.getResponse().headers().firstValue("Retry-After").isPresent());
            assertTrue(sockets.get(0).settle().stream().noneMatch(f -> "error".equals(f.getString("type", ""))),
                    "the user's open sockets are untouched");

            String other = Accounts.register(api, "polite", "Polite Person");
            try (var fine = ChatClient.connect(base, Accounts.token(api, other), null)) {
                assertEquals(other, fine.hello.getJsonObject("user").getString("login"));
            }

            // One closed: room for one again.
            sockets.remove(0).close();
            Await.until(Duration.ofSeconds(5), "a socket closed makes room for another", () -> {
                try {
                    sockets.add(ChatClient.connect(base, hogToken, null));
                    return true;
                } catch (CompletionException notYet) { // the server may not have counted the close yet
                    return false;
                }
            });
        } finally {
            sockets.forEach(ChatClient::close);
        }
    }

    @Test
    void syncFramesBeyondTheLimitAreAnsweredRateLimitedAndTheSocketStaysUsable() throws Exception {
        String login = Accounts.register(api, "syncer", "Eager Syncer");
        try (var socket = ChatClient.connect(base, Accounts.token(api, login), null)) {
            long room = socket.hello.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                    .filter(r -> r.getString("name").equals("general")).findFirst().orElseThrow().getJsonNumber("id").longValue();
            long lastSeq = socket.hello.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                    .filter(r -> r.getJsonNumber("id").longValue() == room).findFirst().orElseThrow().getJsonNumber("lastSeq").longValue();
            int sent = SYNC_BURST + 30;
            long start = System.nanoTime();
            for (int i = 0; i < sent; i++) {
                socket.sync(room, lastSeq);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Function<JsonObject, Boolean> rateLimited = f -> "error".equals(f.getString("type", ""))
                    && "RATE_LIMITED".equals(f.getString("code", "")) && f.getJsonNumber("room").longValue() == room;
            int synced = 0;
            int limited = 0;
            // The server takes the frames in over a little longer than they took to send: the allowance refills
            // meanwhile, by at most the rate times the time until the last answer.
            while (synced + limited < sent) {
                var frame = socket.next(f -> "synced".equals(f.getString("type", "")) || rateLimited.apply(f));
                if ("synced".equals(frame.getString("type"))) {
                    synced++;
                } else {
                    limited++;
                    assertTrue(frame.getString("message").contains("sync this room again in"), frame.toString());
                }
            }
            seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(limited > 0, "none limited");
            assertTrue(synced >= SYNC_BURST && synced <= SYNC_BURST + SYNCS_PER_SECOND * seconds + 1,
                    synced + " synced of " + sent + " sent in " + seconds + " s");

            // The socket goes on: pings, sends, and syncs again once the allowance refilled.
            socket.settle();
            socket.sendMessage(room, "still here", "still-1");
            assertEquals("still-1", socket.next(f -> "ack".equals(f.getString("type", ""))).getString("clientId"));
            Thread.sleep(1000 / SYNCS_PER_SECOND + 200); // waiting out the rate window is the point
            socket.sync(room, lastSeq);
            socket.next(f -> "synced".equals(f.getString("type", "")) && f.getJsonNumber("room").longValue() == room);
            assertFalse(socket.isClosed());
        }
    }
}
