package org.jointchat.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames of a room committed on different instances reach this instance's sockets in version order. */
class RoomOrderTest {

    private final RoomOrder order = new RoomOrder();
    private final List<String> delivered = new ArrayList<>();

    private void offer(long room, long version, long seq, boolean created) {
        order.offer(room, new RoomOrder.Frame(version, seq, created, room + ":" + version), f -> delivered.add(f.json()));
    }

    @Test
    void aFrameThatOvertookAnotherWaitsForIt() {
        offer(1, 10, 5, true);
        offer(1, 12, 7, true); // 11 is still on its way from another instance
        offer(2, 3, 3, true);  // other rooms do not wait
        assertEquals(List.of("1:10", "2:3"), delivered);
        offer(1, 11, 6, true);
        assertEquals(List.of("1:10", "2:3", "1:11", "1:12"), delivered);
        offer(1, 13, 5, false); // a change takes the next version too
        assertEquals("1:13", delivered.get(delivered.size() - 1));
    }

    @Test
    void aFrameOlderThanTheRoomsFirstGoesOutAtOnce() {
        offer(1, 10, 5, true);
        offer(1, 9, 4, true); // committed before this instance knew the room: late, not lost
        assertEquals(List.of("1:10", "1:9"), delivered);
    }

    @Test
    void aGapThatOutlastsThePatienceIsFilledFromTheStoreThenTheHeldOnesFollow() throws Exception {
        offer(1, 10, 5, true);
        offer(1, 13, 8, true);
        offer(1, 14, 6, false);
        assertTrue(order.overdue(1_000_000_000L).isEmpty(), "not yet overdue");
        Thread.sleep(20); // the gap must outlast the patience: elapsed time is the point
        var gaps = order.overdue(10_000_000L);
        assertEquals(List.of(new RoomOrder.Gap(1, 11, 13)), gaps);
        // Version 11 made message 6, whose last change is now version 14: the store has 12 (message 7) only.
        order.fill(gaps.get(0), List.of(new RoomOrder.Stored(12, 7, "new 7", "changed 7")), f -> delivered.add(f.json()));
        assertEquals(List.of("1:10", "new 7", "1:13", "1:14"), delivered);
        assertTrue(order.overdue(0).isEmpty(), "nothing held any more");
        offer(1, 15, 9, true);
        assertEquals("1:15", delivered.get(delivered.size() - 1));
    }

    @Test
    void aGapFilledMeanwhileIsNotFilledTwice() throws Exception {
        offer(1, 1, 1, true);
        offer(1, 3, 3, true);
        Thread.sleep(5); // the gap must become overdue: elapsed time is the point
        var gap = order.overdue(1_000_000L).get(0);
        offer(1, 2, 2, true); // arrived after all
        order.fill(gap, List.of(new RoomOrder.Stored(2, 2, "new 2", "changed 2")), f -> delivered.add(f.json()));
        assertEquals(List.of("1:1", "1:2", "1:3"), delivered);
    }
}
