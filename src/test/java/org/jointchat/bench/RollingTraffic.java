package org.jointchat.bench;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Traffic while the crowd of {@code reconnect} is restarted under (issue 24, item 4: a rolling restart of a
 * cluster under 50 msgs/s). The crowd is split into rooms of {@link #ROOM_SIZE}; one member of each room sends
 * to it at the room's share of the rate. Every send has its own clientId and is kept until acked; a socket that
 * closes, or an error answer, has it sent again after the next hello (the server deduplicates by clientId), as
 * the chat page's outbox does. Lost: sent but never acked by the end.
 */
final class RollingTraffic {

    static final int ROOM_SIZE = 100;

    private final List<Long> rooms = new ArrayList<>();
    private final List<Crowd.Member> senders = new ArrayList<>();
    private final Map<String, String> pending = new ConcurrentHashMap<>(); // clientId -> frame
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger resent = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final String run = "roll" + Long.toString(System.currentTimeMillis(), 36);
    private ScheduledExecutorService ticker;

    /** Rooms of ROOM_SIZE crowd users (crowd-000001 …), made once and reused. */
    void seedRooms(Connection c, int users) throws Exception {
        c.setAutoCommit(false);
        int count = Math.max(1, users / ROOM_SIZE);
        for (int r = 0; r < count; r++) {
            String name = "bench-rolling-" + r;
            try (var s = c.prepareStatement("INSERT INTO rooms (name, kind) SELECT ?, 'private' WHERE NOT EXISTS "
                    + "(SELECT 1 FROM rooms WHERE lower(name) = lower(?) AND kind <> 'direct')")) {
                s.setString(1, name);
                s.setString(2, name);
                s.executeUpdate();
            }
            long id;
            try (var s = c.prepareStatement("SELECT id FROM rooms WHERE lower(name) = lower(?) AND kind <> 'direct'")) {
                s.setString(1, name);
                try (var rows = s.executeQuery()) {
                    rows.next();
                    id = rows.getLong(1);
                }
            }
            try (var s = c.prepareStatement("""
                    INSERT INTO memberships (room_id, user_id)
                    SELECT ?, u.id FROM users u WHERE u.login BETWEEN ? AND ? ON CONFLICT DO NOTHING""")) {
                s.setLong(1, id);
                s.setString(2, String.format("crowd-%06d", r * ROOM_SIZE + 1));
                s.setString(3, String.format("crowd-%06d", (r + 1) * ROOM_SIZE));
                s.executeUpdate();
            }
            rooms.add(id);
        }
        c.commit();
    }

    /** The first member of each room sends; together {@code rate} messages a second. */
    void start(List<Crowd.Member> members, int rate) {
        for (int r = 0; r < rooms.size(); r++) {
            senders.add(members.get(r * ROOM_SIZE));
        }
        ticker = Executors.newSingleThreadScheduledExecutor(t -> {
            var thread = new Thread(t, "rolling-traffic");
            thread.setDaemon(true);
            return thread;
        });
        var next = new AtomicInteger();
        ticker.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            int room = i % rooms.size();
            String clientId = run + "-" + i;
            String frame = "{\"type\":\"send\",\"room\":" + rooms.get(room) + ",\"text\":\"rolling " + i + "\",\"clientId\":\"" + clientId + "\"}";
            pending.put(clientId, frame);
            sent.incrementAndGet();
            senders.get(room).send(frame); // not connected now: resent after its hello
        }, 0, TimeUnit.SECONDS.toMicros(1) / Math.max(1, rate), TimeUnit.MICROSECONDS);
    }

    void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    /** A frame one of the senders got: an ack settles a send, an error has it sent again later. */
    void received(Crowd.Member member, String frame) {
        if (frame.startsWith("{\"type\":\"ack\"")) {
            String id = clientId(frame);
            if (id != null && pending.remove(id) != null) {
                acked.add(id);
            }
        } else if (frame.startsWith("{\"type\":\"error\"") && clientId(frame) != null) {
            errors.incrementAndGet();
            String id = clientId(frame);
            String again = pending.get(id);
            if (again != null) {
                member.sendLater(again, 1000);
                resent.incrementAndGet();
            }
        }
    }

    /** A sender is greeted again: what it had not got acked goes again. */
    void greeted(Crowd.Member member) {
        int room = senders.indexOf(member);
        if (room < 0) {
            return;
        }
        String mark = "\"room\":" + rooms.get(room) + ",";
        pending.values().stream().filter(f -> f.contains(mark)).forEach(f -> {
            member.send(f);
            resent.incrementAndGet();
        });
    }

    boolean settled() {
        return pending.isEmpty();
    }

    Object[] metrics() {
        return new Object[] {"traffic_rooms", rooms.size(), "traffic_sent", sent.get(), "traffic_acked", acked.size(),
                "traffic_lost", sent.get() - acked.size(), "traffic_resent", resent.get(), "traffic_error_answers", errors.get()};
    }

    private static String clientId(String frame) {
        int at = frame.indexOf("\"clientId\":\"");
        if (at < 0) {
            return null;
        }
        int from = at + 12;
        int to = frame.indexOf('"', from);
        return to < 0 ? null : frame.substring(from, to);
    }
}
