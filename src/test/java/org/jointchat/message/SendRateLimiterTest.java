package org.jointchat.message;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.jointchat.platform.Cluster;
import org.junit.jupiter.api.Test;

/** A user may send N messages per window over all their sockets; others are not affected. */
class SendRateLimiterTest {

    @Test
    void nPerWindowPerUserThenAgainAfterTheWindow() throws Exception {
        var limiter = new SendRateLimiter();
        limiter.cluster = new Cluster(); // not clustered: the window is this instance's
        limiter.maxMessages = 3;
        limiter.window = Duration.ofSeconds(1); // wide enough that a stalled machine stays within it
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire(1));
        }
        assertFalse(limiter.tryAcquire(1), "the fourth within the window");
        assertTrue(limiter.tryAcquire(2), "another user has their own budget");
        Thread.sleep(1050); // waiting out the window is the point
        assertTrue(limiter.tryAcquire(1), "a new window");
    }

    @Test
    void aRefundGivesTheLastSendBack() {
        var limiter = new SendRateLimiter();
        limiter.cluster = new Cluster(); // not clustered: the window is this instance's
        limiter.maxMessages = 2;
        limiter.window = Duration.ofMinutes(1);
        assertTrue(limiter.tryAcquire(1));
        assertTrue(limiter.tryAcquire(1));
        assertFalse(limiter.tryAcquire(1));
        limiter.refund(1); // the second was a resend of a stored message
        assertTrue(limiter.tryAcquire(1), "its place is free again");
        assertFalse(limiter.tryAcquire(1));
    }

    @Test
    void lookupsOfResendsOverTheLimitAreBoundedToo() {
        var limiter = new SendRateLimiter();
        limiter.cluster = new Cluster(); // not clustered: the window is this instance's
        limiter.maxMessages = 2;
        limiter.window = Duration.ofMinutes(1);
        for (int i = 0; i < 2 * SendRateLimiter.LOOKUPS_PER_LIMIT; i++) {
            assertTrue(limiter.tryAcquireLookup(1));
        }
        assertFalse(limiter.tryAcquireLookup(1), "a flood of sends over the limit does not reach the database");
        assertTrue(limiter.tryAcquireLookup(2));
    }
}
