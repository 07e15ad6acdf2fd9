package org.jointchat.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
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
    private static final Logger LOG = Logger.getLogger(SendRateLimiter.class.getName());

    @Inject
    Cluster cluster;

    private final SlidingWindow sends = new SlidingWindow();
    private final SlidingWindow lookups = new SlidingWindow();

    /** Counts one send for the user; false when it is over the limit (then it is not counted). */
    public boolean tryAcquire(long userId) {
        if (cluster.enabled()) {
            try {
                return cluster.tryAcquireShared(SHARED, userId, maxMessages, window);
            } catch (RuntimeException gridTroubles) {
                // The data grid is rearranging itself (an instance just died): this instance's own count meanwhile.
                LOG.log(Level.FINE, "Shared send window unavailable", gridTroubles);
            }
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
            try {
                cluster.refundShared(SHARED, userId);
                return;
            } catch (RuntimeException gridTroubles) {
                LOG.log(Level.FINE, "Shared send window unavailable", gridTroubles);
            }
        }
        sends.refundLast(userId);
    }

    /** Forgets users whose window is empty, so the map does not grow with every user ever seen. */
    public void forgetIdle() {
        sends.forgetIdle(window);
        lookups.forgetIdle(window);
        if (cluster.enabled()) {
            try {
                cluster.forgetIdleShared(SHARED, window);
            } catch (RuntimeException gridTroubles) {
                LOG.log(Level.FINE, "Shared send window unavailable", gridTroubles);
            }
        }
    }
}
