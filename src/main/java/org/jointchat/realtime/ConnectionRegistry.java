package org.jointchat.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The open sockets of this instance, indexed by room (for fan-out) and by user. Each connection knows its
 * own rooms, so a close touches only those; a room or user with no socket left is dropped from the index.
 */
@ApplicationScoped
public class ConnectionRegistry {

    private final SocketIndex<Long> byRoom = new SocketIndex<>();
    private final SocketIndex<String> byUser = new SocketIndex<>();
    private final Set<Connection> all = ConcurrentHashMap.newKeySet();

    /**
     * Open sockets one user may hold on this instance (one account must not take every socket). Counted per
     * instance: in a cluster a user could hold this many on each instance, still a bound.
     */
    @Inject
    @ConfigProperty(name = "jointchat.ws.max-sockets-per-user", defaultValue = "32")
    int maxSocketsPerUser = 32;
    /** Per-user locks (striped): a socket reads its rooms and registers under its user's, room changes apply under it. */
    private final Object[] userLocks = new Object[1024];

    {
        for (int i = 0; i < userLocks.length; i++) {
            userLocks[i] = new Object();
        }
    }

    /**
     * The lock under which a user's sockets learn their rooms: {@code ChatHub.opened} reads the committed rooms
     * and registers under it, and committed room changes subscribe and unsubscribe under it, so a change that
     * commits while a socket opens is either in what it read or applied to it afterwards — never lost.
     */
    Object lockFor(String login) {
        return userLocks[(login.hashCode() & 0x7fffffff) % userLocks.length];
    }

    void add(Connection connection, Collection<Long> roomIds) {
        all.add(connection);
        byUser.add(connection.user().login(), connection);
        roomIds.forEach(room -> subscribe(connection, room));
    }

    void remove(Connection connection) {
        all.remove(connection);
        byUser.remove(connection.user().login(), connection);
        for (long room : connection.rooms()) {
            unsubscribe(connection, room);
        }
    }

    void subscribe(Connection connection, long roomId) {
        if (connection.addRoom(roomId)) {
            byRoom.add(roomId, connection);
            if (!all.contains(connection)) {
                unsubscribe(connection, roomId); // closed meanwhile: its remove() may not have seen this room
            }
        }
    }

    private void unsubscribe(Connection connection, long roomId) {
        connection.removeRoom(roomId);
        byRoom.remove(roomId, connection);
    }

    /** Stops a user's sockets from receiving a room at once (removed from it). */
    public void unsubscribeUser(String login, long roomId) {
        synchronized (lockFor(login)) {
            forUser(login).forEach(c -> unsubscribe(c, roomId));
        }
    }

    /** Lets a user's open sockets receive a room (added to it). */
    public void subscribeUser(String login, long roomId) {
        synchronized (lockFor(login)) {
            forUser(login).forEach(c -> subscribe(c, roomId));
        }
    }

    public void toRoom(long roomId, String frame) {
        byRoom.forEach(roomId, c -> c.send(frame));
    }

    /** To a room's sockets except those of one user (who knows what they are doing). */
    public void toRoomExcept(long roomId, String exceptLogin, String frame) {
        byRoom.forEach(roomId, c -> {
            if (!c.user().login().equals(exceptLogin)) {
                c.send(frame);
            }
        });
    }

    public void toUser(String login, String frame) {
        forUser(login).forEach(c -> c.send(frame));
    }

    public Collection<Connection> forUser(String login) {
        return byUser.get(login);
    }

    public Collection<Connection> all() {
        return all;
    }

    /** Closes every socket that a credential opened (it was revoked or its session ended): 1008, at once. */
    public void closeOpenedWith(String credentialKey, String why) {
        var reason = new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, why);
        for (var connection : all) {
            var credential = connection.credential();
            if (credential != null && credentialKey.equals(credential.key())) {
                connection.close(reason);
            }
        }
    }

    /** Closes the sockets whose token has expired. */
    void closeExpired(long nowMillis) {
        var reason = new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "token expired");
        for (var connection : all) {
            var credential = connection.credential();
            if (credential != null && credential.expiresAtMillis() > 0 && credential.expiresAtMillis() <= nowMillis) {
                connection.close(reason);
            }
        }
    }

    /** True while the user holds fewer sockets here than allowed (the handshake and the open both ask). */
    public boolean hasRoomFor(String login) {
        return forUser(login).size() < maxSocketsPerUser;
    }

    public int maxSocketsPerUser() {
        return maxSocketsPerUser;
    }

    public int count() {
        return all.size();
    }

}
