package org.jointchat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Two database transactions claiming rows at the same moment ({@code FOR UPDATE SKIP LOCKED} sweeps on two
 * instances): both start together, both still hold their locks when the claims are compared, and both roll back,
 * as a crash before the commit would.
 */
public final class RacingClaimers {

    /** What one claimer takes inside its open transaction: the ids of the rows it locked. */
    @FunctionalInterface
    public interface Claim {
        Set<Long> take(Connection c) throws Exception;
    }

    private RacingClaimers() {
    }

    /**
     * Runs {@code claim} in two transactions at once, asserts that no id of {@code ours} was taken by both, and
     * returns what each took of {@code ours}.
     */
    public static List<Set<Long>> race(Set<Long> ours, Claim claim) throws Exception {
        var barrier = new CyclicBarrier(2);
        var pool = Executors.newFixedThreadPool(2);
        try {
            var claims = new ArrayList<Future<Set<Long>>>();
            for (int t = 0; t < 2; t++) {
                claims.add(pool.submit(() -> {
                    try (Connection c = TestDatabase.connect()) {
                        c.setAutoCommit(false);
                        barrier.await(10, TimeUnit.SECONDS);
                        var got = new HashSet<>(claim.take(c));
                        barrier.await(10, TimeUnit.SECONDS); // both hold their locks here
                        c.rollback();
                        got.retainAll(ours);
                        return got;
                    }
                }));
            }
            var first = claims.get(0).get(60, TimeUnit.SECONDS);
            var second = claims.get(1).get(60, TimeUnit.SECONDS);
            var both = new HashSet<>(first);
            both.retainAll(second);
            assertEquals(Set.of(), both, "nothing claimed twice: " + first + " / " + second);
            return List.of(first, second);
        } finally {
            pool.shutdownNow();
        }
    }
}
