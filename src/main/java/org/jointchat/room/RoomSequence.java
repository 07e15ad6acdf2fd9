package org.jointchat.room;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands out a room's message numbers ({@code rooms.last_seq}) and change numbers ({@code last_version}) inside
 * the message writer's transaction. The room's row stays locked until that commit, so blocks never interleave.
 */
public final class RoomSequence {

    private RoomSequence() {
    }

    /**
     * Reserves {@code count} numbers of each kind per room (one statement, reused); answers for each room that
     * exists the last seq and version before the block: the block is last+1 … last+count. Rooms that are gone
     * are left out.
     */
    public static Map<Long, long[]> reserve(Connection c, Map<Long, Integer> countByRoom) throws SQLException {
        Map<Long, long[]> before = new LinkedHashMap<>();
        try (var reserve = c.prepareStatement("""
                UPDATE rooms SET last_seq = last_seq + ?, last_version = last_version + ? WHERE id = ?
                RETURNING last_seq, last_version""")) {
            for (var entry : countByRoom.entrySet()) {
                int n = entry.getValue();
                reserve.setInt(1, n);
                reserve.setInt(2, n);
                reserve.setLong(3, entry.getKey());
                try (var rows = reserve.executeQuery()) {
                    if (rows.next()) {
                        before.put(entry.getKey(), new long[] {rows.getLong(1) - n, rows.getLong(2) - n});
                    }
                }
            }
        }
        return before;
    }

    /** The room's next change number (an edit, a deletion, a reaction). */
    public static long nextVersion(Connection c, long roomId) throws SQLException {
        try (var bump = c.prepareStatement("UPDATE rooms SET last_version = last_version + 1 WHERE id = ? RETURNING last_version")) {
            bump.setLong(1, roomId);
            try (var rows = bump.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
