package org.jointchat.support;

import java.time.Duration;

/**
 * Waits for a condition instead of sleeping a guessed time: polls until it holds, and fails with what was awaited
 * (and what was seen) when the time is up. A test that sleeps on purpose (a rate window, a quiet interval) says why.
 */
public final class Await {

    /** What is awaited; may query a database or the server, hence the checked exception. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** The failure text, computed only on failure; may query what was seen. */
    @FunctionalInterface
    public interface Failure {
        String text() throws Exception;
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private Await() {
    }

    /** Polls every 100 ms until the condition holds; after {@code timeout} fails with the failure text. */
    public static void until(Duration timeout, Failure failure, Condition condition) throws Exception {
        until(timeout, POLL, failure, condition);
    }

    public static void until(Duration timeout, String failure, Condition condition) throws Exception {
        until(timeout, POLL, () -> failure, condition);
    }

    /** As above, polling every {@code poll} (short where the test must notice a brief state). */
    public static void until(Duration timeout, Duration poll, Failure failure, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + describe(timeout) + ": " + failure.text());
            }
            Thread.sleep(poll.toMillis());
        }
    }

    public static void until(Duration timeout, Duration poll, String failure, Condition condition) throws Exception {
        until(timeout, poll, () -> failure, condition);
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
