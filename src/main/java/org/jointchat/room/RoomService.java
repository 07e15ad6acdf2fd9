package org.jointchat.room;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jointchat.account.UserRef;
import org.jointchat.account.UserRegistered;
import org.jointchat.platform.BoundedCache;
import org.jointchat.platform.Jdbc;

/**
 * Rooms and who belongs to them, with every rule about them: who may join, add, remove, rename,
 * transfer and delete. REST, WebSocket and pages all come here. Membership is asked on every send and
 * sync, so members are cached per room once read and kept current after each committed change: that cache
 * and the access checks live here; reads are {@link RoomQueries}, membership changes
 * {@link MembershipChanges}, a room's creation, settings and deletion {@link RoomSettings}, each run in this
 * class's transactions.
 */
@ApplicationScoped
public class RoomService {

    public static final int NAME_MAX = 64;
    public static final int TOPIC_MAX = 250;
    public static final int MEMBERS_PAGE = 500;

    /** What a user may do with a room, answered from the caches. */
    public enum Access { MEMBER, NOT_MEMBER, NOT_FOUND }

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

    private RoomQueries queries;
    private MembershipChanges memberships;
    private RoomSettings settings;

    @PostConstruct
    void start() {
        queries = new RoomQueries(jdbc);
        memberships = new MembershipChanges(jdbc, changes, this, queries);
        settings = new RoomSettings(jdbc, changes, this, queries);
    }

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

    /** Private rooms and direct conversations: non-members do not even learn that they exist. */
    static boolean isHidden(String kind) {
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

    /** Keeps the caches true once a change has committed (runs before the realtime announcement). */
    void afterChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) @jakarta.annotation.Priority(100) RoomChanged change) {
        forget(change.room().id()); // re-read on next use: simpler than patching and always right
    }

    // ---- reads ----

    /**
     * The rooms a user belongs to, with last and last-read sequence numbers; direct rooms list the pair.
     * One query: every socket that opens asks for it.
     */
    public List<RoomView> roomsOf(long userId) {
        return queries.roomsOf(userId);
    }

    /** A room's details with (a page of) its members; NOT_FOUND for private rooms the viewer is not in. */
    public RoomView detail(UserRef viewer, long roomId) {
        return queries.detail(viewer, roomId);
    }

    /** Public rooms whose name contains the query (ignoring case), by name. */
    public List<RoomView> searchPublic(String query, int limit, int offset) {
        return queries.searchPublic(query, limit, offset);
    }

    /** How many public rooms {@link #searchPublic} finds for the query. */
    public long countPublic(String query) {
        return queries.countPublic(query);
    }

    /** How many members each of these rooms has (one query, for a page of rooms). */
    public Map<Long, Long> memberCounts(Collection<Long> roomIds) {
        return queries.memberCounts(roomIds);
    }

    public Optional<RoomView> find(long roomId) {
        return queries.find(roomId);
    }

    /** Rooms two users share (that the viewer may see: both are members), by name. */
    public List<RoomView> shared(long userA, long userB) {
        return queries.shared(userA, userB);
    }

    RoomView visibleRoom(UserRef viewer, long roomId) {
        return queries.visibleRoom(viewer, roomId);
    }

    Set<String> memberLogins(long roomId) {
        return queries.memberLogins(roomId);
    }

    UserRef user(String login) {
        return queries.user(login);
    }

    // ---- changes ----

    /** Every newcomer joins the global rooms, in the registration transaction. */
    void joinGlobalRooms(@Observes(during = TransactionPhase.IN_PROGRESS) UserRegistered user) {
        memberships.joinGlobalRooms(user.userId());
    }

    public RoomView create(UserRef owner, String name, String topic, String visibility) {
        return create(owner, name, topic, visibility, false);
    }

    /** Creates a room the caller owns; in an announcement room only the owner and the moderators post. */
    @Transactional
    public RoomView create(UserRef owner, String name, String topic, String visibility, boolean announcement) {
        return settings.create(owner, name, topic, visibility, announcement);
    }

    /**
     * Adds a member: a user joining a public room themselves, or the owner adding anyone to their room.
     * False when they were a member already (nothing changes, nobody is told).
     */
    @Transactional
    public boolean addMember(UserRef actor, long roomId, String login) {
        return memberships.addMember(actor, roomId, login);
    }

    /**
     * Removes a member: anyone leaving (not general), or the owner removing someone else. An owner who
     * leaves hands the room to the longest-standing member; the last member leaving a private room or
     * direct conversation deletes it.
     */
    @Transactional
    public void removeMember(UserRef actor, long roomId, String login) {
        memberships.removeMember(actor, roomId, login);
    }

    /** The owner renames the room, changes its topic or hands it to another member; null leaves a field as it is. */
    @Transactional
    public RoomView update(UserRef actor, long roomId, String name, String topic, String newOwner) {
        return settings.update(actor, roomId, name, topic, newOwner);
    }

    /** The owner deletes the room and its messages. */
    @Transactional
    public void delete(UserRef actor, long roomId) {
        settings.delete(actor, roomId);
    }

    /** The direct conversation of two users: created on first use, the same room afterwards. */
    @Transactional
    public RoomView direct(UserRef me, String otherLogin) {
        return memberships.direct(me, otherLogin);
    }

    /** Remembers how far a member has read; the unread count of every tab and device follows. */
    @Transactional
    public long markRead(UserRef me, long roomId, long seq) {
        return memberships.markRead(me, roomId, seq);
    }
}
