package org.jointchat.platform;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts what each user did within a sliding window of time: the rule behind every per-user rate limit. */
public final class SlidingWindow {

    private final Map<Long, ArrayDeque<Long>> recentByUser = new ConcurrentHashMap<>();

    /** Counts one for the user; false when they already did {@code limit} within the window (then it is not counted). */
    public boolean tryAcquire(long userId, int limit, Duration window) {
        long now = System.nanoTime();
        long windowNanos = window.toNanos();
        var recent = recentByUser.computeIfAbsent(userId, id -> new ArrayDeque<>());
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

    /** Gives back the one counted last for the user. */
    public void refundLast(long userId) {
        var recent = recentByUser.get(userId);
        if (recent != null) {
            synchronized (recent) {
                recent.pollLast();
            }
        }
    }

    /** Forgets users with nothing in the window, so that the map does not grow with every user ever seen. */
    public void forgetIdle(Duration window) {
        long now = System.nanoTime();
        recentByUser.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().isEmpty() || now - e.getValue().peekLast() >= window.toNanos();
            }
        });
    }

    /** How many users it remembers. */
    public int users() {
        return recentByUser.size();
    }
}
