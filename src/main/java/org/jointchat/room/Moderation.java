package org.jointchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jointchat.account.Roles;
import org.jointchat.account.UserRef;
import org.jointchat.audit.AuditLog;
import org.jointchat.platform.Jdbc;

/**
 * Who moderates a room, and what moderators do to its members: the one place of these rules. The owner appoints
 * and removes moderators; the owner, the moderators and every administrator moderate (mute, ban, remove
 * messages); the owner (or an administrator) makes it an announcement room; administrators archive rooms.
 * <p>
 * The sends themselves are not checked here: the message writer decides mutes, announcement rooms and archived
 * rooms in its own transaction, under the room's row lock (docs/architecture.md, "Moderation"), with
 * {@link #moderates}. Every action is written to the audit log in its transaction and announced as a
 * {@link RoomChanged} (which also crosses the cluster).
 */
@ApplicationScoped
public class Moderation {

    /** The mute durations the pages offer; the API takes any from a minute to a year. */
    public static final Duration MUTE_MIN = Duration.ofMinutes(1);
    public static final Duration MUTE_MAX = Duration.ofDays(366);

    @Inject
    Jdbc jdbc;

    @Inject
    RoomService rooms;

    @Inject
    Roles roles;

    @Inject
    AuditLog audit;

    @Inject
    Event<RoomChanged> changes;

    /**
     * A moderator, a mute or a ban as the settings page and the API list them: {@code until} (mutes: when it ends),
     * {@code since} (bans: when) and {@code by} (who muted or banned; null when unknown) are absent where they do not apply.
     */
    public record Restriction(String login, String displayName, Instant until, Instant since, String by) {
    }

    /**
     * The rule as SQL: true when the user (an expression for its id) moderates the room (an expression for its id):
     * its owner, one of its moderators, or an administrator. Used by every query that decides it, the writer's too.
     */
    public static String moderates(String userId, String roomId) {
        return """
                (EXISTS (SELECT 1 FROM rooms mo_r WHERE mo_r.id = %2$s AND mo_r.owner_id = %1$s)
                 OR EXISTS (SELECT 1 FROM room_moderators mo_m WHERE mo_m.room_id = %2$s AND mo_m.user_id = %1$s)
                 OR EXISTS (SELECT 1 FROM users mo_u WHERE mo_u.id = %1$s AND mo_u.is_admin AND mo_u.deactivated_at IS NULL))"""
                .formatted(userId, roomId);
    }

    public boolean canModerate(UserRef actor, long roomId) {
        return jdbc.one("SELECT " + moderates("u.id", "r.id") + " FROM users u, rooms r WHERE u.id = ? AND r.id = ?",
                row -> row.getBoolean(1), actor.id(), roomId).orElse(false);
    }

    // ---- moderators ----

    /** The room's owner (or an administrator) appoints a member as moderator; false when they were one already. */
    @Transactional
    public boolean addModerator(UserRef actor, long roomId, String login) {
        var room = lockedRoom(actor, roomId);
        requireOwnerOrAdmin(actor, room);
        var target = rooms.user(login);
        requireMember(roomId, target);
        if (jdbc.update("INSERT INTO room_moderators (room_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING", roomId, target.id()) == 0) {
            return false;
        }
        audit.record(actor.login(), "room.moderator.add", target(roomId), "login: " + target.login());
        announce("moderators", roomId, target.login());
        return true;
    }

    @Transactional
    public void removeModerator(UserRef actor, long roomId, String login) {
        var room = lockedRoom(actor, roomId);
        requireOwnerOrAdmin(actor, room);
        var target = rooms.user(login);
        if (jdbc.update("DELETE FROM room_moderators WHERE room_id = ? AND user_id = ?", roomId, target.id()) > 0) {
            audit.record(actor.login(), "room.moderator.remove", target(roomId), "login: " + target.login());
            announce("moderators", roomId, target.login());
        }
    }

    /** The room's moderators (not its owner), for anyone who may see the room. */
    public List<Restriction> moderators(UserRef viewer, long roomId) {
        if (!roles.isAdmin(viewer.id())) {
            rooms.visibleRoom(viewer, roomId);
        } else if (rooms.find(roomId).isEmpty()) {
            throw new RoomException(RoomError.NOT_FOUND, "room.error.notFound");
        }
        return jdbc.list("""
                SELECT u.login, u.display_name FROM room_moderators rm JOIN users u ON u.id = rm.user_id
                 WHERE rm.room_id = ? ORDER BY u.login""",
                row -> new Restriction(row.getString(1), row.getString(2), null, null, null), roomId);
    }

    // ---- mutes ----

    /** Mutes a member for a while: they still read, but their sends, edits and reactions are refused until then. */
    @Transactional
    public Restriction mute(UserRef actor, long roomId, String login, Duration duration) {
        if (duration == null || duration.compareTo(MUTE_MIN) < 0 || duration.compareTo(MUTE_MAX) > 0) {
            throw new RoomException(RoomError.INVALID, "room.error.muteDuration");
        }
        var room = lockedRoom(actor, roomId);
        requireModerator(actor, roomId);
        var target = rooms.user(login);
        requireMember(roomId, target);
        requireOutranked(actor, room, target);
        var until = Instant.now().plus(duration).truncatedTo(ChronoUnit.SECONDS);
        jdbc.update("""
                INSERT INTO room_mutes (room_id, user_id, until, muted_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (room_id, user_id) DO UPDATE SET until = EXCLUDED.until, muted_by = EXCLUDED.muted_by,
                                                            created_at = now()""",
                roomId, target.id(), OffsetDateTime.ofInstant(until, ZoneOffset.UTC), actor.id());
        audit.record(actor.login(), "member.mute", target(roomId), "login: " + target.login() + ", until: " + until);
        var view = rooms.find(roomId).orElseThrow().withMute(until);
        changes.fire(new RoomChanged("muted", view, target.login(), Set.of(target.login()), Set.of(), null, List.of()));
        return new Restriction(target.login(), target.displayName(), until, null, actor.login());
    }

    @Transactional
    public void unmute(UserRef actor, long roomId, String login) {
        lockedRoom(actor, roomId);
        requireModerator(actor, roomId);
        var target = rooms.user(login);
        if (jdbc.update("DELETE FROM room_mutes WHERE room_id = ? AND user_id = ?", roomId, target.id()) > 0) {
            audit.record(actor.login(), "member.unmute", target(roomId), "login: " + target.login());
            var view = rooms.find(roomId).orElseThrow();
            changes.fire(new RoomChanged("unmuted", view, target.login(), Set.of(target.login()), Set.of(), null, List.of()));
        }
    }

    /** The members muted now, by when their mute ends; for moderators. */
    public List<Restriction> mutes(UserRef actor, long roomId) {
        viewedByModerator(actor, roomId);
        return jdbc.list("""
                SELECT u.login, u.display_name, mt.until, mt.created_at, b.login
                  FROM room_mutes mt JOIN users u ON u.id = mt.user_id LEFT JOIN users b ON b.id = mt.muted_by
                 WHERE mt.room_id = ? AND mt.until > now() ORDER BY mt.until, u.login""",
                row -> new Restriction(row.getString(1), row.getString(2), row.getObject(3, OffsetDateTime.class).toInstant(),
                        row.getObject(4, OffsetDateTime.class).toInstant(), row.getString(5)), roomId);
    }

    // ---- bans ----

    /** Bans a user from a public room: out of it now (their sockets stop receiving it), and they cannot rejoin. */
    @Transactional
    public Restriction ban(UserRef actor, long roomId, String login) {
        var room = lockedRoom(actor, roomId);
        requireModerator(actor, roomId);
        if (!"public".equals(room.kind())) {
            throw new RoomException(RoomError.FORBIDDEN, "room.error.banPublicOnly");
        }
        var target = rooms.user(login);
        requireOutranked(actor, room, target);
        var before = rooms.memberLogins(roomId);
        jdbc.update("INSERT INTO room_bans (room_id, user_id, banned_by) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                roomId, target.id(), actor.id());
        boolean wasMember = jdbc.update("DELETE FROM memberships WHERE room_id = ? AND user_id = ?", roomId, target.id()) > 0;
        jdbc.update("DELETE FROM room_moderators WHERE room_id = ? AND user_id = ?", roomId, target.id());
        jdbc.update("DELETE FROM room_mutes WHERE room_id = ? AND user_id = ?", roomId, target.id());
        audit.record(actor.login(), "member.ban", target(roomId), "login: " + target.login());
        var audience = new HashSet<>(before);
        audience.add(target.login());
        // Only a member's ban changes who is in the room: that one is in its timeline.
        var lines = wasMember ? SystemLines.of(jdbc).write(roomId, actor.id(), SystemLines.BANNED, target.id(), null).seqs() : List.<Long>of();
        changes.fire(new RoomChanged("banned", rooms.find(roomId).orElseThrow(), target.login(), audience, Set.of(),
                wasMember ? target.login() : null, lines));
        return jdbc.one("SELECT created_at FROM room_bans WHERE room_id = ? AND user_id = ?",
                row -> new Restriction(target.login(), target.displayName(), null, row.getObject(1, OffsetDateTime.class).toInstant(),
                        actor.login()), roomId, target.id()).orElseThrow();
    }

    @Transactional
    public void unban(UserRef actor, long roomId, String login) {
        lockedRoom(actor, roomId);
        requireModerator(actor, roomId);
        var target = rooms.user(login);
        if (jdbc.update("DELETE FROM room_bans WHERE room_id = ? AND user_id = ?", roomId, target.id()) > 0) {
            audit.record(actor.login(), "member.unban", target(roomId), "login: " + target.login());
        }
    }

    /** The users banned from the room, by login; for moderators. */
    public List<Restriction> bans(UserRef actor, long roomId) {
        viewedByModerator(actor, roomId);
        return jdbc.list("""
                SELECT u.login, u.display_name, b.created_at, bb.login
                  FROM room_bans b JOIN users u ON u.id = b.user_id LEFT JOIN users bb ON bb.id = b.banned_by
                 WHERE b.room_id = ? ORDER BY u.login""",
                row -> new Restriction(row.getString(1), row.getString(2), null, row.getObject(3, OffsetDateTime.class).toInstant(),
                        row.getString(4)), roomId);
    }

    // ---- the room's modes ----

    /** The owner (or an administrator) makes the room an announcement room, or a normal one again. */
    @Transactional
    public RoomView setAnnouncement(UserRef actor, long roomId, boolean announcement) {
        var room = lockedRoom(actor, roomId);
        requireOwnerOrAdmin(actor, room);
        if (jdbc.update("UPDATE rooms SET announcement = ? WHERE id = ? AND announcement <> ?", announcement, roomId, announcement) > 0) {
            audit.record(actor.login(), announcement ? "room.announcement.on" : "room.announcement.off", target(roomId), room.name());
            announce("updated", roomId, actor.login());
        }
        return rooms.find(roomId).orElseThrow();
    }

    /** An administrator archives the room (read-only for everyone, still in history and search) or unarchives it. */
    @Transactional
    public void setArchived(UserRef admin, long roomId, boolean archived) {
        if (!roles.isAdmin(admin.id())) {
            throw new RoomException(RoomError.FORBIDDEN, "room.error.adminOnly");
        }
        rooms.lockRoom(roomId);
        var room = rooms.find(roomId).filter(r -> !"direct".equals(r.kind()))
                .orElseThrow(() -> new RoomException(RoomError.NOT_FOUND, "room.error.notFound"));
        if (jdbc.update("UPDATE rooms SET archived_at = CASE WHEN ? THEN now() END WHERE id = ? AND (archived_at IS NOT NULL) <> ?",
                archived, roomId, archived) > 0) {
            audit.record(admin.login(), archived ? "room.archive" : "room.unarchive", target(roomId), room.name());
            announce(archived ? "archived" : "unarchived", roomId, admin.login());
        }
    }

    // ---- helpers ----

    static String target(long roomId) {
        return "room:" + roomId;
    }

    private void announce(String event, long roomId, String login) {
        changes.fire(new RoomChanged(event, rooms.find(roomId).orElseThrow(), login, rooms.memberLogins(roomId), Set.of(), null, List.of()));
    }

    /** Locks the room's row (every change to a room takes it first); administrators see private rooms too. */
    private RoomView lockedRoom(UserRef actor, long roomId) {
        rooms.lockRoom(roomId);
        var room = rooms.find(roomId).orElseThrow(() -> new RoomException(RoomError.NOT_FOUND, "room.error.notFound"));
        if ("direct".equals(room.kind())) {
            throw new RoomException(RoomError.FORBIDDEN, "room.error.notModerated");
        }
        return roles.isAdmin(actor.id()) ? room : rooms.visibleRoom(actor, roomId);
    }

    /** For the lists of mutes and bans: the room as {@link #lockedRoom} finds it (without the lock), and a moderator. */
    private void viewedByModerator(UserRef actor, long roomId) {
        var room = rooms.find(roomId).orElseThrow(() -> new RoomException(RoomError.NOT_FOUND, "room.error.notFound"));
        if (!roles.isAdmin(actor.id())) {
            rooms.visibleRoom(actor, roomId);
        }
        if ("direct".equals(room.kind())) {
            throw new RoomException(RoomError.FORBIDDEN, "room.error.notModerated");
        }
        requireModerator(actor, roomId);
    }

    private void requireOwnerOrAdmin(UserRef actor, RoomView room) {
        if (!actor.login().equals(room.owner()) && !roles.isAdmin(actor.id())) {
            throw new RoomException(RoomError.FORBIDDEN, "room.error.ownerOnly");
        }
    }

    private void requireModerator(UserRef actor, long roomId) {
        if (!canModerate(actor, roomId)) {
            throw new RoomException(RoomError.FORBIDDEN, "room.error.moderatorOnly");
        }
    }

    /** Nobody mutes or bans themselves, the room's owner, or an administrator. */
    private void requireOutranked(UserRef actor, RoomView room, UserRef target) {
        if (target.id() == actor.id() || target.login().equals(room.owner()) || roles.isAdmin(target.id())) {
            throw new RoomException(RoomError.FORBIDDEN, "room.error.cannotRestrict");
        }
    }

    private void requireMember(long roomId, UserRef target) {
        if (!rooms.isGlobal(roomId)
                && jdbc.count("SELECT count(*) FROM memberships WHERE room_id = ? AND user_id = ?", roomId, target.id()) == 0) {
            throw new RoomException(RoomError.NOT_A_MEMBER, "room.error.notMember");
        }
    }
}
