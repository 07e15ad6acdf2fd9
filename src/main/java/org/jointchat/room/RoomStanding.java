package org.jointchat.room;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where users stand in rooms, read inside another package's writing transaction (the message writer's): the
 * rooms' rows are locked first, in id order, and every membership or moderation change locks its room's row
 * first, so nothing can change between this read and the caller's commit. Two queries however many rooms.
 */
public final class RoomStanding {

    private RoomStanding() {
    }

    /** The locked rooms: kind of each existing one; which are archived, which announcement rooms. */
    public record Rooms(Map<Long, String> kindOf, Set<Long> archived, Set<Long> announcement) {
    }

    /**
     * Users in rooms, keyed "roomId/userId": members, who is muted (until when), and who moderates the room
     * (answered only where asked: the query costs more).
     */
    public record Standings(Set<String> member, Map<String, Instant> mutedUntil, Set<String> moderates) {
    }

    /** Locks the rooms' rows (in id order) until the caller's commit and reads their flags. */
    public static Rooms lock(Connection c, Object[] roomIds) throws SQLException {
        Map<Long, String> kindOf = new HashMap<>();
        var archived = new HashSet<Long>();
        var announcement = new HashSet<Long>();
        try (var lock = c.prepareStatement("""
                SELECT id, kind, archived_at IS NOT NULL, announcement FROM rooms WHERE id = ANY (?) ORDER BY id FOR UPDATE""")) {
            lock.setArray(1, c.createArrayOf("bigint", roomIds));
            try (var rows = lock.executeQuery()) {
                while (rows.next()) {
                    kindOf.put(rows.getLong(1), rows.getString(2));
                    if (rows.getBoolean(3)) {
                        archived.add(rows.getLong(1));
                    }
                    if (rows.getBoolean(4)) {
                        announcement.add(rows.getLong(1));
                    }
                }
            }
        }
        return new Rooms(kindOf, archived, announcement);
    }

    /** Membership, mute and (where {@code asks}) moderation of each (room, user) pair; parallel lists. */
    public static Standings of(Connection c, List<Long> roomIds, List<Long> userIds, List<Boolean> asks) throws SQLException {
        var member = new HashSet<String>();
        var moderates = new HashSet<String>();
        Map<String, Instant> mutedUntil = new HashMap<>();
        try (var select = c.prepareStatement("""
                SELECT k.room_id, k.user_id, m.user_id IS NOT NULL, mt.until,
                       CASE WHEN k.asks THEN %s ELSE false END
                  FROM unnest(?::bigint[], ?::bigint[], ?::boolean[]) AS k(room_id, user_id, asks)
                  LEFT JOIN memberships m ON m.room_id = k.room_id AND m.user_id = k.user_id
                  LEFT JOIN room_mutes mt ON mt.room_id = k.room_id AND mt.user_id = k.user_id AND mt.until > now()"""
                .formatted(Moderation.moderates("k.user_id", "k.room_id")))) {
            select.setArray(1, c.createArrayOf("bigint", roomIds.toArray()));
            select.setArray(2, c.createArrayOf("bigint", userIds.toArray()));
            select.setArray(3, c.createArrayOf("boolean", asks.toArray()));
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getLong(1) + "/" + rows.getLong(2);
                    if (rows.getBoolean(3)) {
                        member.add(key);
                    }
                    var until = rows.getObject(4, OffsetDateTime.class);
                    if (until != null) {
                        mutedUntil.put(key, until.toInstant());
                    }
                    if (rows.getBoolean(5)) {
                        moderates.add(key);
                    }
                }
            }
        }
        return new Standings(member, mutedUntil, moderates);
    }
}
