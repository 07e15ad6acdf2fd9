package org.jointchat.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** At most N messages per user within a sliding window (default 20 per 10 s), across all the user's connections. */
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

    private final Map<Long, ArrayDeque<Long>> recentByUser = new ConcurrentHashMap<>();
    private final Map<Long, ArrayDeque<Long>> lookupsByUser = new ConcurrentHashMap<>();

    /** Counts one send for the user; false when it is over the limit (then it is not counted). */
    public boolean tryAcquire(long userId) {
        return acquire(recentByUser, userId, maxMessages);
    }

    /**
     * Over the limit, a send may still be a resend of a stored message (answered from the store, free); this
     * bounds how often a user can make the server look, so that a flood of sends costs no database work.
     */
    public boolean tryAcquireLookup(long userId) {
        return acquire(lookupsByUser, userId, maxMessages * LOOKUPS_PER_LIMIT);
    }

    private boolean acquire(Map<Long, ArrayDeque<Long>> byUser, long userId, int limit) {
        long now = System.nanoTime();
        long windowNanos = window.toNanos();
        var recent = byUser.computeIfAbsent(userId, id -> new ArrayDeque<>());
        synchronized (recent) {
            while (!recent.isEmpty() && now - recent.peekFirst() >= windowNanos) {
                recent.pollFirst();
            }
            if (recent.size() >= limit) {
                return false;
            }
            recent.addLast(now);
            return true;
        }
    }

    /** Gives back the send counted last (a resend that turned out to be stored already costs nothing). */
    public void refund(long userId) {
        var recent = recentByUser.get(userId);
        if (recent != null) {
            synchronized (recent) {
                recent.pollLast();
            }
        }
    }

    /** Forgets users whose window is empty, so the map does not grow with every user ever seen. */
    public void forgetIdle() {
        forgetIdle(recentByUser);
        forgetIdle(lookupsByUser);
    }

    private void forgetIdle(Map<Long, ArrayDeque<Long>> byUser) {
        long now = System.nanoTime();
        byUser.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().isEmpty() || now - e.getValue().peekLast() >= window.toNanos();
            }
        });
    }
}
