package org.jointchat.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jointchat.account.UserRef;
import org.junit.jupiter.api.Test;

/** The lock-free socket index keeps every socket that was added and not removed, and no empty key. */
class SocketIndexTest {

    @Test
    void concurrentAddsAndRemovesOnOneKeyLoseNobody() throws Exception {
        var index = new SocketIndex<Long>();
        var keep = new ArrayList<Connection>();
        var churn = new ArrayList<Connection>();
        for (int i = 0; i < 2000; i++) {
            keep.add(new Connection(null, new UserRef(i, "k" + i, "K"), null));
            churn.add(new Connection(null, new UserRef(10_000 + i, "c" + i, "C"), null));
        }
        var pool = Executors.newFixedThreadPool(4);
        var start = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            int part = t;
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = part; i < 2000; i += 4) {
                    index.add(1L, churn.get(i));
                    index.add(1L, keep.get(i));
                    index.remove(1L, churn.get(i));
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(2000, index.get(1L).size());
        assertTrue(index.get(1L).containsAll(keep));
        keep.forEach(c -> index.remove(1L, c));
        assertEquals(0, index.size(), "an emptied key is dropped");
    }
}
