package org.jointchat.platform;

import java.time.Duration;

/**
 * A token bucket's rule: up to {@code burst} events at once, then one every {@code interval}. Kept as the
 * generic cell rate algorithm, so that a bucket's whole state is ONE long (the "theoretical arrival time":
 * when the bucket would be full again); holders keep that long themselves (a socket as a field, the
 * per-address limits in a map). A state of 0, or any time in the past, is a full bucket: idle buckets can
 * be forgotten without changing any answer.
 */
public record TokenBucket(int burst, long intervalNanos) {

    private static final long ORIGIN = System.nanoTime();

    /** The clock buckets use: monotonic nanoseconds, always positive (so that a state of 0 is a full bucket). */
    public static long now() {
        return System.nanoTime() - ORIGIN + 1;
    }

    public TokenBucket {
        if (burst < 1 || intervalNanos < 1) {
            throw new IllegalArgumentException("a bucket holds at least one token and refills at a positive rate");
        }
    }

    /** {@code burst} at once, then {@code perPeriod} every {@code period} (e.g. 20 a minute). */
    public static TokenBucket of(int burst, int perPeriod, Duration period) {
        return new TokenBucket(burst, Math.max(1, period.toNanos() / Math.max(1, perPeriod)));
    }

    /** How long to wait until one event is allowed (0: now), for a bucket in {@code state} at {@code now}. */
    public long waitNanos(long state, long now) {
        long full = Math.max(state, now);
        long allowedAhead = (burst - 1) * intervalNanos;
        return Math.max(0, full - now - allowedAhead);
    }

    /** The state after an allowed event (call only when {@link #waitNanos} said 0). */
    public long take(long state, long now) {
        return Math.max(state, now) + intervalNanos;
    }

    /** True when a bucket in this state is full at {@code now}: forgetting it changes nothing. */
    public static boolean idle(long state, long now) {
        return state - now <= 0;
    }

    /** A wait as whole seconds for Retry-After (at least 1). */
    public static long seconds(long waitNanos) {
        return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
}
