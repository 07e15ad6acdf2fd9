package org.jointchat.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.jointchat.support.Await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bounded pool for costly work: its threads and queue take work, beyond both it is refused at once (503 + Retry-After). */
class BoundedPoolTest {

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private BoundedPool pool;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (pool != null) {
            pool.shutdown();
        }
    }

    @Test
    void aFullPoolRefusesAtOnceWithItsRetryAfterAndTakesWorkAgainOnceFree() throws Exception {
        pool = new BoundedPool("hashing", 2, 3, Duration.ofMillis(1500), Thread::new);
        var release = new CountDownLatch(1);
        var running = new AtomicInteger();
        var started = new CountDownLatch(2);
        Future<?>[] held = new Future<?>[5];
        for (int i = 0; i < 5; i++) { // 2 run, 3 wait in the queue
            held[i] = callers.submit(() -> pool.run(() -> {
                running.incrementAndGet();
                started.countDown();
                release.await();
                running.decrementAndGet();
                return "done";
            }));
        }
        assertTrue(started.await(5, TimeUnit.SECONDS));
        Await.until(Duration.ofSeconds(5), Duration.ofMillis(10), () -> "3 queued, not " + pool.queued(), () -> pool.queued() >= 3);
        assertEquals(3, pool.queued());

        long before = System.nanoTime();
        var busy = assertThrows(ServerBusyException.class, () -> pool.run(() -> "one too many"));
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(1), "refused at once, not after waiting");
        assertEquals(2, busy.retryAfterSeconds(), "1.5 s, rounded up to whole seconds");
        assertEquals(2, running.get(), "never more threads than configured");

        release.countDown();
        for (var f : held) {
            assertEquals("done", f.get(5, TimeUnit.SECONDS));
        }
        assertEquals("again", pool.run(() -> "again"));
    }

    @Test
    void theCallerGetsTheWorksResultAndItsFailure() {
        pool = new BoundedPool("hashing", 1, 1, Duration.ofSeconds(2), Thread::new);
        assertEquals(42, pool.run(() -> 42));
        var failure = assertThrows(IllegalArgumentException.class, () -> pool.run(() -> {
            throw new IllegalArgumentException("bad input");
        }));
        assertEquals("bad input", failure.getMessage());
        assertEquals(1, pool.threads());
    }
}
