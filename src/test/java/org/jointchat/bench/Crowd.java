package org.jointchat.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Crowds of different people: N distinct users (seeded by SQL with real password hashes and tokens), one
 * socket each, arriving at R per second and held. {@code crowd} measures arrivals; {@code reconnect}
 * restarts the server under them and measures how long until everyone is back and synced. The clients
 * behave like the chat page: they watch a few users' presence and the online count of general, and
 * reconnect with jittered exponential backoff, honouring Retry-After when the server is full.
 */
final class Crowd {

    private static final int CLIENTS = 2;
    private static final long BACKOFF_CAP_MILLIS = 10_000;
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern RETRY_AFTER = Pattern.compile("retry after (\\d+) s(?: within (\\d+) s)?");

    private final Bench bench;
    private final List<LeanWebSockets> clients = new ArrayList<>();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
        var t = new Thread(r, "crowd-timer");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<Integer, Integer> closeCodes = new ConcurrentHashMap<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger synced = new AtomicInteger();
    private final AtomicLong lastHelloNanos = new AtomicLong();
    private final AtomicLong lastSyncedNanos = new AtomicLong();
    private volatile boolean reconnecting;
    /** Per closed socket, the wait from its close to its next hello (ms), while reconnecting (issue 24, item 4). */
    private final java.util.Queue<Long> waitsMillis = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Handshakes refused 401 or sockets closed 1008 while reconnecting: a person signed out by the restart. */
    private final AtomicInteger signedOut = new AtomicInteger();
    /** Messages sent while restarting (reconnect --traffic), or null. */
    private volatile RollingTraffic traffic;
    private volatile long deadlineNanos = Long.MAX_VALUE;

    Crowd(Bench bench) throws IOException {
        this.bench = bench;
        for (int i = 0; i < CLIENTS; i++) {
            // A lean client: the JDK's spends ~3 ms of CPU per handshake, on the machine the server runs on.
            clients.add(new LeanWebSockets(bench.wsUri(i), "crowd-io-" + i) // spread over --sockets
                    .withTickets(Boolean.parseBoolean(bench.option("ticket", "false")))); // issue 24: --ticket true
        }
    }

    private void closeClients() {
        clients.forEach(LeanWebSockets::close);
    }

    /** N users arriving at R/s, each watching K others and general's online count; held for H s. */
    Bench.Result crowd(int users, int rate, int watch, int holdSeconds) throws Exception {
        var seeded = seed(users);
        var server = bench.server();
        gc(server);
        long heap0 = heapUsedKb(server);
        long rss0 = server.rssKb();
        var members = arrive(seeded, rate, watch);
        try {
            long start = members.startNanos;
            double cpu0 = members.cpuAtStart;
            awaitAll(members.list, start);
            long end = lastHelloNanos.get() == 0 ? System.nanoTime() : lastHelloNanos.get();
            double cpu = server.cpuSeconds() - cpu0;
            double clientCpu = clientCpuSeconds() - members.clientCpuAtStart;
            double arrivalSeconds = Math.max(0.001, (end - start) / 1e9);
            long framesDuring = 0;
            long presenceMax = 0;
            double presenceRateMax = 0;
            long minGap = Long.MAX_VALUE;
            for (var m : members.list) {
                framesDuring += m.frames.get();
                presenceMax = Math.max(presenceMax, m.presenceFrames.get());
                minGap = Math.min(minGap, m.minPresenceGapNanos);
                if (m.helloNanos > 0) {
                    double heldSeconds = Math.max(1, (end - m.helloNanos) / 1e9);
                    // The first presence frame answers the watch frame; changes come after it, coalesced.
                    presenceRateMax = Math.max(presenceRateMax, Math.max(0, m.presenceFrames.get() - 1) / Math.max(2, heldSeconds));
                }
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(holdSeconds));
            long rss1 = server.rssKb();
            gc(server);
            long heap1 = heapUsedKb(server);
            long rssAfterGc = server.rssKb();
            int open = (int) members.list.stream().filter(Member::isOpen).count();
            int ok = connected.get();
            return bench.record(new Bench.Result("crowd", Map.of("users", users, "rate", rate, "watch", watch), Bench.metrics(
                    "connected", ok, "open_after_hold", open, "failed", users - ok, "failures", failures.toString().replace(',', ';'),
                    "refused_503", refused.get(), "attempts", attempts.get(),
                    "arrival_s", Bench.round(arrivalSeconds), "arrivals_per_s", Math.round(ok / arrivalSeconds),
                    "server_cpu_s", Bench.round(cpu), "cpu_ms_per_arrival", ok == 0 ? -1 : Bench.round(cpu * 1000 / ok),
                    "client_cpu_s", Bench.round(clientCpu),
                    "frames_per_socket_mean", ok == 0 ? 0 : Bench.round(framesDuring / (double) ok),
                    "presence_frames_per_socket_max", presenceMax, "presence_frames_per_socket_per_s_max", Bench.round(presenceRateMax),
                    "presence_min_gap_ms", minGap == Long.MAX_VALUE ? -1 : minGap / 1_000_000,
                    "rss_per_user_kb", ok == 0 || rss0 < 0 ? -1 : Math.round((rss1 - rss0) / (double) ok),
                    "rss_per_user_after_gc_kb", ok == 0 || rss0 < 0 ? -1 : Math.round((rssAfterGc - rss0) / (double) ok),
                    "heap_per_user_after_gc_kb", ok == 0 || heap0 < 0 ? -1 : Bench.round((heap1 - heap0) / (double) ok),
                    "server_rss_mb", rss1 / 1024)));
        } finally {
            members.list.forEach(Member::close);
            Thread.sleep(500);
            closeClients();
        }
    }

    /**
     * N users connected, then the server restarted by a command; the time until all are back and synced. With
     * traffic > 0, rooms of the crowd chat at that many messages a second throughout (a rolling restart of a
     * cluster: issue 24, item 4), and what was sent must all be acked in the end.
     */
    Bench.Result reconnect(int users, int rate, String restartCommand, int trafficRate) throws Exception {
        var seeded = seed(users);
        if (trafficRate > 0) {
            traffic = new RollingTraffic();
            try (var c = bench.database()) {
                traffic.seedRooms(c, users);
            }
        }
        var members = arrive(seeded, rate, 5);
        try {
            awaitAll(members.list, members.startNanos);
            int before = connected.get();
            if (traffic != null) {
                traffic.start(members.list, trafficRate);
                Thread.sleep(3000); // traffic flowing before the restart
            }
            synced.set(0);
            reconnecting = true;
            long t0 = System.nanoTime();
            deadlineNanos = t0 + TimeUnit.SECONDS.toNanos(600);
            var log = Path.of("target", "bench", "restart.log");
            Files.createDirectories(log.getParent());
            var restart = new ProcessBuilder("bash", "-c", restartCommand).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean restarted = restart.waitFor(480, TimeUnit.SECONDS) && restart.exitValue() == 0;
            double restartSeconds = (System.nanoTime() - t0) / 1e9;
            // Back: every member synced since the restart began, and open again since its last close.
            while ((synced.get() < before || members.list.stream().anyMatch(Member::awaitingReturn)) && System.nanoTime() < deadlineNanos) {
                Thread.sleep(100);
            }
            double backSeconds = synced.get() == 0 ? -1 : (Math.max(lastSyncedNanos.get(), lastHelloNanos.get()) - t0) / 1e9;
            if (traffic != null) {
                long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                Thread.sleep(2000);
                traffic.stop();
                while (!traffic.settled() && System.nanoTime() < drainUntil + TimeUnit.SECONDS.toNanos(15)) {
                    Thread.sleep(100);
                }
            }
            var waits = waitsMillis.stream().mapToLong(Long::longValue).sorted().toArray();
            var metrics = new ArrayList<Object>(List.of(
                    "connected_before", before, "restart_ok", restarted ? 1 : 0, "restart_command_s", Bench.round(restartSeconds),
                    "back_and_synced", synced.get(), "failed", before - synced.get(), "all_back_s", Bench.round(backSeconds),
                    "signed_out", signedOut.get(), "reconnects", waits.length,
                    "wait_p50_s", waits.length == 0 ? -1 : Bench.round(waits[waits.length / 2] / 1000.0),
                    "wait_p99_s", waits.length == 0 ? -1 : Bench.round(waits[Math.min(waits.length - 1, (int) (waits.length * 0.99))] / 1000.0),
                    "wait_max_s", waits.length == 0 ? -1 : Bench.round(waits[waits.length - 1] / 1000.0),
                    "refused_503", refused.get(), "attempts", attempts.get(), "failures", failures.toString().replace(',', ';'),
                    "close_codes", closeCodes.toString().replace(',', ';')));
            if (traffic != null) {
                metrics.addAll(List.of(traffic.metrics()));
            }
            var params = new java.util.LinkedHashMap<String, Object>(Map.of("users", users, "rate", rate));
            if (trafficRate > 0) {
                params.put("traffic", trafficRate);
            }
            return bench.record(new Bench.Result("reconnect", params, Bench.metrics(metrics.toArray())));
        } finally {
            reconnecting = false;
            if (traffic != null) {
                traffic.stop();
            }
            members.list.forEach(Member::close);
            Thread.sleep(500);
            closeClients();
        }
    }

    // ---- seeding ----

    private record Seeded(List<String> logins, List<String> tokens, long general) {
    }

    /**
     * Users crowd-000001 … with the password hash the server made for a registered user (the product's real
     * cost, never lowered), members of general, each with a fresh token known only to this run.
     */
    private Seeded seed(int users) throws Exception {
        var template = bench.users("crowdtpl", 1).get(0);
        var secretBytes = new byte[18];
        new SecureRandom().nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes) + ".";
        long general;
        try (var c = bench.database()) {
            c.setAutoCommit(false);
            String hash;
            try (var s = c.prepareStatement("SELECT password_hash FROM users WHERE login = ?")) {
                s.setString(1, template.login());
                try (var rows = s.executeQuery()) {
                    rows.next();
                    hash = rows.getString(1);
                }
            }
            try (var s = c.prepareStatement("""
                    INSERT INTO users (login, display_name, password_hash)
                    SELECT 'crowd-' || lpad(g::text, 6, '0'), 'Crowd ' || lpad(g::text, 6, '0'), ? FROM generate_series(1, ?) g
                    ON CONFLICT (login) DO NOTHING""")) {
                s.setString(1, hash);
                s.setInt(2, users);
                s.executeUpdate();
            }
            try (var s = c.createStatement()) {
                s.executeUpdate("""
                        INSERT INTO memberships (room_id, user_id)
                        SELECT r.id, u.id FROM rooms r, users u WHERE r.kind = 'global' AND u.login LIKE 'crowd-%'
                        ON CONFLICT DO NOTHING""");
                s.executeUpdate("DELETE FROM api_tokens WHERE user_id IN (SELECT id FROM users WHERE login LIKE 'crowd-%')");
            }
            try (var s = c.prepareStatement("""
                    INSERT INTO api_tokens (token_hash, user_id, expires_at)
                    SELECT encode(sha256(convert_to(? || u.login, 'UTF8')), 'hex'), u.id, now() + interval '1 day'
                      FROM users u WHERE u.login LIKE 'crowd-%' AND u.login <= ?""")) {
                s.setString(1, secret);
                s.setString(2, login(users));
                s.executeUpdate();
            }
            try (var s = c.prepareStatement("SELECT id FROM rooms WHERE kind = 'global' ORDER BY id LIMIT 1");
                    var rows = s.executeQuery()) {
                rows.next();
                general = rows.getLong(1);
            }
            c.commit();
        }
        var logins = new ArrayList<String>(users);
        var tokens = new ArrayList<String>(users);
        for (int i = 1; i <= users; i++) {
            logins.add(login(i));
            tokens.add(secret + login(i));
        }
        return new Seeded(logins, tokens, general);
    }

    private static String login(int i) {
        return String.format("crowd-%06d", i);
    }

    // ---- arrivals ----

    private record Arrival(List<Member> list, long startNanos, double cpuAtStart, double clientCpuAtStart) {
    }

    /** CPU used by this load tool so far: it shares the machine with the server. */
    private static double clientCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(-1.0);
    }

    private Arrival arrive(Seeded seeded, int rate, int watch) throws InterruptedException {
        var random = new Random(7);
        var list = new ArrayList<Member>(seeded.logins().size());
        for (int i = 0; i < seeded.logins().size(); i++) {
            var watched = new StringBuilder("{\"type\":\"watch\",\"room\":").append(seeded.general()).append(",\"logins\":[");
            for (int k = 0; k < Math.min(watch, seeded.logins().size()); k++) {
                watched.append(k == 0 ? "\"" : ",\"").append(seeded.logins().get(random.nextInt(seeded.logins().size()))).append('"');
            }
            list.add(new Member(this, clients.get(i % CLIENTS), seeded.tokens().get(i), watched.append("]}").toString(),
                    seeded.general()));
        }
        connected.set(0);
        lastHelloNanos.set(0);
        double cpu0 = bench.server().cpuSeconds();
        double clientCpu0 = clientCpuSeconds();
        long start = System.nanoTime();
        deadlineNanos = start + TimeUnit.SECONDS.toNanos(list.size() / Math.max(1, rate) + 120);
        long interval = TimeUnit.SECONDS.toNanos(1) / Math.max(1, rate);
        for (int i = 0; i < list.size(); i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            list.get(i).connect();
        }
        return new Arrival(list, start, cpu0, clientCpu0);
    }

    private void awaitAll(List<Member> list, long start) throws InterruptedException {
        while (connected.get() < list.size() && System.nanoTime() < deadlineNanos) {
            Thread.sleep(50);
        }
    }

    void failed(String why) {
        failures.merge(why, 1, Integer::sum);
    }

    // ---- the server's memory ----

    private static void gc(ServerProcess server) {
        jcmd(server, "GC.run");
    }

    /** Heap in use (KB) as jcmd GC.heap_info reports it, summed over the instances, or -1. */
    private static long heapUsedKb(ServerProcess server) {
        long total = 0;
        for (long pid : server.pids()) {
            var matcher = USED.matcher(jcmd(pid, "GC.heap_info"));
            if (!matcher.find()) {
                return -1;
            }
            total += Long.parseLong(matcher.group(1));
        }
        return server.pids().isEmpty() ? -1 : total;
    }

    private static String jcmd(ServerProcess server, String command) {
        var out = new StringBuilder();
        server.pids().forEach(pid -> out.append(jcmd(pid, command)));
        return out.toString();
    }

    private static String jcmd(long pid, String command) {
        try {
            var process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    // ---- one person ----

    /** One user's socket, counting what it receives; reconnects like the chat page while the crowd says so. */
    static final class Member implements LeanWebSockets.Listener {
        private final Crowd crowd;
        private final LeanWebSockets client;
        private final String token;
        private final String watchFrame;
        private final long general;
        final AtomicInteger frames = new AtomicInteger();
        final AtomicInteger presenceFrames = new AtomicInteger();
        /** The shortest time between two presence frames after the answer to watch (coalescing says ≥ ~1 s). */
        volatile long minPresenceGapNanos = Long.MAX_VALUE;
        private long lastPresenceNanos;
        private volatile LeanWebSockets.Conn conn;
        private volatile long helloNanos;
        private volatile long lastSeq = -1;
        private long backoffMillis = 1000;
        private volatile boolean done;
        private volatile boolean everConnected;
        private volatile boolean syncedAfterRestart;
        /** When the socket closed while reconnecting, until its next hello (0: not waiting). */
        private volatile long closedAtNanos;

        Member(Crowd crowd, LeanWebSockets client, String token, String watchFrame, long general) {
            this.crowd = crowd;
            this.client = client;
            this.token = token;
            this.watchFrame = watchFrame;
            this.general = general;
        }

        void connect() {
            if (done || System.nanoTime() > crowd.deadlineNanos) {
                return;
            }
            crowd.attempts.incrementAndGet();
            conn = client.connect(token, this);
        }

        private void retryWithBackoff() {
            long delay = Math.round(backoffMillis * (0.5 + ThreadLocalRandom.current().nextDouble()));
            backoffMillis = Math.min(backoffMillis * 2, BACKOFF_CAP_MILLIS);
            retry(delay);
        }

        private void retry(long delayMillis) {
            if (!done) {
                crowd.timers.schedule(this::connect, delayMillis, TimeUnit.MILLISECONDS);
            }
        }

        /** Closed by the restart and not greeted again yet. */
        boolean awaitingReturn() {
            return closedAtNanos != 0;
        }

        /** Sends a frame now when connected; false when not. */
        boolean send(String frame) {
            var c = conn;
            if (c != null && c.isOpen()) {
                c.sendText(frame);
                return true;
            }
            return false;
        }

        void sendLater(String frame, long delayMillis) {
            crowd.timers.schedule(() -> send(frame), delayMillis, TimeUnit.MILLISECONDS);
        }

        boolean isOpen() {
            var c = conn;
            return c != null && c.isOpen();
        }

        void close() {
            done = true;
            var c = conn;
            if (c != null) {
                c.close();
            }
        }

        @Override
        public void onOpen(LeanWebSockets.Conn c) {
        }

        @Override
        public void onText(LeanWebSockets.Conn c, String frame) {
            frames.incrementAndGet();
            var traffic = crowd.traffic;
            if (traffic != null && (frame.startsWith("{\"type\":\"ack\"") || frame.startsWith("{\"type\":\"error\""))) {
                traffic.received(this, frame);
            }
            if (frame.startsWith("{\"type\":\"presence\"")) {
                long now = System.nanoTime();
                presenceFrames.incrementAndGet();
                if (!frame.startsWith("{\"type\":\"presence\",\"all\":true")) { // not the answer to watch
                    if (lastPresenceNanos != 0) {
                        minPresenceGapNanos = Math.min(minPresenceGapNanos, now - lastPresenceNanos);
                    }
                    lastPresenceNanos = now;
                }
            } else if (frame.startsWith("{\"type\":\"hello\"")) {
                backoffMillis = 1000;
                long now = System.nanoTime();
                if (!everConnected) {
                    everConnected = true;
                    helloNanos = now;
                    lastSeq = lastSeqOfGeneral(frame);
                    crowd.connected.incrementAndGet(); // distinct people, not connections
                    crowd.lastHelloNanos.accumulateAndGet(now, Math::max);
                }
                c.sendText(watchFrame);
                long closedAt = closedAtNanos;
                if (closedAt != 0) {
                    crowd.waitsMillis.add((now - closedAt) / 1_000_000);
                    crowd.lastHelloNanos.accumulateAndGet(now, Math::max);
                    closedAtNanos = 0;
                }
                if (traffic != null) {
                    traffic.greeted(this);
                }
                if (crowd.reconnecting) {
                    c.sendText("{\"type\":\"sync\",\"room\":" + general + ",\"afterSeq\":" + Math.max(0, lastSeq) + "}");
                }
            } else if (frame.startsWith("{\"type\":\"synced\"")) {
                if (crowd.reconnecting && !syncedAfterRestart) {
                    syncedAfterRestart = true;
                    crowd.synced.incrementAndGet();
                    crowd.lastSyncedNanos.accumulateAndGet(System.nanoTime(), Math::max);
                }
            }
        }

        private long lastSeqOfGeneral(String hello) {
            try (var reader = Bench.JSON.createReader(new StringReader(hello))) {
                return reader.readObject().getJsonArray("rooms").getValuesAs(jakarta.json.JsonObject.class).stream()
                        .filter(r -> r.getJsonNumber("id").longValue() == general).findFirst()
                        .map(r -> r.getJsonNumber("lastSeq").longValue()).orElse(0L);
            }
        }

        @Override
        public void onClosed(LeanWebSockets.Conn c, int code, String reason) {
            if (!done) {
                crowd.closeCodes.merge(code, 1, Integer::sum);
                if (!crowd.reconnecting) {
                    crowd.failed("closed by server (" + code + ")");
                } else if (closedAtNanos == 0) {
                    closedAtNanos = System.nanoTime();
                }
                if (crowd.reconnecting && code == 1008) {
                    crowd.signedOut.incrementAndGet();
                }
                var restart = RETRY_AFTER.matcher(reason);
                if (code == 1012 && restart.find()) {
                    // The server is restarting: as the chat page does, come back after N to N+M seconds ("within M s";
                    // without it N to 2N).
                    long seconds = Long.parseLong(restart.group(1));
                    long within = restart.group(2) == null ? seconds : Long.parseLong(restart.group(2));
                    retry(Math.round((seconds + within * ThreadLocalRandom.current().nextDouble()) * 1000));
                } else {
                    retryWithBackoff();
                }
            }
        }

        @Override
        public void onRefused(LeanWebSockets.Conn c, int status, long retryAfterSeconds) {
            if (status == 503) {
                crowd.refused.incrementAndGet();
                retry(Math.round(Math.max(1, retryAfterSeconds) * 1000 * (0.5 + ThreadLocalRandom.current().nextDouble())));
            } else {
                if (!crowd.reconnecting) {
                    crowd.failed("HTTP " + status);
                } else if (status == 401) {
                    crowd.signedOut.incrementAndGet();
                }
                retryWithBackoff();
            }
        }

        @Override
        public void onFailed(LeanWebSockets.Conn c, String why) {
            if (!crowd.reconnecting) {
                crowd.failed(why);
            }
            retryWithBackoff();
        }
    }
}
