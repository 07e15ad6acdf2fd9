package org.jointchat.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.platform.Cluster;
import org.jointchat.platform.SlidingWindow;

/**
 * At most N messages per user within a sliding window (default 20 per 10 s), across all the user's connections;
 * in a cluster, across all instances (a window shared through the data grid).
 */
@ApplicationScoped
public class SendRateLimiter {

    @Inject
    @ConfigProperty(name = "jointchat.chat.rate.messages", defaultValue = "20")
    int maxMessages;

    @Inject
    @ConfigProperty(name = "jointchat.chat.rate.window", defaultValue = "PT10S")
    Duration window;

    /** Resends looked up in the store per window, beyond the limit, as a multiple of the limit. */
    static final int LOOKUPS_PER_LIMIT = 5;

    private static final String SHARED = "send-rate";

    @Inject
    Cluster cluster;

    private final SlidingWindow sends = new SlidingWindow();
    private final SlidingWindow lookups = new SlidingWindow();

    /** Counts one send for the user; false when it is over the limit (then it is not counted). */
    public boolean tryAcquire(long userId) {
        if (cluster.enabled()) {
            return cluster.tryAcquireShared(SHARED, userId, maxMessages, window);
        }
        return sends.tryAcquire(userId, maxMessages, window);
    }

    /**
     * Over the limit, a send may still be a resend of a stored message (answered from the store, free); this
     * bounds how often a user can make the server look, so that a flood of sends costs no database work.
     */
    public boolean tryAcquireLookup(long userId) {
        return lookups.tryAcquire(userId, maxMessages * LOOKUPS_PER_LIMIT, window);
    }

    /** Gives back the send counted last (a resend that turned out to be stored already costs nothing). */
    public void refund(long userId) {
        if (cluster.enabled()) {
            cluster.refundShared(SHARED, userId);
            return;
        }
        sends.refundLast(userId);
    }

    /** Forgets users whose window is empty, so the map does not grow with every user ever seen. */
    public void forgetIdle() {
        sends.forgetIdle(window);
        lookups.forgetIdle(window);
        if (cluster.enabled()) {
            cluster.forgetIdleShared(SHARED, window);
        }
    }
}
