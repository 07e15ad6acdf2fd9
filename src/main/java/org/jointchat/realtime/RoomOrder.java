package org.jointchat.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Puts the message frames of each room into version order on this instance, whichever instance committed them.
 * Every new message and every change takes its room's next version in the database, so a room's versions have
 * no gaps: a frame that comes early (another instance's commit overtook one still on its way) is held until the
 * versions before it arrive. A gap that outlasts the patience (its instance died between commit and publish) is
 * filled from the store. A frame older than what a room has delivered (the room was not known here yet) goes out
 * at once: late is better than lost, and clients place messages by seq.
 */
final class RoomOrder {

    /** A committed message frame: a new message ({@code created}) or the whole message after a change. */
    record Frame(long version, long seq, boolean created, String json) {
    }

    /** A message as the store has it now, ready to go out as new or as changed. */
    record Stored(long version, long seq, String asNew, String asChanged) {
    }

    /** A room waiting for versions [next, firstHeld). */
    record Gap(long roomId, long next, long firstHeld) {
    }

    private static final class Room {
        long next;
        long maxSeq;
        long heldSinceNanos;
        long lastUsedNanos;
        final TreeMap<Long, Frame> held = new TreeMap<>();

        Room(long next) {
            this.next = next;
        }
    }

    private final Map<Long, Room> rooms = new ConcurrentHashMap<>();

    /** Delivers the frame now, with any held frames it unblocks, or holds it; {@code deliver} runs under the room's lock. */
    void offer(long roomId, Frame frame, Consumer<Frame> deliver) {
        var room = rooms.computeIfAbsent(roomId, id -> new Room(frame.version()));
        synchronized (room) {
            room.lastUsedNanos = System.nanoTime();
            if (frame.version() < room.next) {
                send(room, frame, deliver);
                return;
            }
            if (frame.version() > room.next) {
                if (room.held.isEmpty()) {
                    room.heldSinceNanos = System.nanoTime();
                }
                room.held.put(frame.version(), frame);
                return;
            }
            send(room, frame, deliver);
            room.next++;
            drain(room, deliver);
        }
    }

    /** Rooms that have waited longer than {@code patienceNanos} for a missing version. */
    List<Gap> overdue(long patienceNanos) {
        var gaps = new ArrayList<Gap>();
        long now = System.nanoTime();
        rooms.forEach((id, room) -> {
            synchronized (room) {
                if (!room.held.isEmpty() && now - room.heldSinceNanos > patienceNanos) {
                    gaps.add(new Gap(id, room.next, room.held.firstKey()));
                }
            }
        });
        return gaps;
    }

    /**
     * Closes a gap with the messages read from the store for it (by the version of their last change; versions
     * changed again since are simply not there), then delivers what was held behind it. A message beyond the
     * room's delivered seqs goes out as new, any other as changed.
     */
    void fill(Gap gap, List<Stored> missing, Consumer<Frame> deliver) {
        var room = rooms.get(gap.roomId());
        if (room == null) {
            return;
        }
        synchronized (room) {
            if (room.next != gap.next()) {
                return; // the missing frames came meanwhile
            }
            for (var stored : missing) {
                if (stored.version() >= room.next && stored.version() < gap.firstHeld()) {
                    boolean created = stored.seq() > room.maxSeq;
                    send(room, new Frame(stored.version(), stored.seq(), created, created ? stored.asNew() : stored.asChanged()), deliver);
                }
            }
            room.next = gap.firstHeld();
            drain(room, deliver);
        }
    }

    /** Forgets rooms with nothing held and no frame for a while (a late frame of theirs would go out at once). */
    void forgetIdle(long idleNanos) {
        long now = System.nanoTime();
        rooms.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().held.isEmpty() && now - e.getValue().lastUsedNanos > idleNanos;
            }
        });
    }

    int roomCount() {
        return rooms.size();
    }

    private static void send(Room room, Frame frame, Consumer<Frame> deliver) {
        if (frame.created()) {
            room.maxSeq = Math.max(room.maxSeq, frame.seq());
        }
        deliver.accept(frame);
    }

    private static void drain(Room room, Consumer<Frame> deliver) {
        while (!room.held.isEmpty() && room.held.firstKey() == room.next) {
            send(room, room.held.pollFirstEntry().getValue(), deliver);
            room.next++;
        }
        // A held frame beyond a new gap starts that gap's clock now.
        if (!room.held.isEmpty()) {
            room.heldSinceNanos = System.nanoTime();
        }
    }
}
