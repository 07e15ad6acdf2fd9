package org.jointchat.pin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
 *
 * <p>A pin is a change of the message that the whole room sees: it goes through the message writer
 * ({@link MessageService#pin}), takes the room's next version there, and reaches members as the message's
 * {@code changed} frame with its {@code pinned} field; {@code sync} replays it. Deleting a message removes its pin
 * in the same transaction.
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

    /**
     * Pins ({@code on} true) or unpins a message; the future completes after the commit: true when this call changed
     * the pin, false when it was so already. Refusals that the committed state decides are thrown at once; the writer
     * refuses a message deleted since.
     */
    public CompletableFuture<Boolean> pin(UserRef user, long roomId, long seq, boolean on) {
        requireMayPin(user, roomId);
        var message = store.one(roomId, seq).orElseThrow(() -> new ChatException(ChatError.NOT_FOUND, "no such message"));
        if (on && message.isSystem()) {
            throw new ChatException(ChatError.FORBIDDEN, "a system line cannot be pinned");
        }
        if (on && message.deleted()) {
            throw new ChatException(ChatError.FORBIDDEN, "the message is deleted");
        }
        if (on == (message.pinned() != null)) {
            return CompletableFuture.completedFuture(false); // nothing to change: no version, no frame
        }
        return messages.pin(user, roomId, seq, on).thenApply(changed -> true);
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
}
