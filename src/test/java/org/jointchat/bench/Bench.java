package org.jointchat.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jointchat.support.LoopbackHttp;

/**
 * JointChat's load tool: a real client (JDK WebSocket + REST) against a running server, loopback only,
 * every loop bounded in count and time. Usage and figures: docs/benchmarks.md.
 *
 * <pre>
 * ./jointchat bench fanout  --members 100 --senders 10 --rate 200 --seconds 30
 * ./jointchat bench fanout  --members 100 --senders 10 --rate 500 --seconds 30 --thread-share 0.5 --thread-length 20
 * ./jointchat bench step    --members 100 --senders 10 --rate 100 --seconds 10
 * ./jointchat bench idle    --connections 19000 --connect-rate 1000
 * ./jointchat bench history --messages 1000000 --pages 2000
 * ./jointchat bench login   --logins 300 --concurrency 4
 * ./jointchat bench crowd   --users 19000 --rate 500 --watch 20
 * ./jointchat bench reconnect --users 19000 --rate 500
 * ./jointchat bench search  --seed 1000000 --users 20 --concurrency 4 --seconds 60
 * ./jointchat bench flood   --members 100 --senders 10 --rate 200 --seconds 30 --flood-rate 200 --from 127.0.0.66
 * ./jointchat bench direct  --pairs 2000 --rate 10000 --seconds 30
 * ./jointchat bench page    --runs 5 --sizes desktop,phone --network loopback|4g
 * ./jointchat bench smoke
 * </pre>
 * Each scenario prints one result line and appends a row to target/bench/SCENARIO.csv.
 */
public final class Bench {

    static final String PASSWORD = "bench password 1";
    private static final Duration MAX_RUN = Duration.ofMinutes(15);

    private final Map<String, String> options;
    private final URI base;
    /** Where sockets connect, in turn: --sockets (e.g. each instance of a cluster), else the base. */
    private final List<URI> socketBases;
    private final HttpClient http;
    private final ServerProcess server;
    private final Path out;
    private final int warmupSeconds;
    /** Threads (issue 22, item 1): the share of fan-out messages sent as thread replies, and replies per thread. */
    private final double threadShare;
    private final int threadLength;

    Bench(Map<String, String> options) {
        this.options = options;
        String url = option("base", "http://127.0.0.1:8080/");
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        if (!isLoopback(base.getHost())) {
            throw new IllegalArgumentException("the load tool only targets loopback (127.0.0.1, ::1, localhost): " + base);
        }
        this.socketBases = Arrays.stream(option("sockets", base.toString()).split(","))
                .map(u -> URI.create(u.strip().endsWith("/") ? u.strip() : u.strip() + "/")).toList();
        for (var socketBase : socketBases) {
            if (!isLoopback(socketBase.getHost())) {
                throw new IllegalArgumentException("the load tool only targets loopback (127.0.0.1, ::1, localhost): " + socketBase);
            }
        }
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(4)).build();
        this.server = ServerProcess.find(options.get("server-pid"), option("domain", "jointchat"));
        this.out = Path.of(option("out", "target/bench"));
        this.warmupSeconds = intOption("warmup", 10);
        this.threadShare = Double.parseDouble(option("thread-share", "0"));
        this.threadLength = Math.max(1, intOption("thread-length", 20));
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Bench fanout|step|idle|history|login|crowd|reconnect|search|flood|direct|page|smoke [--option value ...]");
            System.exit(2);
        }
        var options = new LinkedHashMap<String, String>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        var bench = new Bench(options);
        var results = bench.run(args[0]);
        results.forEach(r -> System.out.println(r.line()));
        System.exit(0);
    }

    /** Runs a scenario (smoke: every scenario, small) and returns its result lines. */
    public List<Result> run(String scenario) throws Exception {
        return switch (scenario) {
            case "fanout" -> List.of(fanout(intOption("members", 100), intOption("senders", 10), intOption("rate", 200),
                    intOption("seconds", 30)));
            case "step" -> List.of(step(intOption("members", 100), intOption("senders", 10), intOption("rate", 100),
                    intOption("seconds", 10), intOption("max-steps", 12)));
            case "idle" -> List.of(idle(intOption("connections", 19000), intOption("connect-rate", 1000), intOption("users", 100)));
            case "history" -> List.of(history(intOption("messages", 1_000_000), intOption("pages", 2000), intOption("concurrency", 4)));
            case "login" -> List.of(login(intOption("logins", 300), intOption("concurrency", 4), intOption("users", 20)));
            case "crowd" -> List.of(new Crowd(this).crowd(intOption("users", 19000), intOption("rate", 500), intOption("watch", 20),
                    intOption("hold", 10)));
            case "reconnect" -> List.of(new Crowd(this).reconnect(intOption("users", 19000), intOption("rate", 500),
                    option("restart-command", "./jointchat restart"), intOption("traffic", 0))); // --traffic: issue 24, item 4
            case "search" -> List.of(new SearchBench(this, intOption("rooms", SearchBench.ROOMS), intOption("authors", SearchBench.AUTHORS),
                    intOption("rate", 0)).search(intOption("seed", 0), Boolean.parseBoolean(option("reseed", "false")), intOption("users", 20),
                    intOption("concurrency", 4), intOption("seconds", 60), intOption("queries", 1_000_000), intOption("limit", 20),
                    intOption("check-every", 5)));
            case "flood" -> List.of(new Flood(this).flood(intOption("members", 100), intOption("senders", 10), intOption("rate", 200),
                    intOption("seconds", 30), intOption("flood-rate", 200), option("from", "127.0.0.66")));
            case "direct" -> List.of(new Direct(this).direct(intOption("pairs", 2000), intOption("rate", 10000), intOption("seconds", 30),
                    intOption("connect-rate", 500))); // direct messages: issue 24, item 5
            case "page" -> new PageBench(this).run(intOption("runs", 5), option("sizes", "desktop,phone"), option("network", "loopback"));
            case "smoke" -> List.of(fanout(5, 2, 20, 3), step(4, 2, 10, 2, 2), idle(40, 200, 4), history(2000, 40, 2),
                    login(8, 2, 4), new Crowd(this).crowd(60, 100, 10, 1));
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
    }

    // ---- scenarios ----

    /** M members in one room, K of them sending R msgs/s in total for T s; every member measures send→receive. */
    Result fanout(int members, int senders, int rate, int seconds) throws Exception {
        // Users of their own when asked (the flood's): each user's messages count against the server's send rate.
        var users = users(option("fanout-users", "fan"), members);
        long room = benchRoom(users.get(0), "bench-fanout-" + members);
        for (var u : users) {
            join(u, room);
        }
        var stats = new DeliveryStats();
        var sockets = new ArrayList<Socket>();
        try {
            for (var u : users) {
                sockets.add(Socket.open(http, wsUri(sockets.size()), u.token(), stats, room));
            }
            sockets.forEach(Socket::awaitHello);
            var senderSockets = sockets.subList(0, Math.min(senders, sockets.size()));
            // Warm-up at the same rate, not counted (its clientIds do not carry this run's prefix): a freshly
            // started server is still compiling its hot paths.
            drive(senderSockets, room, rate, warmupSeconds, "w" + stats.run + "-");
            Thread.sleep(2000);
            var cpu0 = server.cpuSeconds();
            var sent = drive(senderSockets, room, rate, seconds, "b" + stats.run + "-");
            // Wait for stragglers (bounded), then count.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            long expected = (long) sent * members;
            while (stats.delivered.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            var cpu = server.cpuSeconds() - cpu0;
            sockets.forEach(Socket::flushLatencies);
            var latency = stats.percentiles();
            long delivered = stats.delivered.get();
            var params = new LinkedHashMap<String, Object>(Map.of("members", members, "senders", senders, "rate", rate, "seconds", seconds));
            if (threadShare > 0) {
                params.put("thread_share", threadShare);
                params.put("thread_length", threadLength);
            }
            var result = new Result("fanout", params, metrics(
                    "sent", sent, "acked", stats.acks.get(), "errors", stats.errors.get(), "expected", expected, "delivered", delivered,
                    "lost", expected - delivered, "duplicates", stats.duplicates.get(), "closed_by_server", new java.util.TreeMap<>(stats.closes),
                    "latency_samples", stats.samples(),
                    "deliveries_per_s", Math.round(delivered / (double) seconds),
                    "p50_ms", latency[0], "p95_ms", latency[1], "p99_ms", latency[2], "max_ms", latency[3],
                    "server_cpu_s", round(cpu), "server_rss_mb", server.rssMb()));
            return record(result);
        } finally {
            sockets.forEach(Socket::close);
        }
    }

    /** Raises the rate by half each step until p99 > 500 ms or anything is lost; reports the last good rate. */
    Result step(int members, int senders, int startRate, int seconds, int maxSteps) throws Exception {
        int rate = startRate;
        Result lastGood = null;
        Result failed = null;
        for (int i = 0; i < maxSteps; i++) {
            var r = fanout(members, senders, rate, seconds);
            boolean ok = r.metric("lost") == 0 && r.metric("p99_ms") <= 500 && r.metric("errors") == 0
                    && r.metric("sent") >= rate * seconds * 0.95;
            if (!ok) {
                failed = r;
                break;
            }
            lastGood = r;
            rate = (int) Math.ceil(rate * 1.5);
        }
        long saturation = lastGood == null ? 0 : lastGood.metric("deliveries_per_s");
        return record(new Result("step", Map.of("members", members, "senders", senders, "start_rate", startRate, "seconds", seconds),
                metrics("last_good_rate", lastGood == null ? 0 : lastGood.params.get("rate"),
                        "saturation_deliveries_per_s", saturation,
                        "failed_at_rate", failed == null ? -1 : failed.params.get("rate"),
                        "failed_p99_ms", failed == null ? -1 : failed.metric("p99_ms"),
                        "failed_lost", failed == null ? -1 : failed.metric("lost"))));
    }

    /** C authenticated sockets opened at a bounded rate and held; server RSS per socket. */
    Result idle(int connections, int connectRate, int userCount) throws Exception {
        var users = users("idle", userCount);
        var stats = new DeliveryStats();
        var sockets = new ArrayList<Socket>(connections);
        long rss0 = server.rssKb();
        long start = System.nanoTime();
        int failures = 0;
        try {
            long interval = TimeUnit.SECONDS.toNanos(1) / Math.max(1, connectRate);
            var pending = new ArrayList<CompletableFuture<Socket>>();
            for (int i = 0; i < connections && System.nanoTime() - start < MAX_RUN.toNanos(); i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                pending.add(Socket.openAsync(http, wsUri(i), users.get(i % users.size()).token(), stats, -1));
            }
            var causes = new java.util.TreeMap<String, Integer>();
            for (var p : pending) {
                try {
                    var socket = p.get(60, TimeUnit.SECONDS);
                    sockets.add(socket);
                } catch (Exception e) {
                    failures++;
                    Throwable cause = e;
                    while (cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    causes.merge(cause.getClass().getSimpleName() + ": " + cause.getMessage(), 1, Integer::sum);
                }
            }
            causes.forEach((cause, n) -> System.err.println("idle: " + n + " failed: " + cause));
            for (var s : sockets) {
                if (!s.awaitHelloQuietly()) {
                    failures++;
                }
            }
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(5000); // let the server settle before reading its RSS
            long rss1 = server.rssKb();
            int open = (int) sockets.stream().filter(Socket::isOpen).count();
            return record(new Result("idle", Map.of("connections", connections, "connect_rate", connectRate, "users", userCount),
                    metrics("open", open, "failures", failures + (sockets.size() - open), "connect_s", round(connectSeconds),
                            "server_rss_before_mb", rss0 / 1024, "server_rss_after_mb", rss1 / 1024,
                            "rss_per_connection_kb", open == 0 || rss0 < 0 ? -1 : round((rss1 - rss0) / (double) open))));
        } finally {
            sockets.forEach(Socket::close);
        }
    }

    /** A room with N stored messages (seeded by SQL), then random before= pages of 50 over REST. */
    Result history(int messages, int pages, int concurrency) throws Exception {
        var user = users("hist", 1).get(0);
        long room = benchRoom(user, "bench-history-" + messages);
        seed(room, user.login(), messages);
        var latencies = new long[pages];
        var random = new Random(42);
        var befores = new long[pages];
        for (int i = 0; i < pages; i++) {
            befores[i] = 51 + random.nextInt(Math.max(1, messages - 50));
        }
        var run = timed(pages, concurrency, latencies, i -> {
            var response = get("api/v1/rooms/" + room + "/messages?before=" + befores[i] + "&limit=50", user.token());
            return response.statusCode() == 200 && response.body().contains("\"seq\":" + (befores[i] - 1));
        });
        double seconds = run.seconds();
        var errors = run.errors();
        var p = percentiles(latencies);
        return record(new Result("history", Map.of("messages", messages, "pages", pages, "concurrency", concurrency),
                metrics("errors", errors.get(), "pages_per_s", Math.round(pages / seconds), "p50_ms", p[0], "p95_ms", p[1],
                        "p99_ms", p[2], "max_ms", p[3])));
    }

    /** Token issuance (POST /tokens) with the server's real password hash cost. */
    Result login(int logins, int concurrency, int userCount) throws Exception {
        var users = users(option("user-prefix", "login"), userCount);
        var latencies = new long[logins];
        // Each sign-in from an address of its own: the server limits sign-in attempts per client address.
        var run = timed(logins, concurrency, latencies, i ->
                postFrom(i, "api/v1/tokens", credentials(users.get(i % users.size()).login())).status() == 201);
        double seconds = run.seconds();
        var errors = run.errors();
        var p = percentiles(latencies);
        return record(new Result("login", Map.of("logins", logins, "concurrency", concurrency, "users", userCount),
                metrics("errors", errors.get(), "tokens_per_s", round(logins / seconds), "p50_ms", p[0], "p95_ms", p[1],
                        "p99_ms", p[2], "max_ms", p[3])));
    }

    /** How a batch of timed requests went. */
    private record Timed(double seconds, AtomicInteger errors) {
    }

    /** Runs requests 0..count-1 on {@code concurrency} threads, recording each one's latency; a false result is an error. */
    private static Timed timed(int count, int concurrency, long[] latencies, java.util.function.IntPredicate request)
            throws InterruptedException {
        var next = new AtomicInteger();
        var errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            pool.execute(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    long t0 = System.nanoTime();
                    boolean ok = request.test(i);
                    latencies[i] = System.nanoTime() - t0;
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(MAX_RUN.toSeconds(), TimeUnit.SECONDS);
        return new Timed((System.nanoTime() - start) / 1e9, errors);
    }

    // ---- driving load ----

    /** Sends at the total rate, round-robin over the senders, for the given seconds; returns how many were sent. */
    private int drive(List<Socket> senders, long room, int rate, int seconds, String clientIdPrefix) throws InterruptedException {
        int total = rate * seconds;
        long start = System.nanoTime();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, rate);
        long root = 0;
        int repliesToRoot = 0;
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(seconds) * 3) {
                return i; // the client itself cannot keep up: stop, and say how many went out
            }
            var sender = senders.get(i % senders.size());
            var frame = Json.createObjectBuilder().add("type", "send").add("room", room);
            // --thread-share: that share of the messages (evenly spread) are thread replies; a thread takes
            // --thread-length replies, then the next one starts under the newest plain message acked by then.
            long plain = sender.stats.lastPlainSeq.get();
            if (Math.floor((i + 1) * threadShare) > Math.floor(i * threadShare) && plain > 0) {
                if (root == 0 || repliesToRoot >= threadLength) {
                    root = plain;
                    repliesToRoot = 0;
                }
                repliesToRoot++;
                frame.add("thread", root).add("clientId", clientIdPrefix + "t" + i);
            } else {
                frame.add("clientId", clientIdPrefix + i);
            }
            sender.send(frame.add("text", "bench " + System.nanoTime()).build().toString());
        }
        return total;
    }

    // ---- setup through the public API ----

    record User(String login, String token) {
    }

    /** Bench users prefix-001 … (registered once, reused by later runs), each with a fresh token. */
    List<User> users(String prefix, int count) throws Exception {
        var users = new ArrayList<User>(count);
        var pool = Executors.newFixedThreadPool(4);
        var futures = new ArrayList<java.util.concurrent.Future<User>>();
        for (int i = 1; i <= count; i++) {
            String login = String.format("bench-%s-%03d", prefix, i);
            int index = i;
            futures.add(pool.submit(() -> {
                // Different people at different addresses (the server limits registrations and sign-ins per address).
                var created = postPatiently(index, "api/v1/accounts", Json.createObjectBuilder().add("login", login)
                        .add("displayName", "Bench " + login.substring(6)).add("password", PASSWORD).build().toString());
                if (created.status() != 201 && created.status() != 409) {
                    throw new IllegalStateException("registration failed: " + created.body());
                }
                var token = postPatiently(index, "api/v1/tokens", credentials(login));
                if (token.status() != 201) {
                    throw new IllegalStateException("token failed for " + login + ": " + token.body());
                }
                return new User(login, json(token.body()).getString("token"));
            }));
        }
        for (var f : futures) {
            users.add(f.get(5, TimeUnit.MINUTES));
        }
        pool.shutdown();
        return users;
    }

    /**
     * A POST from address n that, as a real client does, waits the {@code Retry-After} of a {@code 503 busy} (the
     * password hashing pool is full, e.g. while the {@code flood} scenario runs) and tries again, for up to 2 minutes.
     */
    private LoopbackHttp.Answer postPatiently(int n, String path, String json) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            var answer = postFrom(n, path, json);
            if (answer.status() != 503 || System.nanoTime() > deadline) {
                return answer;
            }
            busyRetries.incrementAndGet();
            String after = answer.retryAfter();
            Thread.sleep(TimeUnit.SECONDS.toMillis(after != null && after.matches("\\d{1,3}") ? Math.max(1, Integer.parseInt(after)) : 1));
        }
    }

    /** How often set-up was told to come back later (503 busy): reported by {@code flood}. */
    final java.util.concurrent.atomic.AtomicInteger busyRetries = new java.util.concurrent.atomic.AtomicInteger();

    /** A public bench room of the given name (created once, found again by later runs). */
    long benchRoom(User owner, String name) {
        var found = get("api/v1/rooms?scope=public&query=" + name, owner.token());
        var match = Json.createReader(new StringReader("{\"a\":" + found.body() + "}")).readObject().getJsonArray("a")
                .getValuesAs(JsonObject.class).stream().filter(r -> r.getString("name").equals(name)).findFirst();
        if (match.isPresent()) {
            return match.get().getJsonNumber("id").longValue();
        }
        var created = post("api/v1/rooms", Json.createObjectBuilder().add("name", name).add("visibility", "public").build().toString(),
                owner.token());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("room failed: " + created.body());
        }
        return json(created.body()).getJsonNumber("id").longValue();
    }

    void join(User user, long room) {
        var joined = put("api/v1/rooms/" + room + "/members/" + user.login(), user.token());
        if (joined.statusCode() >= 300) {
            throw new IllegalStateException("join failed: " + joined.body());
        }
    }

    /** Fills the room up to N messages with one SQL statement (the API would take hours for a million). */
    void seed(long room, String authorLogin, int messages) throws Exception {
        try (var c = database()) {
            c.setAutoCommit(false);
            long have;
            try (var s = c.prepareStatement("SELECT last_seq FROM rooms WHERE id = ? FOR UPDATE")) {
                s.setLong(1, room);
                try (var rows = s.executeQuery()) {
                    rows.next();
                    have = rows.getLong(1);
                }
            }
            if (have < messages) {
                try (var s = c.prepareStatement("""
                        INSERT INTO messages (room_id, seq, author_id, client_id, text, sent_at)
                        SELECT ?, g, u.id, 'seed-' || ? || '-' || g, 'history message ' || g, now()
                          FROM generate_series(?, ?) g, users u WHERE u.login = ?""")) {
                    s.setLong(1, room);
                    s.setLong(2, room);
                    s.setLong(3, have + 1);
                    s.setLong(4, messages);
                    s.setString(5, authorLogin);
                    s.executeUpdate();
                }
                try (var s = c.prepareStatement("UPDATE rooms SET last_seq = ? WHERE id = ?")) {
                    s.setLong(1, messages);
                    s.setLong(2, room);
                    s.executeUpdate();
                }
            }
            c.commit();
            // A freshly bulk-loaded table has no visibility map and no hint bits yet: the first readers
            // would pay for setting them. Vacuum it once, as autovacuum eventually would.
            c.setAutoCommit(true);
            try (var s = c.createStatement()) {
                s.execute("VACUUM ANALYZE messages");
            }
        }
    }

    /** The server's database, for seeding what the API would take hours to create. */
    java.sql.Connection database() throws java.sql.SQLException {
        String url = option("db-url", System.getProperty("bench.db.url", "jdbc:postgresql://127.0.0.1:5432/jointchat"));
        String user = option("db-user", "jointchat");
        String password = options.getOrDefault("db-password", DbPassword.read());
        return DriverManager.getConnection(url, user, password);
    }

    ServerProcess server() {
        return server;
    }

    int warmupSeconds() {
        return warmupSeconds;
    }

    URI wsUri() {
        return wsUri(0);
    }

    /** The i-th socket's endpoint: the socket bases in turn. */
    URI wsUri(int i) {
        var socketBase = socketBases.get(Math.floorMod(i, socketBases.size()));
        return URI.create(socketBase.toString().replaceFirst("^http", "ws")).resolve("ws");
    }

    // ---- HTTP ----

    URI base() {
        return base;
    }

    /** An anonymous POST from the load tool's n-th own loopback address ({@link LoopbackHttp}). */
    LoopbackHttp.Answer postFrom(int n, String path, String json) {
        try {
            return LoopbackHttp.post(LoopbackHttp.address(n), base, path, json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), token);
    }

    HttpResponse<String> post(String path, String json, String token) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    HttpResponse<String> put(String path, String token) {
        return send(HttpRequest.newBuilder(base.resolve(path)).PUT(HttpRequest.BodyPublishers.noBody()), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String credentials(String login) {
        return Json.createObjectBuilder().add("login", login).add("password", PASSWORD).build().toString();
    }

    /** Looked up once: Json.createReader() searches for the provider on every call. */
    static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

    static JsonObject json(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    // ---- results ----

    /** One result: scenario, parameters, metrics; also a CSV row. */
    public record Result(String scenario, Map<String, Object> params, Map<String, Object> metrics) {
        public long metric(String name) {
            return ((Number) metrics.get(name)).longValue();
        }

        public String line() {
            var text = new StringBuilder(scenario).append(':');
            params.forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
            text.append(" |");
            metrics.forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
            return text.toString();
        }
    }

    Result record(Result result) throws IOException {
        Files.createDirectories(out);
        var file = out.resolve(result.scenario() + ".csv");
        var columns = new ArrayList<String>();
        columns.add("time");
        columns.addAll(result.params().keySet());
        columns.addAll(result.metrics().keySet());
        var values = new ArrayList<String>();
        values.add(Instant.now().toString());
        result.params().values().forEach(v -> values.add(String.valueOf(v)));
        result.metrics().values().forEach(v -> values.add(String.valueOf(v)));
        var text = (Files.exists(file) ? "" : String.join(",", columns) + "\n") + String.join(",", values) + "\n";
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println(result.line());
        return result;
    }

    static Map<String, Object> metrics(Object... keyValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** p50, p95, p99, max in milliseconds of latencies in nanoseconds. */
    static long[] percentiles(long[] nanos) {
        if (nanos.length == 0) {
            return new long[] {0, 0, 0, 0};
        }
        var sorted = nanos.clone();
        Arrays.sort(sorted);
        return new long[] {ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99), sorted[sorted.length - 1] / 1_000_000};
    }

    private static long ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1_000_000;
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    int intOption(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
    }

    private static boolean isLoopback(String host) {
        return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host) || "::1".equals(host);
    }

    // ---- sockets and their counts ----

    /** Counts over all sockets of one fan-out run. */
    static final class DeliveryStats {
        final long run = System.nanoTime();
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong acks = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        /** The highest seq acked for a message that is no thread reply: where --thread-share starts threads. */
        final AtomicLong lastPlainSeq = new AtomicLong();
        /** Close codes of sockets the server closed during the run ("1013" → count). */
        final Map<String, Long> closes = new java.util.concurrent.ConcurrentHashMap<>();
        private final List<long[]> latencyChunks = new ArrayList<>();

        synchronized void latencies(long[] chunk, int length) {
            latencyChunks.add(Arrays.copyOf(chunk, length));
        }

        synchronized long samples() {
            return latencyChunks.stream().mapToLong(c -> c.length).sum();
        }

        long[] percentiles() {
            synchronized (this) {
                return Bench.percentiles(latencyChunks.stream().flatMapToLong(Arrays::stream).toArray());
            }
        }
    }

    /** One bench WebSocket: counts what it receives, measures latency from the send time in the text. */
    static final class Socket implements WebSocket.Listener {
        private final DeliveryStats stats;
        private final long room;
        private final CompletableFuture<Boolean> hello = new CompletableFuture<>();
        private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();
        private long[] latencies = new long[1024];
        private int count;
        private volatile WebSocket ws;
        private CompletableFuture<WebSocket> sending;

        private final String runPrefix;

        private Socket(DeliveryStats stats, long room) {
            this.stats = stats;
            this.room = room;
            this.runPrefix = "b" + stats.run + "-";
        }

        /** The string value after a marker, up to the closing quote. */
        private static String field(String frame, String marker) {
            int start = frame.indexOf(marker);
            if (start < 0) {
                return null;
            }
            start += marker.length();
            return frame.substring(start, frame.indexOf('"', start));
        }

        static Socket open(HttpClient http, URI uri, String token, DeliveryStats stats, long room) throws Exception {
            return openAsync(http, uri, token, stats, room).get(30, TimeUnit.SECONDS);
        }

        static CompletableFuture<Socket> openAsync(HttpClient http, URI uri, String token, DeliveryStats stats, long room) {
            var socket = new Socket(stats, room);
            return http.newWebSocketBuilder().header("Authorization", "Bearer " + token).connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(uri, socket).thenApply(ws -> {
                        socket.ws = ws;
                        socket.sending = CompletableFuture.completedFuture(ws);
                        return socket;
                    });
        }

        void awaitHello() {
            hello.orTimeout(30, TimeUnit.SECONDS).join();
        }

        boolean awaitHelloQuietly() {
            try {
                hello.get(60, TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                return false;
            }
        }

        /** Sends after the previous send completed (the JDK WebSocket allows one outstanding send). */
        synchronized void send(String text) {
            sending = sending.thenCompose(w -> w.sendText(text, true));
        }

        boolean isOpen() {
            return ws != null && !ws.isInputClosed();
        }

        /** Hands this socket's latencies to the run's statistics. */
        synchronized void flushLatencies() {
            if (count > 0) {
                stats.latencies(latencies, count);
                count = 0;
            }
        }

        void close() {
            flushLatencies();
            if (ws != null && !ws.isOutputClosed()) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").exceptionally(e -> null);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                handle(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(String frame) {
            long now = System.nanoTime();
            if (frame.startsWith("{\"type\":\"message\"")) {
                // The server's frames have a fixed field order; plain string search keeps the client cheap.
                if (!frame.startsWith("{\"type\":\"message\",\"room\":" + room + ",")) {
                    return;
                }
                String clientId = field(frame, "\"clientId\":\"");
                if (clientId == null || !clientId.startsWith(runPrefix)) {
                    return;
                }
                if (seen.putIfAbsent(clientId, Boolean.TRUE) != null) {
                    stats.duplicates.incrementAndGet();
                    return;
                }
                stats.delivered.incrementAndGet();
                long sentAt = Long.parseLong(field(frame, "\"text\":\"bench ").strip());
                synchronized (this) {
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = now - sentAt;
                }
            } else if (frame.startsWith("{\"type\":\"ack\"")) {
                String clientId = field(frame, "\"clientId\":\"");
                if (clientId != null && clientId.startsWith(runPrefix)) {
                    stats.acks.incrementAndGet(); // the warm-up's acks are not this run's
                }
                if (clientId != null && !clientId.contains("-t")) {
                    int at = frame.indexOf("\"seq\":");
                    if (at > 0) {
                        int from = at + 6;
                        int to = from;
                        while (to < frame.length() && Character.isDigit(frame.charAt(to))) {
                            to++;
                        }
                        long seq = Long.parseLong(frame.substring(from, to));
                        stats.lastPlainSeq.accumulateAndGet(seq, Math::max);
                    }
                }
            } else if (frame.startsWith("{\"type\":\"error\"")) {
                stats.errors.incrementAndGet();
            } else if (frame.startsWith("{\"type\":\"hello\"")) {
                hello.complete(true);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            stats.closes.merge(String.valueOf(statusCode), 1L, Long::sum);
            hello.complete(false);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            hello.complete(false);
        }
    }
}
