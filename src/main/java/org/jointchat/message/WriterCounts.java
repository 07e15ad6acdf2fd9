package org.jointchat.message;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jointchat.message.MessageWriter.Job;

/**
 * What the message writer did since the server started (issue 24, item 5, "direct"): batches (one commit each),
 * jobs, messages stored, rooms locked, and the time spent in the transaction and in publishing. Written once per
 * batch by the writer's one thread (plain volatile fields: one writer), read by {@link WriterHealth}; the load tool
 * takes the difference over a run (commits/s, messages and rooms per batch).
 */
final class WriterCounts {

    private volatile long batches;
    private volatile long jobs;
    private volatile long messages;
    private volatile long rooms;
    private volatile long maxRooms;
    private volatile long transactionMicros;
    private volatile long publishMicros;

    /** One committed batch: its jobs, the messages it stored, the nanoseconds of its transaction and of publishing it. */
    void batch(List<Job> batch, int stored, long transactionNanos, long publishNanos) {
        var distinct = new HashSet<Long>(batch.size() * 2);
        for (var job : batch) {
            distinct.add(job.roomId());
        }
        batches++;
        jobs += batch.size();
        messages += stored;
        rooms += distinct.size();
        maxRooms = Math.max(maxRooms, distinct.size());
        transactionMicros += transactionNanos / 1000;
        publishMicros += publishNanos / 1000;
    }

    Map<String, Long> snapshot() {
        var counts = new LinkedHashMap<String, Long>();
        counts.put("batches", batches);
        counts.put("jobs", jobs);
        counts.put("messages", messages);
        counts.put("roomsLocked", rooms);
        counts.put("maxRoomsPerBatch", maxRooms);
        counts.put("transactionMicros", transactionMicros);
        counts.put("publishMicros", publishMicros);
        return counts;
    }
}
