package org.jointchat.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides at the handshake whether one more socket may open now. When a crowd arrives faster than the
 * server takes it (a restart brings everyone back at once), the surplus is told at once to come back
 * later (503 with a jittered Retry-After) instead of waiting in a queue until their connects time out.
 * Two limits: a rate of handshakes (a token bucket) and a cap on open sockets (open files are finite).
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
    ConnectionRegistry connections;

    private double tokens = -1;
    private long refilledAt;

    /** True when one more handshake may proceed now. */
    public boolean tryAdmit() {
        if (connections.count() >= maxConnections) {
            return false;
        }
        return takeToken();
    }

    private synchronized boolean takeToken() {
        long now = System.nanoTime();
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
