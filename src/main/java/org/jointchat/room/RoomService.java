package org.jointchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import org.jointchat.account.FieldError;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.UserRef;
import org.jointchat.account.UserRegistered;
import org.jointchat.platform.BoundedCache;
import org.jointchat.platform.Database;
import org.jointchat.platform.DatabaseException;
import org.jointchat.platform.Jdbc;
import org.jointchat.platform.VisibleText;

/**
 * Rooms and who belongs to them, with every rule about them: who may join, add, remove, rename,
 * transfer and delete. REST, WebSocket and pages all come here. Membership is asked on every send and
 * sync, so members are cached per room once read and kept current after each committed change.
 */
@ApplicationScoped
public class RoomService {

    public static final int NAME_MAX = 64;
    public static final int TOPIC_MAX = 250;
    public static final int MEMBERS_PAGE = 500;
    private static final String UNIQUE_VIOLATION = "23505";

    /** What a user may do with a room, answered from the caches. */
    public enum Access { MEMBER, NOT_MEMBER, NOT_FOUND }

    /** A room's moderators' logins, for {@code rooms r}. */
    private static final String MODERATOR_LOGINS = """
            (SELECT array_agg(mu.login ORDER BY mu.login) FROM room_moderators rm JOIN users mu ON mu.id = rm.user_id
              WHERE rm.room_id = r.id)""";

    private static final String VIEW = """
            SELECT r.id, r.name, r.kind, r.topic, o.login, r.last_seq, r.announcement, r.archived_at IS NOT NULL, %s
              FROM rooms r LEFT JOIN users o ON o.id = r.owner_id
            """.formatted(MODERATOR_LOGINS);

    @Inject
    Jdbc jdbc;

    @Inject
    Event<RoomChanged> changes;

    /**
     * Member ids and kind per room, for the access checks of every sync, typing and history request. A change
     * invalidates them under the room's lock and again after its commit, and a load that raced either does
     * not store what it read (BoundedCache), so they never go stale; bounded, so rooms nobody uses drop out.
     * Sends do not trust them: the message writer checks membership in its own transaction.
     */
    private final BoundedCache<Long, Set<Long>> membersByRoom = new BoundedCache<>(20_000);
    private final BoundedCache<Long, String> kindByRoom = new BoundedCache<>(100_000);


    // ---- membership checks (hot path) ----

    public Access access(long roomId, long userId) {
        String kind = kindOf(roomId);
        if (kind == null) {
            return Access.NOT_FOUND;
        }
        if ("global".equals(kind) || membersOf(roomId).contains(userId)) {
            return Access.MEMBER; // everyone belongs to a global room (joined at registration)
        }
        // Private rooms and direct messages are invisible to non-members: their names must not leak.
        return isHidden(kind) ? Access.NOT_FOUND : Access.NOT_MEMBER;
    }

    private static boolean isHidden(String kind) {
        return "private".equals(kind) || "direct".equals(kind);
    }

    private String kindOf(long roomId) {
        return kindByRoom.get(roomId, id -> jdbc.one("SELECT kind FROM rooms WHERE id = ?", row -> row.getString(1), id).orElse(null));
    }

    /** Whether a room is one that every user belongs to (general). */
    public boolean isGlobal(long roomId) {
        return "global".equals(kindOf(roomId));
    }

    /** The ids of a room's members (read-only, from the cache). */
    public Set<Long> memberIds(long roomId) {
        return membersOf(roomId); // an immutable copy
    }

    Set<Long> membersOf(long roomId) {
        return membersByRoom.get(roomId, id -> Set.copyOf(jdbc.list("SELECT user_id FROM memberships WHERE room_id = ?",
                row -> row.getLong(1), id)));
    }

    /**
     * Locks a room's row for the rest of the transaction: every change to a room or its members takes it
     * first, and so does the message writer, so two changes (two last members leaving, a hand-over and a
     * leave, two joins of an ownerless room) and a change and a send never interleave.
     */
    void lockRoom(long roomId) {
        jdbc.one("SELECT id FROM rooms WHERE id = ? FOR UPDATE", row -> row.getLong(1), roomId);
        forget(roomId); // and again after the commit, in afterChange (before the change is announced)
    }

    void forget(long roomId) {
        membersByRoom.invalidate(roomId);
        kindByRoom.invalidate(roomId);
    }

    // ---- reads ----

    /**
     * The rooms a user belongs to, with last and last-read sequence numbers; direct rooms list the pair.
     * One query: every socket that opens asks for it.
     */
    public List<RoomView> roomsOf(long userId) {
        return jdbc.list("""
                SELECT r.id, r.name, r.kind, r.topic, o.login, r.last_seq, m.last_read_seq,
                       me.login, me.display_name, peer.login, peer.display_name,
                       (SELECT count(*) FROM mentions mn WHERE mn.user_id = m.user_id AND mn.room_id = r.id AND mn.seq > m.last_read_seq),
                       r.announcement, r.archived_at IS NOT NULL, %s,
                       (SELECT mt.until FROM room_mutes mt WHERE mt.room_id = r.id AND mt.user_id = m.user_id AND mt.until > now()),
                       %s
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
            var mutedUntil = row.getObject(16, OffsetDateTime.class);
            var room = RoomView.of(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                    lastSeq, null, lastRead, lastSeq - lastRead, row.getLong(12), null)
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
    public RoomView detail(UserRef viewer, long roomId) {
        var room = visibleRoom(viewer, roomId);
        long count = jdbc.count("SELECT count(*) FROM memberships WHERE room_id = ?", roomId);
        return room.withMembers(count, members(roomId, MEMBERS_PAGE));
    }

    /** Public rooms whose name contains the query (ignoring case), by name. */
    public List<RoomView> searchPublic(String query, int limit, int offset) {
        return jdbc.list(VIEW + """
                 WHERE r.kind = 'public' AND lower(r.name) LIKE ?
                 ORDER BY lower(r.name) LIMIT ? OFFSET ?""", RoomService::view, containing(query),
                Math.max(1, Math.min(100, limit)), Math.max(0, offset));
    }

    /** How many public rooms {@link #searchPublic} finds for the query. */
    public long countPublic(String query) {
        return jdbc.count("SELECT count(*) FROM rooms r WHERE r.kind = 'public' AND lower(r.name) LIKE ?", containing(query));
    }

    /** How many members each of these rooms has (one query, for a page of rooms). */
    public Map<Long, Long> memberCounts(Collection<Long> roomIds) {
        var counts = new HashMap<Long, Long>();
        jdbc.list("SELECT room_id, count(*) FROM memberships WHERE room_id = ANY (?) GROUP BY room_id",
                row -> counts.put(row.getLong(1), row.getLong(2)), (Object) roomIds.toArray(Long[]::new));
        return counts;
    }

    private static String containing(String query) {
        return "%" + (query == null ? "" : query.strip().toLowerCase()
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
    }

    public Optional<RoomView> find(long roomId) {
        return jdbc.one(VIEW + " WHERE r.id = ?", RoomService::view, roomId);
    }

    /** Rooms two users share (that the viewer may see: both are members), by name. */
    public List<RoomView> shared(long userA, long userB) {
        return jdbc.list(VIEW + """
                 JOIN memberships a ON a.room_id = r.id AND a.user_id = ?
                 JOIN memberships b ON b.room_id = r.id AND b.user_id = ?
                 WHERE r.kind <> 'direct'
                 ORDER BY r.kind = 'global' DESC, lower(r.name)""", RoomService::view, userA, userB);
    }

    // ---- changes ----

    /** Every newcomer joins the global rooms, in the registration transaction. */
    void joinGlobalRooms(@Observes(during = TransactionPhase.IN_PROGRESS) UserRegistered user) {
        jdbc.update("INSERT INTO memberships (room_id, user_id) SELECT id, ? FROM rooms WHERE kind = 'global'", user.userId());
    }

    public RoomView create(UserRef owner, String name, String topic, String visibility) {
        return create(owner, name, topic, visibility, false);
    }

    /** Creates a room the caller owns; in an announcement room only the owner and the moderators post. */
    @Transactional
    public RoomView create(UserRef owner, String name, String topic, String visibility, boolean announcement) {
        var errors = new ArrayList<FieldError>();
        String checkedName = checkName(name, errors);
        String checkedTopic = checkTopic(topic, errors);
        if (!"public".equals(visibility) && !"private".equals(visibility)) {
            errors.add(new FieldError("visibility", "room.visibility.invalid"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        long id;
        try {
            id = jdbc.one("INSERT INTO rooms (name, kind, topic, owner_id, announcement) VALUES (?, ?, ?, ?, ?) RETURNING id",
                    row -> row.getLong(1), checkedName, visibility, checkedTopic, owner.id(), announcement).orElseThrow();
        } catch (DatabaseException e) {
            throw nameTakenOr(e);
        }
        jdbc.update("INSERT INTO memberships (room_id, user_id) VALUES (?, ?)", id, owner.id());
        var room = find(id).orElseThrow();
        changes.fire(new RoomChanged("created", room.withMembers(1, null), owner.login(), Set.of(owner.login()), Set.of(owner.login()), null));
        return room;
    }

    /**
     * Adds a member: a user joining a public room themselves, or the owner adding anyone to their room.
     * False when they were a member already (nothing changes, nobody is told).
     */
    @Transactional
    public boolean addMember(UserRef actor, long roomId, String login) {
        lockRoom(roomId);
        var room = visibleRoom(actor, roomId);
        var target = user(login);
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
        var audience = memberLogins(roomId);
        changes.fire(new RoomChanged(self ? "joined" : "added", find(roomId).orElseThrow(), target.login(), audience,
                Set.of(target.login()), null));
        return true;
    }

    /**
     * Removes a member: anyone leaving (not general), or the owner removing someone else. An owner who
     * leaves hands the room to the longest-standing member; the last member leaving a private room or
     * direct conversation deletes it.
     */
    @Transactional
    public void removeMember(UserRef actor, long roomId, String login) {
        lockRoom(roomId);
        var room = visibleRoom(actor, roomId);
        var target = user(login);
        boolean self = target.id() == actor.id();
        if ("global".equals(room.kind())) {
            throw new RoomException(RoomError.FORBIDDEN, "room.error.generalStays");
        }
        if (!self && !actor.login().equals(room.owner())) {
            throw new RoomException(RoomError.FORBIDDEN, "room.error.ownerOnly");
        }
        var before = memberLogins(roomId);
        if (jdbc.update("DELETE FROM memberships WHERE room_id = ? AND user_id = ?", roomId, target.id()) == 0) {
            throw new RoomException(RoomError.NOT_A_MEMBER, "room.error.notMember");
        }
        // A moderator who leaves (or is removed) moderates no more; a mute stays, so leaving and rejoining does not end it.
        jdbc.update("DELETE FROM room_moderators WHERE room_id = ? AND user_id = ?", roomId, target.id());
        var remaining = jdbc.list("SELECT user_id FROM memberships WHERE room_id = ? ORDER BY joined_at, user_id",
                row -> row.getLong(1), roomId);
        if (remaining.isEmpty() && isHidden(room.kind())) {
            jdbc.update("DELETE FROM rooms WHERE id = ?", roomId);
            changes.fire(new RoomChanged("deleted", room, target.login(), before, Set.of(), target.login()));
            return;
        }
        if (target.login().equals(room.owner())) {
            jdbc.update("UPDATE rooms SET owner_id = ? WHERE id = ?", remaining.isEmpty() ? null : remaining.get(0), roomId);
        }
        changes.fire(new RoomChanged(self ? "left" : "removed", find(roomId).orElseThrow(), target.login(), before,
                Set.of(), target.login()));
    }

    /** The owner renames the room, changes its topic or hands it to another member; null leaves a field as it is. */
    @Transactional
    public RoomView update(UserRef actor, long roomId, String name, String topic, String newOwner) {
        lockRoom(roomId);
        var room = visibleRoom(actor, roomId);
        requireOwner(actor, room);
        var errors = new ArrayList<FieldError>();
        String checkedName = name == null ? room.name() : checkName(name, errors);
        String checkedTopic = topic == null ? room.topic() : checkTopic(topic, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Long ownerId = null;
        if (newOwner != null) {
            var target = user(newOwner);
            if (jdbc.count("SELECT count(*) FROM memberships WHERE room_id = ? AND user_id = ?", roomId, target.id()) == 0) {
                throw new RoomException(RoomError.NOT_A_MEMBER, "room.error.newOwnerNotMember");
            }
            ownerId = target.id();
        }
        try {
            jdbc.update("UPDATE rooms SET name = ?, topic = ?, owner_id = COALESCE(?, owner_id) WHERE id = ?",
                    checkedName, checkedTopic, ownerId, roomId);
        } catch (DatabaseException e) {
            throw nameTakenOr(e);
        }
        var updated = find(roomId).orElseThrow();
        changes.fire(new RoomChanged("updated", updated, actor.login(), memberLogins(roomId), Set.of(), null));
        return updated;
    }

    /** The owner deletes the room and its messages. */
    @Transactional
    public void delete(UserRef actor, long roomId) {
        lockRoom(roomId);
        var room = visibleRoom(actor, roomId);
        requireOwner(actor, room);
        var audience = memberLogins(roomId);
        jdbc.update("DELETE FROM rooms WHERE id = ?", roomId);
        changes.fire(new RoomChanged("deleted", room, actor.login(), audience, Set.of(), null));
    }

    /** The direct conversation of two users: created on first use, the same room afterwards. */
    @Transactional
    public RoomView direct(UserRef me, String otherLogin) {
        var other = user(otherLogin);
        if (other.id() == me.id()) {
            throw new RoomException(RoomError.FORBIDDEN, "room.error.directNeedsTwo");
        }
        String key = Math.min(me.id(), other.id()) + ":" + Math.max(me.id(), other.id());
        long id = jdbc.one("SELECT id FROM rooms WHERE direct_key = ?", row -> row.getLong(1), key)
                .orElseGet(() -> jdbc.one("""
                        INSERT INTO rooms (name, kind, direct_key) VALUES ('direct', 'direct', ?)
                        ON CONFLICT (direct_key) WHERE direct_key IS NOT NULL DO UPDATE SET direct_key = EXCLUDED.direct_key
                        RETURNING id""", row -> row.getLong(1), key).orElseThrow());
        lockRoom(id);
        // Both belong to it: on first use, and again after one of them left.
        int added = jdbc.update("INSERT INTO memberships (room_id, user_id) VALUES (?, ?), (?, ?) ON CONFLICT DO NOTHING",
                id, me.id(), id, other.id());
        var room = directView(id);
        if (added > 0) {
            var pair = Set.of(me.login(), other.login());
            changes.fire(new RoomChanged("created", room, me.login(), pair, pair, null));
        }
        return room;
    }

    /** Remembers how far a member has read; the unread count of every tab and device follows. */
    @Transactional
    public long markRead(UserRef me, long roomId, long seq) {
        if (access(roomId, me.id()) != Access.MEMBER) {
            throw new RoomException(RoomError.NOT_FOUND, "room.error.notFound");
        }
        return jdbc.one("""
                UPDATE memberships m SET last_read_seq = GREATEST(m.last_read_seq, LEAST(?, r.last_seq))
                  FROM rooms r WHERE r.id = m.room_id AND m.room_id = ? AND m.user_id = ?
                RETURNING m.last_read_seq""", row -> row.getLong(1), seq, roomId, me.id()).orElse(0L);
    }

    /** Keeps the caches true once a change has committed (runs before the realtime announcement). */
    void afterChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) @jakarta.annotation.Priority(100) RoomChanged change) {
        forget(change.room().id()); // re-read on next use: simpler than patching and always right
    }

    // ---- helpers ----

    RoomView visibleRoom(UserRef viewer, long roomId) {
        var room = find(roomId).orElseThrow(() -> new RoomException(RoomError.NOT_FOUND, "room.error.notFound"));
        if (isHidden(room.kind())
                && jdbc.count("SELECT count(*) FROM memberships WHERE room_id = ? AND user_id = ?", roomId, viewer.id()) == 0) {
            throw new RoomException(RoomError.NOT_FOUND, "room.error.notFound");
        }
        return room;
    }

    private static void requireOwner(UserRef actor, RoomView room) {
        if ("global".equals(room.kind()) || "direct".equals(room.kind()) || !actor.login().equals(room.owner())) {
            throw new RoomException(RoomError.FORBIDDEN, "room.error.ownerOnly");
        }
    }

    private RoomView directView(long id) {
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

    UserRef user(String login) {
        String normalized = login == null ? "" : login.strip().toLowerCase();
        return jdbc.one("SELECT id, login, display_name FROM users WHERE login = ?",
                row -> new UserRef(row.getLong(1), row.getString(2), row.getString(3)), normalized)
                .orElseThrow(() -> new RoomException(RoomError.USER_NOT_FOUND, "room.error.userNotFound"));
    }

    private static String checkName(String name, List<FieldError> errors) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            errors.add(new FieldError("name", "room.name.required"));
        } else if (trimmed.codePointCount(0, trimmed.length()) > NAME_MAX) {
            errors.add(new FieldError("name", "room.name.tooLong"));
        } else if (hasControl(trimmed)) {
            errors.add(new FieldError("name", "room.name.invalid"));
        }
        return trimmed;
    }

    private static String checkTopic(String topic, List<FieldError> errors) {
        String trimmed = topic == null ? "" : topic.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > TOPIC_MAX) {
            errors.add(new FieldError("topic", "room.topic.tooLong"));
        } else if (hasControl(trimmed)) {
            errors.add(new FieldError("topic", "room.topic.invalid"));
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static boolean hasControl(String text) {
        return VisibleText.hasHiddenCharacters(text, false);
    }

    private static RuntimeException nameTakenOr(DatabaseException e) {
        return Database.hasSqlState(e, UNIQUE_VIOLATION) ? new RoomException(RoomError.NAME_TAKEN, "room.error.nameTaken") : e;
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
