package org.jointchat.room;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jointchat.account.UserRegistered;
import org.jointchat.platform.Database;
import org.jointchat.platform.DatabaseUnavailableException;

/**
 * Rooms and who belongs to them. Membership is asked on every send and sync, so the members of a room
 * are cached per room once read, and kept current by the operations that change them.
 */
@ApplicationScoped
public class RoomService {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    private final Map<Long, Set<Long>> membersByRoom = new ConcurrentHashMap<>();
    private final Map<Long, String> kindByRoom = new ConcurrentHashMap<>();

    /** What a user may do with a room, answered from the caches. */
    public enum Access { MEMBER, NOT_MEMBER, NOT_FOUND }

    public Access access(long roomId, long userId) {
        String kind = kindOf(roomId);
        if (kind == null) {
            return Access.NOT_FOUND;
        }
        if (membersOf(roomId).contains(userId)) {
            return Access.MEMBER;
        }
        // Private rooms and direct messages are invisible to non-members: their names must not leak.
        return "private".equals(kind) || "direct".equals(kind) ? Access.NOT_FOUND : Access.NOT_MEMBER;
    }

    private String kindOf(long roomId) {
        var kind = kindByRoom.get(roomId);
        if (kind == null) {
            kind = find(roomId).map(RoomSummary::kind).orElse(null);
            if (kind != null) {
                kindByRoom.put(roomId, kind);
            }
        }
        return kind;
    }

    /** Every newcomer joins the global rooms, in the registration transaction. */
    void joinGlobalRooms(@Observes(during = TransactionPhase.IN_PROGRESS) UserRegistered user) {
        try (Connection c = dataSource.getConnection();
                var insert = c.prepareStatement("""
                        INSERT INTO memberships (room_id, user_id)
                        SELECT id, ? FROM rooms WHERE kind = 'global'""")) {
            insert.setLong(1, user.userId());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    void rememberGlobalMembership(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserRegistered user) {
        for (var room : globalRoomIds()) {
            var members = membersByRoom.get(room);
            if (members != null) {
                members.add(user.userId());
            }
        }
    }

    public Optional<RoomSummary> find(long roomId) {
        return query("SELECT id, name, kind, topic, last_seq FROM rooms WHERE id = ?", roomId).stream().findFirst();
    }

    /** The rooms a user belongs to, with their last sequence numbers. */
    public List<RoomSummary> roomsOf(long userId) {
        return query("""
                SELECT r.id, r.name, r.kind, r.topic, r.last_seq
                  FROM rooms r JOIN memberships m ON m.room_id = r.id
                 WHERE m.user_id = ?
                 ORDER BY r.kind = 'global' DESC, lower(r.name)""", userId);
    }

    Set<Long> membersOf(long roomId) {
        var cached = membersByRoom.get(roomId);
        if (cached != null) {
            return cached;
        }
        Set<Long> members = ConcurrentHashMap.newKeySet();
        try (Connection c = dataSource.getConnection();
                var select = c.prepareStatement("SELECT user_id FROM memberships WHERE room_id = ?")) {
            select.setLong(1, roomId);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    members.add(rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
        var raced = membersByRoom.putIfAbsent(roomId, members);
        return raced != null ? raced : members;
    }

    private List<Long> globalRoomIds() {
        return query("SELECT id, name, kind, topic, last_seq FROM rooms WHERE kind = 'global'").stream().map(RoomSummary::id).toList();
    }

    private List<RoomSummary> query(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            var rooms = new ArrayList<RoomSummary>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    rooms.add(new RoomSummary(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getLong(5)));
                }
            }
            return rooms;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }
}
