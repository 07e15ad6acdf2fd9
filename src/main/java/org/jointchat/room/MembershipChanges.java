package org.jointchat.room;

import jakarta.enterprise.event.Event;
import java.util.List;
import java.util.Set;
import org.jointchat.account.UserRef;
import org.jointchat.platform.Jdbc;

/**
 * Who belongs to a room: joining, adding, leaving, removing, the direct conversation of two users and how far a
 * member has read. Each change runs in {@link RoomService}'s transaction, under the room's lock, and is
 * announced as a {@link RoomChanged}.
 */
final class MembershipChanges {

    private final Jdbc jdbc;
    private final Event<RoomChanged> changes;
    private final RoomService rooms;
    private final RoomQueries queries;

    MembershipChanges(Jdbc jdbc, Event<RoomChanged> changes, RoomService rooms, RoomQueries queries) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.rooms = rooms;
        this.queries = queries;
    }

    /** Every newcomer joins the global rooms, in the registration transaction. */
    void joinGlobalRooms(long userId) {
        jdbc.update("INSERT INTO memberships (room_id, user_id) SELECT id, ? FROM rooms WHERE kind = 'global'", userId);
    }

    /** See {@link RoomService#addMember}. */
    boolean addMember(UserRef actor, long roomId, String login) {
        rooms.lockRoom(roomId);
        var room = queries.visibleRoom(actor, roomId);
        var target = queries.user(login);
        boolean self = target.id() == actor.id();
        boolean ownerAdds = actor.login().equals(room.owner()) && !"global".equals(room.kind()) && !"direct".equals(room.kind());
        boolean joinsPublic = self && "public".equals(room.kind());
        if (!ownerAdds && !joinsPublic) {
            throw new RoomException(RoomError.FORBIDDEN, self ? "room.error.inviteOnly" : "room.error.ownerOnly");
        }
        if (Boolean.TRUE.equals(room.archived())) {
            throw new RoomException(RoomError.ARCHIVED, "room.error.archived");
        }
        if (jdbc.count("SELECT count(*) FROM room_bans WHERE room_id = ? AND user_id = ?", roomId, target.id()) > 0) {
            throw new RoomException(RoomError.BANNED, self ? "room.error.banned" : "room.error.userBanned");
        }
        int added = jdbc.update("INSERT INTO memberships (room_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING", roomId, target.id());
        if (added == 0) {
            return false;
        }
        if (room.owner() == null) {
            jdbc.update("UPDATE rooms SET owner_id = ? WHERE id = ?", target.id(), roomId); // an ownerless public room gets its first joiner
        }
        var lines = self ? SystemLines.of(jdbc).write(roomId, target.id(), SystemLines.JOINED, null, null)
                : SystemLines.of(jdbc).write(roomId, actor.id(), SystemLines.ADDED, target.id(), null);
        var audience = queries.memberLogins(roomId);
        changes.fire(new RoomChanged(self ? "joined" : "added", queries.find(roomId).orElseThrow(), target.login(), audience,
                Set.of(target.login()), null, lines.seqs()));
        return true;
    }

    /** See {@link RoomService#removeMember}. */
    void removeMember(UserRef actor, long roomId, String login) {
        rooms.lockRoom(roomId);
        var room = queries.visibleRoom(actor, roomId);
        var target = queries.user(login);
        boolean self = target.id() == actor.id();
        if ("global".equals(room.kind())) {
            throw new RoomException(RoomError.FORBIDDEN, "room.error.generalStays");
        }
        if (!self && !actor.login().equals(room.owner())) {
            throw new RoomException(RoomError.FORBIDDEN, "room.error.ownerOnly");
        }
        var before = queries.memberLogins(roomId);
        if (jdbc.update("DELETE FROM memberships WHERE room_id = ? AND user_id = ?", roomId, target.id()) == 0) {
            throw new RoomException(RoomError.NOT_A_MEMBER, "room.error.notMember");
        }
        // A moderator who leaves (or is removed) moderates no more; a mute stays, so leaving and rejoining does not end it.
        jdbc.update("DELETE FROM room_moderators WHERE room_id = ? AND user_id = ?", roomId, target.id());
        var remaining = jdbc.list("SELECT user_id FROM memberships WHERE room_id = ? ORDER BY joined_at, user_id",
                row -> row.getLong(1), roomId);
        if (remaining.isEmpty() && RoomService.isHidden(room.kind())) {
            jdbc.update("DELETE FROM rooms WHERE id = ?", roomId);
            changes.fire(new RoomChanged("deleted", room, target.login(), before, Set.of(), target.login(), List.of()));
            return;
        }
        if (target.login().equals(room.owner())) {
            jdbc.update("UPDATE rooms SET owner_id = ? WHERE id = ?", remaining.isEmpty() ? null : remaining.get(0), roomId);
        }
        // Direct conversations keep no such record: there are two people, and the header says who.
        var lines = SystemLines.of(jdbc);
        if (!"direct".equals(room.kind())) {
            if (self) {
                lines.write(roomId, target.id(), SystemLines.LEFT, null, null);
            } else {
                lines.write(roomId, actor.id(), SystemLines.REMOVED, target.id(), null);
            }
        }
        changes.fire(new RoomChanged(self ? "left" : "removed", queries.find(roomId).orElseThrow(), target.login(), before,
                Set.of(), target.login(), lines.seqs()));
    }

    /** See {@link RoomService#direct}. */
    RoomView direct(UserRef me, String otherLogin) {
        var other = queries.user(otherLogin);
        if (other.id() == me.id()) {
            throw new RoomException(RoomError.FORBIDDEN, "room.error.directNeedsTwo");
        }
        String key = Math.min(me.id(), other.id()) + ":" + Math.max(me.id(), other.id());
        long id = jdbc.one("SELECT id FROM rooms WHERE direct_key = ?", row -> row.getLong(1), key)
                .orElseGet(() -> jdbc.one("""
                        INSERT INTO rooms (name, kind, direct_key) VALUES ('direct', 'direct', ?)
                        ON CONFLICT (direct_key) WHERE direct_key IS NOT NULL DO UPDATE SET direct_key = EXCLUDED.direct_key
                        RETURNING id""", row -> row.getLong(1), key).orElseThrow());
        rooms.lockRoom(id);
        // Both belong to it: on first use, and again after one of them left.
        int added = jdbc.update("INSERT INTO memberships (room_id, user_id) VALUES (?, ?), (?, ?) ON CONFLICT DO NOTHING",
                id, me.id(), id, other.id());
        var room = queries.directView(id);
        if (added > 0) {
            var pair = Set.of(me.login(), other.login());
            changes.fire(new RoomChanged("created", room, me.login(), pair, pair, null, List.of()));
        }
        return room;
    }

    /** See {@link RoomService#markRead}. */
    long markRead(UserRef me, long roomId, long seq) {
        if (rooms.access(roomId, me.id()) != RoomService.Access.MEMBER) {
            throw new RoomException(RoomError.NOT_FOUND, "room.error.notFound");
        }
        return jdbc.one("""
                UPDATE memberships m SET last_read_seq = GREATEST(m.last_read_seq, LEAST(?, r.last_seq))
                  FROM rooms r WHERE r.id = m.room_id AND m.room_id = ? AND m.user_id = ?
                RETURNING m.last_read_seq""", row -> row.getLong(1), seq, roomId, me.id()).orElse(0L);
    }
}
