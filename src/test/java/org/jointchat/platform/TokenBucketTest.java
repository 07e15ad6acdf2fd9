package org.jointchat.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A burst, then a steady rate; per address, bounded in memory, exempt addresses never limited. */
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstThenOneEveryInterval() {
        var rule = TokenBucket.of(20, 20, Duration.ofMinutes(1)); // one every 3 s
        long now = 5 * SECOND;
        long state = 0;
        for (int i = 0; i < 20; i++) {
            assertEquals(0, rule.waitNanos(state, now), "burst event " + (i + 1));
            state = rule.take(state, now);
        }
        long wait = rule.waitNanos(state, now);
        assertEquals(3 * SECOND, wait, "the 21st waits one interval");
        assertEquals(3, TokenBucket.seconds(wait));
        assertEquals(0, rule.waitNanos(state, now + 3 * SECOND), "one more after 3 s ...");
        state = rule.take(state, now + 3 * SECOND);
        assertTrue(rule.waitNanos(state, now + 3 * SECOND) > 0, "... and only one");
        assertTrue(TokenBucket.idle(state, now + 64 * SECOND), "full again after a quiet minute: may be forgotten");
    }

    @Test
    void retryAfterIsWholeSecondsAtLeastOne() {
        assertEquals(1, TokenBucket.seconds(1));
        assertEquals(1, TokenBucket.seconds(SECOND));
        assertEquals(2, TokenBucket.seconds(SECOND + 1));
    }

    @Test
    void addressesHaveBucketsOfTheirOwnAndExemptOnesNone() {
        var buckets = new AddressBuckets(TokenBucket.of(2, 1, Duration.ofSeconds(1)), 1000, Set.of("127.0.0.1"));
        long now = SECOND;
        assertEquals(0, buckets.take("192.0.2.1", now));
        assertEquals(0, buckets.take("192.0.2.1", now));
        assertTrue(buckets.take("192.0.2.1", now) > 0, "third at once: refused");
        assertEquals(0, buckets.take("192.0.2.2", now), "another address is not affected");
        for (int i = 0; i < 100; i++) {
            assertEquals(0, buckets.take("127.0.0.1", now), "exempt");
        }
        assertEquals(2, buckets.size(), "exempt addresses are not even tracked");
    }

    @Test
    void memoryIsBoundedIdleBucketsGoFirst() {
        var buckets = new AddressBuckets(TokenBucket.of(1, 1, Duration.ofSeconds(1)), 16, Set.of());
        long now = SECOND;
        buckets.take("198.51.100.1", now + 10 * SECOND); // busy at the end
        for (int i = 2; i <= 16; i++) {
            buckets.take("198.51.100." + i, now); // idle by then
        }
        assertEquals(16, buckets.size());
        long later = now + 10 * SECOND;
        assertEquals(0, buckets.take("198.51.100.99", later));
        assertTrue(buckets.size() <= 16);
        assertTrue(buckets.take("198.51.100.1", later) > 0, "the busy one is still remembered (and limited)");
    }
}
