package org.jointchat.room;

import java.util.ArrayList;
import java.util.List;
import org.jointchat.platform.Jdbc;

/**
 * The timeline's record of membership and room changes ("Alice added Bob", "Bob left", "Alice renamed the room to …"):
 * a row of the room's messages, written in the change's own transaction under the room's lock, numbered with the room's
 * next seq and version like any message (so history, sync and unread marks see one gap-free sequence). Stored as data
 * (event, actor = author, target, new value); the page renders and translates it. Announced with the change
 * ({@link RoomChanged#lines()}), after the commit.
 */
final class SystemLines {

    /** What a system line can say (the messages.system_event check of V9). */
    static final String JOINED = "joined";
    static final String ADDED = "added";
    static final String LEFT = "left";
    static final String REMOVED = "removed";
    static final String BANNED = "banned";
    static final String RENAMED = "renamed";
    static final String TOPIC = "topic";
    static final String OWNER = "owner";

    private final Jdbc jdbc;
    private final List<Long> written = new ArrayList<>();

    private SystemLines(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Lines for one change; the caller holds the room's lock (RoomService.lockRoom). */
    static SystemLines of(Jdbc jdbc) {
        return new SystemLines(jdbc);
    }

    /** Writes one line: the room's next seq and version, the actor as author; target and value may be null. */
    SystemLines write(long roomId, long actorId, String event, Long targetId, String value) {
        long[] numbers = jdbc.one("UPDATE rooms SET last_seq = last_seq + 1, last_version = last_version + 1 WHERE id = ? "
                + "RETURNING last_seq, last_version", row -> new long[] {row.getLong(1), row.getLong(2)}, roomId).orElseThrow();
        jdbc.update("""
                INSERT INTO messages (room_id, seq, version, author_id, client_id, text, sent_at, system_event, target_id, event_value)
                VALUES (?, ?, ?, ?, ?, '', date_trunc('milliseconds', clock_timestamp()), ?, ?, ?)""",
                roomId, numbers[0], numbers[1], actorId, "system:" + roomId + ":" + numbers[0], event, targetId, value);
        written.add(numbers[0]);
        return this;
    }

    /** The seqs written, in order. */
    List<Long> seqs() {
        return List.copyOf(written);
    }
}
