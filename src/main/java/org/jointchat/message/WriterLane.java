package org.jointchat.message;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jointchat.message.MessageWriter.Job;

/**
 * One of the message writer's lanes (issue 24, item 5): a bounded queue and the one thread that commits it. Every
 * room belongs to one lane ({@link MessageWriter#laneOf}), so a room's changes are committed and published in order
 * by one thread, while lanes write different rooms side by side (their transactions lock disjoint rooms' rows).
 */
final class WriterLane {

    final int number;
    final BlockingQueue<Job> queue;
    /** Batches, messages, rooms locked: written by this lane's thread only. */
    final WriterCounts counts = new WriterCounts();
    volatile Thread worker;

    WriterLane(int number, int capacity) {
        this.number = number;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    boolean alive() {
        var w = worker;
        return w != null && w.isAlive();
    }
}
