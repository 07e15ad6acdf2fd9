package org.jointchat.bench;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jointchat.support.LoopbackHttp;

/**
 * The {@code flood} scenario: anonymous registrations and sign-ins for logins that do not exist, from ONE client
 * address, at a fixed rate, while the {@code fanout} scenario runs; and the same fan-out without the flood first.
 * It shows what a single hostile client costs everyone else (fan-out p99, losses, server CPU) and how the flood
 * was answered (201 / 401 / 429 / 503 counts). docs/benchmarks.md.
 */
final class Flood {

    private final Bench bench;

    Flood(Bench bench) {
        this.bench = bench;
    }

    Bench.Result flood(int members, int senders, int rate, int seconds, int floodRate, String from) throws Exception {
        var quiet = bench.fanout(members, senders, rate, seconds);
        InetAddress source = InetAddress.getByName(from);
        var answers = new ConcurrentHashMap<String, AtomicInteger>();
        var stop = new AtomicBoolean();
        // Requests go out at the fixed rate whatever the answers take: a flood does not wait for its answers.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(8, floodRate / 5));
        var attacker = new Thread(() -> {
            long start = System.nanoTime();
            long interval = TimeUnit.SECONDS.toNanos(1) / Math.max(1, floodRate);
            // The fan-out's own warm-up and drain around its measured seconds: flood for all of it, bounded.
            long limit = TimeUnit.SECONDS.toNanos(seconds + 60L);
            for (int i = 0; !stop.get() && System.nanoTime() - start < limit; i++) {
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                int n = i;
                pool.execute(() -> answers.computeIfAbsent(attempt(source, n), k -> new AtomicInteger()).incrementAndGet());
            }
        }, "flood");
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        attacker.setName("flood-" + run);
        attacker.start();
        Bench.Result loud;
        try {
            loud = bench.fanout(members, senders, rate, seconds);
        } finally {
            stop.set(true);
            attacker.join(10_000);
            pool.shutdown();
            pool.awaitTermination(90, TimeUnit.SECONDS);
        }
        var answered = new TreeMap<String, Integer>();
        answers.forEach((k, v) -> answered.put(k, v.get()));
        var params = new LinkedHashMap<String, Object>();
        params.put("members", members);
        params.put("rate", rate);
        params.put("seconds", seconds);
        params.put("flood_rate", floodRate);
        params.put("from", from);
        return bench.record(new Bench.Result("flood", params, Bench.metrics(
                "p99_ms_without_flood", quiet.metric("p99_ms"), "p99_ms_with_flood", loud.metric("p99_ms"),
                "lost_without_flood", quiet.metric("lost"), "lost_with_flood", loud.metric("lost"),
                "errors_with_flood", loud.metric("errors"),
                "server_cpu_s_without_flood", quiet.metrics().get("server_cpu_s"),
                "server_cpu_s_with_flood", loud.metrics().get("server_cpu_s"),
                "flood_answers", answered, "setup_busy_retries", bench.busyRetries.get())));
    }

    /** One anonymous request: a registration (even n) or a token for a login that does not exist (odd n). */
    private String attempt(InetAddress source, int n) {
        try {
            String login = "flood" + Long.toString(System.nanoTime(), 36);
            var answer = n % 2 == 0
                    ? LoopbackHttp.post(source, bench.base(), "api/v1/accounts",
                            "{\"login\":\"" + login + "\",\"displayName\":\"Flood\",\"password\":\"flood password 1\"}")
                    : LoopbackHttp.post(source, bench.base(), "api/v1/tokens",
                            "{\"login\":\"" + login + "\",\"password\":\"flood password 1\"}");
            return (n % 2 == 0 ? "register_" : "token_") + answer.status();
        } catch (Exception e) {
            return (n % 2 == 0 ? "register_" : "token_") + "failed";
        }
    }
}
