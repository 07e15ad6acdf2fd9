package org.jointchat.room;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jointchat.account.UserRef;
import org.jointchat.platform.Jdbc;

/** Reading rooms: a user's rooms, a room's details and members, the public directory, shared rooms. Changes nothing. */
final class RoomQueries {

    /** A room's moderators' logins, for {@code rooms r}. */
    private static final String MODERATOR_LOGINS = """
            (SELECT array_agg(mu.login ORDER BY mu.login) FROM room_moderators rm JOIN users mu ON mu.id = rm.user_id
              WHERE rm.room_id = r.id)""";

    private static final String VIEW = """
            SELECT r.id, r.name, r.kind, r.topic, o.login, r.last_seq, r.announcement, r.archived_at IS NOT NULL, %s
              FROM rooms r LEFT JOIN users o ON o.id = r.owner_id
            """.formatted(MODERATOR_LOGINS);

    private final Jdbc jdbc;

    RoomQueries(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The rooms a user belongs to, with last and last-read sequence numbers; direct rooms list the pair.
     * One query: every socket that opens asks for it.
     */
    List<RoomView> roomsOf(long userId) {
        return jdbc.list("""
                SELECT r.id, r.name, r.kind, r.topic, o.login, r.last_seq, m.last_read_seq,
                       me.login, me.display_name, peer.login, peer.display_name,
                       (SELECT count(*) FROM mentions mn WHERE mn.user_id = m.user_id AND mn.room_id = r.id AND mn.seq > m.last_read_seq),
                       r.announcement, r.archived_at IS NOT NULL, %s,
                       (SELECT mt.until FROM room_mutes mt WHERE mt.room_id = r.id AND mt.user_id = m.user_id AND mt.until > now()),
                       %s,
                       (SELECT count(*) FROM messages sl WHERE sl.room_id = r.id
                           AND (sl.system_event IS NOT NULL OR sl.thread_seq IS NOT NULL AND NOT sl.also_to_room)
                           AND sl.seq > m.last_read_seq)
                  FROM memberships m JOIN rooms r ON r.id = m.room_id JOIN users me ON me.id = m.user_id
                  LEFT JOIN users o ON o.id = r.owner_id
                  LEFT JOIN LATERAL (SELECT u.login, u.display_name FROM memberships pm JOIN users u ON u.id = pm.user_id
                                      WHERE r.kind = 'direct' AND pm.room_id = r.id AND pm.user_id <> m.user_id
                                      LIMIT 1) peer ON true
                 WHERE m.user_id = ?
                 ORDER BY r.kind = 'global' DESC, r.kind = 'direct', lower(r.name)""".formatted(MODERATOR_LOGINS,
                Moderation.moderates("m.user_id", "r.id")), row -> {
            long lastSeq = row.getLong(6);
            long lastRead = Math.min(row.getLong(7), lastSeq);
            // System lines ("Bob joined") and thread-only replies (issue 22, item 1) are in the sequence but are
            // nobody's unread message in the room (a followed thread's replies are counted as threadUnread).
            var mutedUntil = row.getObject(16, OffsetDateTime.class);
            var room = RoomView.of(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                    lastSeq, null, lastRead, Math.max(0, lastSeq - lastRead - row.getLong(18)), row.getLong(12), null)
                    .withModeration(row.getBoolean(13), row.getBoolean(14), logins(row.getArray(15)))
                    .forViewer(mutedUntil == null ? null : mutedUntil.toInstant(), row.getBoolean(17));
            if (!"direct".equals(room.kind())) {
                return room;
            }
            var pair = new ArrayList<RoomView.Member>(2);
            pair.add(new RoomView.Member(row.getString(8), row.getString(9), false));
            if (row.getString(10) != null) {
                pair.add(new RoomView.Member(row.getString(10), row.getString(11), false));
            }
            return room.withMembers(pair.size(), pair);
        }, userId);
    }

    /** A room's details with (a page of) its members; NOT_FOUND for private rooms the viewer is not in. */
    RoomView detail(UserRef viewer, long roomId) {
        var room = visibleRoom(viewer, roomId);
        long count = jdbc.count("SELECT count(*) FROM memberships WHERE room_id = ?", roomId);
        return room.withMembers(count, members(roomId, RoomService.MEMBERS_PAGE));
    }

    /** Public rooms whose name contains the query (ignoring case), by name. */
    List<RoomView> searchPublic(String query, int limit, int offset) {
        return jdbc.list(VIEW + """
                 WHERE r.kind = 'public' AND lower(r.name) LIKE ?
                 ORDER BY lower(r.name) LIMIT ? OFFSET ?""", RoomQueries::view, containing(query),
                Math.max(1, Math.min(100, limit)), Math.max(0, offset));
    }

    /** How many public rooms {@link #searchPublic} finds for the query. */
    long countPublic(String query) {
        return jdbc.count("SELECT count(*) FROM rooms r WHERE r.kind = 'public' AND lower(r.name) LIKE ?", containing(query));
    }

    /** How many members each of these rooms has (one query, for a page of rooms). */
    Map<Long, Long> memberCounts(Collection<Long> roomIds) {
        var counts = new HashMap<Long, Long>();
        jdbc.list("SELECT room_id, count(*) FROM memberships WHERE room_id = ANY (?) GROUP BY room_id",
                row -> counts.put(row.getLong(1), row.getLong(2)), (Object) roomIds.toArray(Long[]::new));
        return counts;
    }

    private static String containing(String query) {
        return "%" + (query == null ? "" : query.strip().toLowerCase()
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
    }

    Optional<RoomView> find(long roomId) {
        return jdbc.one(VIEW + " WHERE r.id = ?", RoomQueries::view, roomId);
    }

    /** Rooms two users share (that the viewer may see: both are members), by name. */
    List<RoomView> shared(long userA, long userB) {
        return jdbc.list(VIEW + """
                 JOIN memberships a ON a.room_id = r.id AND a.user_id = ?
                 JOIN memberships b ON b.room_id = r.id AND b.user_id = ?
                 WHERE r.kind <> 'direct'
                 ORDER BY r.kind = 'global' DESC, lower(r.name)""", RoomQueries::view, userA, userB);
    }

    /** The room, if the viewer may see it: private rooms and direct conversations only for their members. */
    RoomView visibleRoom(UserRef viewer, long roomId) {
        var room = find(roomId).orElseThrow(() -> new RoomException(RoomError.NOT_FOUND, "room.error.notFound"));
        if (RoomService.isHidden(room.kind())
                && jdbc.count("SELECT count(*) FROM memberships WHERE room_id = ? AND user_id = ?", roomId, viewer.id()) == 0) {
            throw new RoomException(RoomError.NOT_FOUND, "room.error.notFound");
        }
        return room;
    }

    /** A direct conversation with its pair. */
    RoomView directView(long id) {
        return find(id).orElseThrow().withMembers(2, members(id, 2));
    }

    private List<RoomView.Member> members(long roomId, int limit) {
        return jdbc.list("""
                SELECT u.login, u.display_name, r.owner_id = u.id
                  FROM memberships m JOIN users u ON u.id = m.user_id JOIN rooms r ON r.id = m.room_id
                 WHERE m.room_id = ? ORDER BY m.joined_at, u.id LIMIT ?""",
                row -> new RoomView.Member(row.getString(1), row.getString(2), row.getBoolean(3)), roomId, limit);
    }

    Set<String> memberLogins(long roomId) {
        return new HashSet<>(jdbc.list("SELECT u.login FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.room_id = ?",
                row -> row.getString(1), roomId));
    }

    /** The user of a login (trimmed, lower case), or USER_NOT_FOUND. */
    UserRef user(String login) {
        String normalized = login == null ? "" : login.strip().toLowerCase();
        return jdbc.one("SELECT id, login, display_name FROM users WHERE login = ?",
                row -> new UserRef(row.getLong(1), row.getString(2), row.getString(3)), normalized)
                .orElseThrow(() -> new RoomException(RoomError.USER_NOT_FOUND, "room.error.userNotFound"));
    }

    static RoomView view(ResultSet row) throws SQLException {
        return RoomView.of(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getLong(6), null, null, null, null, null)
                .withModeration(row.getBoolean(7), row.getBoolean(8), logins(row.getArray(9)));
    }

    private static List<String> logins(java.sql.Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
