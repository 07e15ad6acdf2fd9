package org.jointchat.room;

import static org.jointchat.room.RoomNames.checkName;
import static org.jointchat.room.RoomNames.checkTopic;
import static org.jointchat.room.RoomNames.nameTakenOr;

import jakarta.enterprise.event.Event;
import java.util.ArrayList;
import java.util.Objects;
import java.util.List;
import java.util.Set;
import org.jointchat.account.FieldError;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.UserRef;
import org.jointchat.platform.DatabaseException;
import org.jointchat.platform.Jdbc;

/**
 * A room as a whole: creating it, its owner renaming it, changing its topic or handing it over, and deleting it.
 * Each change runs in {@link RoomService}'s transaction, under the room's lock, and is announced as a
 * {@link RoomChanged}.
 */
final class RoomSettings {

    private final Jdbc jdbc;
    private final Event<RoomChanged> changes;
    private final RoomService rooms;
    private final RoomQueries queries;

    RoomSettings(Jdbc jdbc, Event<RoomChanged> changes, RoomService rooms, RoomQueries queries) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.rooms = rooms;
        this.queries = queries;
    }

    /** See {@link RoomService#create(UserRef, String, String, String, boolean)}. */
    RoomView create(UserRef owner, String name, String topic, String visibility, boolean announcement) {
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
        var room = queries.find(id).orElseThrow();
        changes.fire(new RoomChanged("created", room.withMembers(1, null), owner.login(), Set.of(owner.login()), Set.of(owner.login()), null, List.of()));
        return room;
    }

    /** See {@link RoomService#update}. */
    RoomView update(UserRef actor, long roomId, String name, String topic, String newOwner) {
        rooms.lockRoom(roomId);
        var room = queries.visibleRoom(actor, roomId);
        requireOwner(actor, room);
        var errors = new ArrayList<FieldError>();
        String checkedName = name == null ? room.name() : checkName(name, errors);
        String checkedTopic = topic == null ? room.topic() : checkTopic(topic, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Long ownerId = null;
        String ownerLogin = room.owner();
        if (newOwner != null) {
            var target = queries.user(newOwner);
            ownerLogin = target.login();
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
        var lines = SystemLines.of(jdbc);
        if (!checkedName.equals(room.name())) {
            lines.write(roomId, actor.id(), SystemLines.RENAMED, null, checkedName);
        }
        if (!Objects.equals(blankToNull(checkedTopic), blankToNull(room.topic()))) {
            lines.write(roomId, actor.id(), SystemLines.TOPIC, null, checkedTopic == null ? "" : checkedTopic);
        }
        if (ownerId != null && !ownerLogin.equals(room.owner())) {
            lines.write(roomId, actor.id(), SystemLines.OWNER, ownerId, null);
        }
        var updated = queries.find(roomId).orElseThrow();
        changes.fire(new RoomChanged("updated", updated, actor.login(), queries.memberLogins(roomId), Set.of(), null, lines.seqs()));
        return updated;
    }

    /** See {@link RoomService#delete}. */
    void delete(UserRef actor, long roomId) {
        rooms.lockRoom(roomId);
        var room = queries.visibleRoom(actor, roomId);
        requireOwner(actor, room);
        var audience = queries.memberLogins(roomId);
        jdbc.update("DELETE FROM rooms WHERE id = ?", roomId);
        changes.fire(new RoomChanged("deleted", room, actor.login(), audience, Set.of(), null, List.of()));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static void requireOwner(UserRef actor, RoomView room) {
        if ("global".equals(room.kind()) || "direct".equals(room.kind()) || !actor.login().equals(room.owner())) {
            throw new RoomException(RoomError.FORBIDDEN, "room.error.ownerOnly");
        }
    }
}
