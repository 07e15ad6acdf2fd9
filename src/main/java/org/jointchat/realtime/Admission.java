package org.jointchat.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides at the handshake whether one more socket may open now. When a crowd arrives faster than the
 * server takes it (a restart brings everyone back at once), the surplus is told at once to come back
 * later (503 with a jittered Retry-After) instead of waiting in a queue until their connects time out.
 * Three limits: handshakes in progress at once (when the CPU cannot keep up, each takes longer and more
 * are in progress: the limit then refuses the surplus cheaply, so the queue drains instead of timing out),
 * a rate of handshakes (a token bucket), and a cap on open sockets (open files are finite).
 */
@ApplicationScoped
public class Admission {

    @Inject
    @ConfigProperty(name = "jointchat.ws.admission-rate", defaultValue = "1000")
    int ratePerSecond;

    @Inject
    @ConfigProperty(name = "jointchat.ws.max-connections", defaultValue = "19500")
    int maxConnections;

    @Inject
    @ConfigProperty(name = "jointchat.ws.max-concurrent-handshakes", defaultValue = "0")
    int maxConcurrent;

    @Inject
    ConnectionRegistry connections;

    private final java.util.concurrent.atomic.AtomicInteger inProgress = new java.util.concurrent.atomic.AtomicInteger();

    /** The clock of the token bucket; a test sets its own so that a slow machine cannot refill it mid-burst. */
    java.util.function.LongSupplier nanoClock = System::nanoTime;

    private double tokens = -1;
    private long refilledAt;

    /** True when one more handshake may proceed now; then {@link #done()} must follow when it has. */
    public boolean tryAdmit() {
        int limit = maxConcurrent > 0 ? maxConcurrent : 4 * Runtime.getRuntime().availableProcessors();
        if (inProgress.incrementAndGet() > limit) {
            inProgress.decrementAndGet();
            return false;
        }
        if (connections.count() >= maxConnections || !takeToken()) {
            inProgress.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Handshakes admitted per second at most (the restart hint spreads returns over as long as that needs). */
    int ratePerSecond() {
        return Math.max(1, ratePerSecond);
    }

    /** An admitted handshake has finished (upgraded or not). */
    public void done() {
        inProgress.decrementAndGet();
    }

    private synchronized boolean takeToken() {
        long now = nanoClock.getAsLong();
        double burst = Math.max(1, ratePerSecond / 5.0); // a fifth of a second's worth at once
        if (tokens < 0) {
            tokens = burst;
        } else {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * ratePerSecond);
        }
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Seconds to wait before trying again: spread out, so that the refused do not return all at once. */
    public int retryAfterSeconds() {
        return 1 + ThreadLocalRandom.current().nextInt(connections.count() >= maxConnections ? 30 : 5);
    }
}
