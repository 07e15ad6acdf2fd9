package org.jointchat.pin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jointchat.account.UserRef;
import org.jointchat.message.ChatError;
import org.jointchat.message.ChatException;
import org.jointchat.message.ChatMessage;
import org.jointchat.message.MessageService;
import org.jointchat.message.MessageStore;
import org.jointchat.platform.Jdbc;
import org.jointchat.room.Moderation;

/**
 * Who pins what. Members only (others as for reading the room: NOT_MEMBER / NOT_FOUND). Any member pins in a room
 * of up to {@link #OPEN_PINNING_MAX} members; in a larger room and in an announcement room only the owner, its
 * moderators and administrators do ({@link Moderation#moderates}). A deleted message and a system line cannot be
 * pinned; an archived room is read-only. Unpinning follows the same rule as pinning.
 */
@ApplicationScoped
public class PinService {

    /** Up to this many members, every member may pin (issue 22). */
    public static final int OPEN_PINNING_MAX = 100;

    /** The most pins a room lists. */
    public static final int LIST_MAX = 100;

    /** A pin with its message as it is now. */
    public record Pin(ChatMessage message, String pinnedBy, String pinnedByName, Instant pinnedAt) {
    }

    @Inject
    Jdbc jdbc;

    @Inject
    MessageService messages;

    @Inject
    MessageStore store;

    @Inject
    Event<PinsChanged> changes;

    /** Pins a message; true when this call pinned it, false when it was pinned already. */
    @Transactional
    public boolean pin(UserRef user, long roomId, long seq) {
        requireMayPin(user, roomId);
        var message = store.one(roomId, seq).orElseThrow(() -> new ChatException(ChatError.NOT_FOUND, "no such message"));
        if (message.isSystem()) {
            throw new ChatException(ChatError.FORBIDDEN, "a system line cannot be pinned");
        }
        if (message.deleted()) {
            throw new ChatException(ChatError.FORBIDDEN, "the message is deleted");
        }
        boolean pinned = jdbc.update("INSERT INTO pins (room_id, seq, pinned_by) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                roomId, seq, user.id()) == 1;
        if (pinned) {
            changes.fire(new PinsChanged("pinned", roomId, seq, user.login(), memberLogins(roomId)));
        }
        return pinned;
    }

    /** Unpins a message; unpinning one that is not pinned changes nothing. */
    @Transactional
    public void unpin(UserRef user, long roomId, long seq) {
        requireMayPin(user, roomId);
        if (jdbc.update("DELETE FROM pins WHERE room_id = ? AND seq = ?", roomId, seq) == 1) {
            changes.fire(new PinsChanged("unpinned", roomId, seq, user.login(), memberLogins(roomId)));
        }
    }

    /** The room's pins, newest first; a message deleted since it was pinned is left out. */
    public List<Pin> list(UserRef reader, long roomId) {
        messages.requireMember(reader, roomId);
        record Row(long seq, String by, String byName, Instant at) {
        }
        var rows = jdbc.list("""
                SELECT p.seq, u.login, u.display_name, p.pinned_at FROM pins p LEFT JOIN users u ON u.id = p.pinned_by
                 WHERE p.room_id = ? ORDER BY p.pinned_at DESC, p.seq DESC LIMIT ?""",
                row -> new Row(row.getLong(1), row.getString(2), row.getString(3), row.getObject(4, OffsetDateTime.class).toInstant()),
                roomId, LIST_MAX);
        // One query per pin: a room has few of them, and MessageStore renders a message one way only.
        return rows.stream()
                .map(r -> store.one(roomId, r.seq()).filter(m -> !m.deleted()).map(m -> new Pin(m, r.by(), r.byName(), r.at())))
                .flatMap(Optional::stream)
                .toList();
    }

    private void requireMayPin(UserRef user, long roomId) {
        messages.requireMember(user, roomId);
        var room = jdbc.one("SELECT r.archived_at IS NOT NULL, r.announcement, "
                + "(SELECT count(*) FROM memberships m WHERE m.room_id = r.id), " + Moderation.moderates("me.id", "r.id")
                + " FROM rooms r, users me WHERE me.id = ? AND r.id = ?",
                row -> new boolean[] {row.getBoolean(1), row.getBoolean(2), row.getLong(3) > OPEN_PINNING_MAX, row.getBoolean(4)},
                user.id(), roomId).orElseThrow(() -> new ChatException(ChatError.NOT_FOUND, "no such room"));
        if (room[0]) {
            throw new ChatException(ChatError.ARCHIVED, "the room is archived");
        }
        if ((room[1] || room[2]) && !room[3]) {
            throw new ChatException(ChatError.FORBIDDEN, "only the owner and the moderators pin in this room");
        }
    }

    private Set<String> memberLogins(long roomId) {
        return new HashSet<>(jdbc.list("SELECT u.login FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.room_id = ?",
                row -> row.getString(1), roomId));
    }
}
