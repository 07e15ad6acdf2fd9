package org.jointchat.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jointchat.account.UserRef;
import org.junit.jupiter.api.Test;

/** The handshake admission: a rate with a small burst, and a cap on open sockets; refusals say when to return. */
class AdmissionTest {

    private static Admission admission(int rate, int max, ConnectionRegistry registry) {
        var admission = new Admission();
        admission.ratePerSecond = rate;
        admission.maxConnections = max;
        admission.connections = registry;
        admission.maxConcurrent = 1000;
        return admission;
    }

    @Test
    void admitsABurstThenTheRate() {
        var admission = admission(100, 1000, new ConnectionRegistry());
        var now = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);
        admission.nanoClock = now::get; // time stands still during a loop, however slow the machine
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            if (admission.tryAdmit()) {
                admitted++;
                admission.done();
            }
        }
        assertEquals(20, admitted, "a fifth of a second's worth at once");
        assertFalse(admission.tryAdmit());
        now.addAndGet(120_000_000L); // 120 ms pass: the allowance refills with time
        int later = 0;
        for (int i = 0; i < 100; i++) {
            if (admission.tryAdmit()) {
                later++;
                admission.done();
            }
        }
        assertEquals(12, later, "12 refilled in 120 ms at 100/s");
    }

    @Test
    void refusesMoreHandshakesInProgressThanTheLimitUntilOneIsDone() {
        var admission = admission(1000, 1000, new ConnectionRegistry());
        admission.maxConcurrent = 2;
        assertTrue(admission.tryAdmit());
        assertTrue(admission.tryAdmit());
        assertFalse(admission.tryAdmit(), "two in progress of two allowed");
        admission.done();
        assertTrue(admission.tryAdmit());
    }

    @Test
    void refusesWhenFullAndSpreadsTheRetries() {
        var registry = new ConnectionRegistry();
        var admission = admission(1000, 2, registry);
        assertTrue(admission.tryAdmit());
        admission.done();
        registry.add(new Connection(null, new UserRef(1, "a", "A"), null), List.of());
        registry.add(new Connection(null, new UserRef(2, "b", "B"), null), List.of());
        assertFalse(admission.tryAdmit(), "two open of two allowed");
        var seen = new java.util.HashSet<Integer>();
        for (int i = 0; i < 200; i++) {
            int retry = admission.retryAfterSeconds();
            assertTrue(retry >= 1 && retry <= 30, "retry after " + retry);
            seen.add(retry);
        }
        assertTrue(seen.size() > 5, "jittered, not one value: " + seen);
    }
}
