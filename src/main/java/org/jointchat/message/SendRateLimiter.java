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

    private final Map<Long, ArrayDeque<Long>> recentByUser = new ConcurrentHashMap<>();

    /** Counts one send for the user; false when it is over the limit (then it is not counted). */
    public boolean tryAcquire(long userId) {
        long now = System.nanoTime();
        long windowNanos = window.toNanos();
        var recent = recentByUser.computeIfAbsent(userId, id -> new ArrayDeque<>());
        synchronized (recent) {
            while (!recent.isEmpty() && now - recent.peekFirst() >= windowNanos) {
                recent.pollFirst();
            }
            if (recent.size() >= maxMessages) {
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
        long now = System.nanoTime();
        recentByUser.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().isEmpty() || now - e.getValue().peekLast() >= window.toNanos();
            }
        });
    }
}
