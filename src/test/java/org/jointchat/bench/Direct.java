package org.jointchat.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jointchat.support.LoopbackHttp;

/**
 * Direct messages (issue 24, item 5): P pairs of different users (seeded by SQL like {@link Crowd}'s, each pair with
 * its own direct room), one socket each from a loopback address of its own, every user sending to their partner at
 * a steady rate (R messages/s in all, evenly spread over the users). Each message carries its send time; the
 * partner measures send→receive. Reports what arrived (lost: acked but never received within the grace,
 * duplicates), the writer's batching from {@code /health/live} ("message-writer": commits, messages and rooms per
 * batch), and the CPU of the server and of PostgreSQL from {@code /proc}.
 */
final class Direct {

    private static final int CLIENTS = 2;
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Bench bench;
    private final List<LeanWebSockets> clients = new ArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> closes = new ConcurrentHashMap<>();
    private final String run = Long.toString(System.nanoTime() % 100_000_000, 36);
    private final java.util.concurrent.ScheduledExecutorService retries = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "direct-retry");
        t.setDaemon(true);
        return t;
    });

    Direct(Bench bench) throws IOException {
        this.bench = bench;
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new LeanWebSockets(bench.wsUri(i), "direct-io-" + i));
        }
    }

    Bench.Result direct(int pairs, int rate, int seconds, int connectRate) throws Exception {
        var users = seed(pairs);
        try {
            // At a bounded rate, as the crowd arrives (the server's admission answers a faster herd 503).
            long interval = TimeUnit.SECONDS.toNanos(1) / Math.max(1, connectRate);
            long begun = System.nanoTime();
            for (int i = 0; i < users.size(); i++) {
                long wait = begun + i * interval - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                users.get(i).connect();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60 + users.size() / 100);
            while (opened.get() < users.size() && System.nanoTime() < deadline && failures.isEmpty()) {
                Thread.sleep(50);
            }
            if (opened.get() < users.size()) {
                throw new IllegalStateException("only " + opened.get() + " of " + users.size() + " sockets opened: " + failures);
            }
            System.err.println("direct: " + opened.get() + " sockets open; warm-up of " + bench.warmupSeconds() + " s");
            // Warm-up at the same rate, not counted (its clientIds carry another prefix).
            drive(users, rate, bench.warmupSeconds(), "w" + run + "-");
            Thread.sleep(2000);
            var server = bench.server();
            var writer0 = writerCounts();
            long pgCommits0 = pgCommits();
            double cpu0 = server.cpuSeconds();
            double pg0 = postgresCpuSeconds();
            double tool0 = toolCpuSeconds();
            System.err.println("direct: the counted run begins"); // a mark for profilers started from outside
            long start = System.nanoTime();
            int sent = drive(users, rate, seconds, "d" + run + "-");
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            long graceEnd = System.nanoTime() + GRACE_NANOS;
            while ((acked(users) + errors(users) < sent || delivered(users) < acked(users)) && System.nanoTime() < graceEnd) {
                Thread.sleep(50);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpu = server.cpuSeconds() - cpu0;
            double pg = postgresCpuSeconds() - pg0;
            double tool = toolCpuSeconds() - tool0;
            long pgCommits = pgCommits() - pgCommits0;
            var writer = difference(writerCounts(), writer0);
            return bench.record(new Bench.Result("direct", Map.of("pairs", pairs, "rate", rate, "seconds", seconds),
                    report(users, sent, sendSeconds, elapsed, cpu, pg, tool, pgCommits, writer, seconds)));
        } finally {
            users.forEach(User::close);
            Thread.sleep(500);
            clients.forEach(LeanWebSockets::close);
            retries.shutdownNow();
        }
    }

    private Map<String, Object> report(List<User> users, int sent, double sendSeconds, double elapsed, double cpu, double pg,
            double tool, long pgCommits, Map<String, Long> writer, int seconds) {
        long acked = acked(users);
        long delivered = delivered(users);
        long lost = 0;
        long duplicates = 0;
        int receivers = 0;
        var latencies = new ArrayList<long[]>();
        for (var u : users) {
            synchronized (u) {
                var notReceived = (BitSet) u.acked.clone();
                notReceived.andNot(u.partner.received);
                lost += notReceived.cardinality();
                duplicates += u.duplicates;
                receivers += u.received.isEmpty() ? 0 : 1;
                latencies.add(java.util.Arrays.copyOf(u.latencies, u.count));
            }
        }
        var p = Bench.percentiles(latencies.stream().flatMapToLong(java.util.Arrays::stream).toArray());
        long batches = writer.getOrDefault("batches", 0L);
        return Bench.metrics("users", users.size(), "sent", sent, "acked", acked, "errors", errors(users),
                "delivered", delivered, "lost", lost, "duplicates", duplicates, "receivers", receivers,
                "refused_503", refused.get(), "closed_by_server", new TreeMap<>(closes), "first_error", firstError(users),
                "messages_per_s", Math.round(delivered / Math.max(sendSeconds, seconds)), "send_s", Bench.round(sendSeconds),
                "p50_ms", p[0], "p95_ms", p[1], "p99_ms", p[2], "max_ms", p[3],
                "commits_per_s", Bench.round(batches / (double) seconds), "pg_commits_per_s", Bench.round(pgCommits / elapsed),
                "messages_per_batch", batches == 0 ? 0 : Bench.round(writer.getOrDefault("messages", 0L) / (double) batches),
                "rooms_per_batch", batches == 0 ? 0 : Bench.round(writer.getOrDefault("roomsLocked", 0L) / (double) batches),
                "max_rooms_per_batch", writer.getOrDefault("maxRoomsPerBatch", -1L),
                "tx_ms_per_batch", batches == 0 ? 0 : Bench.round(writer.getOrDefault("transactionMicros", 0L) / 1000.0 / batches),
                "publish_ms_per_batch", batches == 0 ? 0 : Bench.round(writer.getOrDefault("publishMicros", 0L) / 1000.0 / batches),
                "server_cpu_s", Bench.round(cpu), "server_cores", Bench.round(cpu / elapsed),
                "server_cpu_us_per_message", delivered == 0 ? -1 : Math.round(cpu * 1e6 / delivered),
                "pg_cpu_s", Bench.round(pg), "pg_cores", Bench.round(pg / elapsed), "tool_cpu_s", Bench.round(tool),
                "server_rss_mb", bench.server().rssMb());
    }

    // ---- sending ----

    /**
     * Message i of the run is due at start + i/R and comes from user i mod U (so each user sends every U/R s, the
     * users evenly staggered); sent in ticks of a millisecond. Returns how many went out.
     */
    private int drive(List<User> users, int rate, int seconds, String prefix) throws InterruptedException {
        int total = rate * seconds;
        long start = System.nanoTime();
        int i = 0;
        while (i < total) {
            long now = System.nanoTime();
            if (now - start > TimeUnit.SECONDS.toNanos(seconds) * 3) {
                return i; // the tool itself cannot keep up
            }
            long due = Math.min(total, (now - start) * rate / 1_000_000_000L + 1);
            for (; i < due; i++) {
                users.get(i % users.size()).send(prefix);
            }
            Thread.sleep(1);
        }
        return total;
    }

    private static long acked(List<User> users) {
        return users.stream().mapToLong(u -> u.ackCount).sum();
    }

    private static long delivered(List<User> users) {
        return users.stream().mapToLong(u -> u.deliveredCount).sum();
    }

    private static long errors(List<User> users) {
        return users.stream().mapToLong(u -> u.errorCount).sum();
    }

    private static String firstError(List<User> users) {
        return users.stream().map(u -> u.firstError).filter(e -> e != null).findFirst().orElse("-").replace(',', ';');
    }

    // ---- what the server and PostgreSQL say ----

    /** The writer's counts from /health/live ("message-writer"), empty when the server has none. */
    private Map<String, Long> writerCounts() {
        var counts = new HashMap<String, Long>();
        try {
            // The server's root, whatever the deployment's context path.
            HttpResponse<String> answer = bench.get("/health/live", null);
            var checks = Bench.json(answer.body()).getJsonArray("checks");
            for (var check : checks.getValuesAs(jakarta.json.JsonObject.class)) {
                if ("message-writer".equals(check.getString("name")) && check.containsKey("data")) {
                    check.getJsonObject("data").forEach((k, v) -> {
                        // Payara writes the data's numbers as strings.
                        if (v instanceof jakarta.json.JsonNumber n) {
                            counts.put(k, n.longValue());
                        } else if (v instanceof jakarta.json.JsonString text && text.getString().matches("-?\\d{1,18}")) {
                            counts.put(k, Long.parseLong(text.getString()));
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            System.err.println("direct: no writer counts from /health/live: " + e);
        }
        return counts;
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        var result = new HashMap<String, Long>();
        after.forEach((k, v) -> result.put(k, k.startsWith("max") ? v : v - before.getOrDefault(k, 0L)));
        return result;
    }

    /** Transactions committed in the server's database (pg_stat_database; updated within a second). */
    private long pgCommits() {
        try (var c = bench.database(); var s = c.createStatement();
                var rows = s.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
            return rows.next() ? rows.getLong(1) : -1;
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    /** CPU seconds of every process named postgres (the postmaster's also counts its ended children). */
    static double postgresCpuSeconds() {
        double total = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (var proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    if (!stat.contains("(postgres)")) {
                        continue;
                    }
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // utime, stime, cutime, cstime: fields 14–17 of the line
                    total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                            + Long.parseLong(fields[14])) / 100.0;
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    private static double toolCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(-1.0);
    }

    // ---- seeding ----

    /**
     * Users direct-000001 … direct-(2P) with the password hash the server made for a registered user, members of
     * general, each with a fresh token; users 2k-1 and 2k share a direct room (created as the server creates one:
     * kind direct, direct_key "smallerId:largerId", both members).
     */
    private List<User> seed(int pairs) throws Exception {
        var template = bench.users("crowdtpl", 1).get(0);
        var secretBytes = new byte[18];
        new SecureRandom().nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes) + ".";
        var rooms = new long[pairs + 1];
        try (var c = bench.database()) {
            c.setAutoCommit(false);
            try (var s = c.prepareStatement("""
                    INSERT INTO users (login, display_name, password_hash)
                    SELECT 'direct-' || lpad(g::text, 6, '0'), 'Direct ' || lpad(g::text, 6, '0'), u.password_hash
                      FROM generate_series(1, ?) g, users u WHERE u.login = ?
                    ON CONFLICT (login) DO NOTHING""")) {
                s.setInt(1, 2 * pairs);
                s.setString(2, template.login());
                s.executeUpdate();
            }
            try (var s = c.createStatement()) {
                s.executeUpdate("""
                        INSERT INTO memberships (room_id, user_id)
                        SELECT r.id, u.id FROM rooms r, users u WHERE r.kind = 'global' AND u.login LIKE 'direct-%'
                        ON CONFLICT DO NOTHING""");
                s.executeUpdate("DELETE FROM api_tokens WHERE user_id IN (SELECT id FROM users WHERE login LIKE 'direct-%')");
            }
            String pairsOf = """
                    FROM generate_series(1, ?) k
                    JOIN users a ON a.login = 'direct-' || lpad((2 * k - 1)::text, 6, '0')
                    JOIN users b ON b.login = 'direct-' || lpad((2 * k)::text, 6, '0')""";
            try (var s = c.prepareStatement("INSERT INTO rooms (name, kind, direct_key) SELECT 'direct', 'direct', "
                    + "least(a.id, b.id) || ':' || greatest(a.id, b.id) " + pairsOf
                    + " ON CONFLICT (direct_key) WHERE direct_key IS NOT NULL DO NOTHING")) {
                s.setInt(1, pairs);
                s.executeUpdate();
            }
            try (var s = c.prepareStatement("INSERT INTO memberships (room_id, user_id) SELECT r.id, x.id " + pairsOf
                    + " JOIN rooms r ON r.direct_key = least(a.id, b.id) || ':' || greatest(a.id, b.id)"
                    + " CROSS JOIN LATERAL (VALUES (a.id), (b.id)) x(id) ON CONFLICT DO NOTHING")) {
                s.setInt(1, pairs);
                s.executeUpdate();
            }
            try (var s = c.prepareStatement("SELECT k, r.id " + pairsOf
                    + " JOIN rooms r ON r.direct_key = least(a.id, b.id) || ':' || greatest(a.id, b.id)")) {
                s.setInt(1, pairs);
                try (var rows = s.executeQuery()) {
                    while (rows.next()) {
                        rooms[rows.getInt(1)] = rows.getLong(2);
                    }
                }
            }
            try (var s = c.prepareStatement("""
                    INSERT INTO api_tokens (token_hash, user_id, expires_at)
                    SELECT encode(sha256(convert_to(? || u.login, 'UTF8')), 'hex'), u.id, now() + interval '1 day'
                      FROM users u WHERE u.login LIKE 'direct-%' AND u.login <= ?""")) {
                s.setString(1, secret);
                s.setString(2, login(2 * pairs));
                s.executeUpdate();
            }
            c.commit();
        }
        var users = new ArrayList<User>(2 * pairs);
        for (int i = 1; i <= 2 * pairs; i++) {
            users.add(new User(this, i - 1, login(i), secret + login(i), rooms[(i + 1) / 2]));
        }
        for (int k = 0; k < pairs; k++) {
            users.get(2 * k).partner = users.get(2 * k + 1);
            users.get(2 * k + 1).partner = users.get(2 * k);
        }
        return users;
    }

    private static String login(int i) {
        return String.format("direct-%06d", i);
    }

    // ---- one person ----

    /**
     * One user's socket. Frames arrive on its client's selector thread; sends come from the driving thread.
     * Counts and marks are guarded by the user's lock (uncontended but for the final count).
     */
    static final class User implements LeanWebSockets.Listener {
        private final Direct direct;
        private final int index;
        private final String login;
        private final String token;
        private final long room;
        private final String messagePrefix;
        User partner;
        private volatile LeanWebSockets.Conn conn;
        private int next;
        /** Numbers of this user's messages acked in the counted run, and of the partner's received. */
        final BitSet acked = new BitSet();
        final BitSet received = new BitSet();
        volatile long ackCount;
        volatile long deliveredCount;
        volatile long errorCount;
        volatile String firstError;
        long duplicates;
        long[] latencies = new long[256];
        int count;

        User(Direct direct, int index, String login, String token, long room) {
            this.direct = direct;
            this.index = index;
            this.login = login;
            this.token = token;
            this.room = room;
            this.messagePrefix = "{\"type\":\"message\",\"room\":" + room + ",";
        }

        void connect() {
            var client = direct.clients.get(index % CLIENTS);
            // A source address of its own, as different people have (LoopbackHttp's range 127.77.x.y).
            conn = client.connect(token, this, LoopbackHttp.address(index));
        }

        void close() {
            var c = conn;
            if (c != null) {
                c.close();
            }
        }

        /** The next message to the partner: its number in the clientId, the send time in the text. */
        void send(String prefix) {
            int n = next++;
            conn.sendText("{\"type\":\"send\",\"room\":" + room + ",\"clientId\":\"" + prefix + n + "\",\"text\":\"direct "
                    + System.nanoTime() + "\"}");
        }

        @Override
        public void onOpen(LeanWebSockets.Conn c) {
        }

        @Override
        public void onText(LeanWebSockets.Conn c, String frame) {
            long now = System.nanoTime();
            if (frame.startsWith(messagePrefix)) {
                String author = field(frame, "\"author\":\"");
                String clientId = field(frame, "\"clientId\":\"");
                String counted = "d" + direct.run + "-";
                if (author == null || !author.equals(partner.login) || clientId == null || !clientId.startsWith(counted)) {
                    return; // our own message echoed to our socket, or the warm-up's
                }
                int n = Integer.parseInt(clientId.substring(counted.length()));
                long sentAt = Long.parseLong(field(frame, "\"text\":\"direct "));
                synchronized (this) {
                    if (received.get(n)) {
                        duplicates++;
                        return;
                    }
                    received.set(n);
                    deliveredCount++;
                    if (count == latencies.length) {
                        latencies = java.util.Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = now - sentAt;
                }
            } else if (frame.startsWith("{\"type\":\"ack\"")) {
                String clientId = field(frame, "\"clientId\":\"");
                String counted = "d" + direct.run + "-";
                if (clientId != null && clientId.startsWith(counted)) {
                    synchronized (this) {
                        acked.set(Integer.parseInt(clientId.substring(counted.length())));
                        ackCount++;
                    }
                }
            } else if (frame.startsWith("{\"type\":\"error\"")) {
                synchronized (this) {
                    errorCount++;
                    if (firstError == null) {
                        firstError = frame.length() > 160 ? frame.substring(0, 160) : frame;
                    }
                }
            } else if (frame.startsWith("{\"type\":\"hello\"")) {
                direct.opened.incrementAndGet();
            }
        }

        private static String field(String frame, String marker) {
            int start = frame.indexOf(marker);
            if (start < 0) {
                return null;
            }
            start += marker.length();
            return frame.substring(start, frame.indexOf('"', start));
        }

        @Override
        public void onClosed(LeanWebSockets.Conn c, int code, String reason) {
            direct.closes.merge(code, 1, Integer::sum);
        }

        @Override
        public void onRefused(LeanWebSockets.Conn c, int status, long retryAfterSeconds) {
            if (status == 503) {
                // Too many arriving at once: come back as the server asks.
                direct.refused.incrementAndGet();
                direct.retries.schedule(this::connect, Math.max(1, retryAfterSeconds), TimeUnit.SECONDS);
            } else {
                direct.failures.merge("HTTP " + status, 1, Integer::sum);
            }
        }

        @Override
        public void onFailed(LeanWebSockets.Conn c, String why) {
            direct.failures.merge(why, 1, Integer::sum);
        }
    }
}
