package org.jointchat.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open sockets of this instance, indexed by room (for fan-out) and by user. Each connection knows its
 * own rooms, so a close touches only those; a room or user with no socket left is dropped from the index.
 */
@ApplicationScoped
public class ConnectionRegistry {

    private final Map<Long, Set<Connection>> byRoom = new ConcurrentHashMap<>();
    private final Map<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final Set<Connection> all = ConcurrentHashMap.newKeySet();

    void add(Connection connection, Collection<Long> roomIds) {
        all.add(connection);
        byUser.compute(connection.user().login(), (login, set) -> {
            var sockets = set == null ? ConcurrentHashMap.<Connection>newKeySet() : set;
            sockets.add(connection);
            return sockets;
        });
        roomIds.forEach(room -> subscribe(connection, room));
    }

    void remove(Connection connection) {
        all.remove(connection);
        byUser.computeIfPresent(connection.user().login(), (login, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
        for (long room : connection.rooms()) {
            unsubscribe(connection, room);
        }
    }

    void subscribe(Connection connection, long roomId) {
        if (connection.addRoom(roomId)) {
            // Inside compute, so that a concurrent last unsubscribe cannot drop the set this one joins.
            byRoom.compute(roomId, (room, set) -> {
                var sockets = set == null ? ConcurrentHashMap.<Connection>newKeySet() : set;
                sockets.add(connection);
                return sockets;
            });
            if (!all.contains(connection)) {
                unsubscribe(connection, roomId); // closed meanwhile: its remove() may not have seen this room
            }
        }
    }

    private void unsubscribe(Connection connection, long roomId) {
        connection.removeRoom(roomId);
        byRoom.computeIfPresent(roomId, (room, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    /** Stops a user's sockets from receiving a room at once (removed from it). */
    public void unsubscribeUser(String login, long roomId) {
        forUser(login).forEach(c -> unsubscribe(c, roomId));
    }

    /** Lets a user's open sockets receive a room (added to it). */
    public void subscribeUser(String login, long roomId) {
        forUser(login).forEach(c -> subscribe(c, roomId));
    }

    public void toRoom(long roomId, String frame) {
        var room = byRoom.get(roomId);
        if (room != null) {
            room.forEach(c -> c.send(frame));
        }
    }

    /** To a room's sockets except those of one user (who knows what they are doing). */
    public void toRoomExcept(long roomId, String exceptLogin, String frame) {
        var room = byRoom.get(roomId);
        if (room != null) {
            room.forEach(c -> {
                if (!c.user().login().equals(exceptLogin)) {
                    c.send(frame);
                }
            });
        }
    }

    public void toUser(String login, String frame) {
        forUser(login).forEach(c -> c.send(frame));
    }

    public Collection<Connection> forUser(String login) {
        var set = byUser.get(login);
        return set == null ? List.of() : set;
    }

    public Collection<Connection> all() {
        return all;
    }

    public int count() {
        return all.size();
    }

    /** How many rooms have at least one socket here (the index holds no others). */
    int roomsIndexed() {
        return byRoom.size();
    }
}
