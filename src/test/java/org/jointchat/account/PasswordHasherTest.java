package org.jointchat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.jointchat.support.Await;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jointchat.platform.ServerBusyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every hash and verification runs on the bounded pool: at most its threads hash at once (half the cores by
 * default), a short queue waits, and beyond both a caller is refused at once with the configured Retry-After.
 */
class PasswordHasherTest {

    /** A stand-in for PBKDF2 that can be made to hold every hash until released, and counts those running at once. */
    static final class SlowHash implements Pbkdf2PasswordHash {
        final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final CountDownLatch[] entered = {new CountDownLatch(0)};

        @Override
        public void initialize(Map<String, String> parameters) {
        }

        @Override
        public String generate(char[] password) {
            hold();
            return "hash:" + new String(password);
        }

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            hold();
            return hashedPassword.equals("hash:" + new String(password));
        }

        private void hold() {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            entered[0].countDown();
            try {
                gate.get().await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        }
    }

    private static final ManagedThreadFactory THREADS = new ManagedThreadFactory() {
        @Override
        public Thread newThread(Runnable r) {
            return new Thread(r, "test-hashing");
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            throw new UnsupportedOperationException();
        }
    };

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private PasswordHasher hasher;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (hasher != null) {
            hasher.stop();
        }
    }

    private PasswordHasher hasher(SlowHash hash, int threads, int queue) {
        var h = new PasswordHasher();
        h.pbkdf2 = hash;
        h.iterations = 1000;
        h.configuredThreads = threads;
        h.queue = queue;
        h.retryAfter = Duration.ofSeconds(3);
        h.threadFactory = THREADS;
        h.configure();
        return h;
    }

    @Test
    void halfTheCoresByDefaultAtLeastOneOrAsConfigured() {
        assertEquals(1, PasswordHasher.threads(0, 1));
        assertEquals(1, PasswordHasher.threads(0, 2));
        assertEquals(4, PasswordHasher.threads(0, 8));
        assertEquals(3, PasswordHasher.threads(3, 2));
    }

    @Test
    void hashesAndVerifiesOnThePool() {
        hasher = hasher(new SlowHash(), 1, 2);
        String hash = hasher.hash("secret words");
        assertTrue(hasher.verify("secret words", hash));
        assertFalse(hasher.verify("other words", hash));
        assertFalse(hasher.verifyDecoy("secret words"));
    }

    @Test
    void beyondThreadsAndQueueEveryKindOfHashingIsRefusedAtOnceWithRetryAfter() throws Exception {
        var slow = new SlowHash();
        hasher = hasher(slow, 1, 2);
        String stored = hasher.hash("stored password");
        var gate = new CountDownLatch(1);
        slow.gate.set(gate);
        slow.entered[0] = new CountDownLatch(1);

        // One hashing, two waiting: the pool is full.
        var held = new java.util.ArrayList<Future<?>>();
        held.add(callers.submit(() -> hasher.hash("first")));
        assertTrue(slow.entered[0].await(5, TimeUnit.SECONDS));
        held.add(callers.submit(() -> hasher.verify("stored password", stored)));
        held.add(callers.submit(() -> hasher.verifyDecoy("unknown login's password")));
        awaitQueued(held);

        for (Runnable refused : new Runnable[] {() -> hasher.hash("x"), () -> hasher.verify("x", stored), () -> hasher.verifyDecoy("x")}) {
            long before = System.nanoTime();
            var busy = assertThrows(ServerBusyException.class, refused::run);
            assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(1), "refused at once");
            assertEquals(3, busy.retryAfterSeconds());
        }
        assertEquals(1, slow.mostAtOnce.get(), "one thread: never two hashes at once");

        gate.countDown();
        assertEquals("hash:first", held.get(0).get(5, TimeUnit.SECONDS));
        assertEquals(true, held.get(1).get(5, TimeUnit.SECONDS));
        assertEquals(false, held.get(2).get(5, TimeUnit.SECONDS));
        assertNotEquals(null, hasher.hash("after the burst"), "takes work again once free");
    }

    /** The two later callers wait in the pool's queue (not still on their way to it). */
    private void awaitQueued(java.util.List<Future<?>> held) throws Exception {
        Await.until(Duration.ofSeconds(5), Duration.ofMillis(10), () -> "2 queued, not " + hasher.queued(), () -> hasher.queued() >= 2);
        assertEquals(2, hasher.queued());
        held.forEach(f -> assertFalse(f.isDone()));
    }
}
