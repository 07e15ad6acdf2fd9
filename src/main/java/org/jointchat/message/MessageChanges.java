package org.jointchat.message;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jointchat.attachment.AttachmentClaims;
import org.jointchat.audit.AuditLog;
import org.jointchat.message.MessageWriter.Change;
import org.jointchat.message.MessageWriter.ChangeKind;
import org.jointchat.message.MessageWriter.Job;
import org.jointchat.room.RoomSequence;

/** A batch's changes to messages (edits, deletions, reactions, pins), inside the writer's transaction. */
final class MessageChanges {

    /** The most kinds of reaction one message carries. */
    static final int REACTION_KINDS_MAX = 20;

    private MessageChanges() {
    }

    /**
     * One edit, deletion or reaction, under its room's lock: the rules (only the author edits; the author or
     * whoever moderates the room ({@code moderator}: its owner, a moderator, an administrator) deletes; nothing
     * changes a deleted message) are decided here, against the committed state. A change that changes nothing
     * (the same text, a reaction already there) takes no version. A deletion by someone else than the author is a
     * moderator's removal: the tombstone says so, the message's open reports are resolved, the audit log has it.
     */
    static void apply(Connection c, Change change, boolean moderator, ModeratorRemovals removals,
            Map<Job, ChatException> refusals, Map<Change, ChatMessage> results, List<ChatMessage> changed) throws SQLException {
        long messageId;
        long authorId;
        boolean deleted;
        String text;
        String authorLogin;
        boolean system;
        try (var select = c.prepareStatement("""
                SELECT m.id, m.author_id, m.deleted_at IS NOT NULL, m.text, u.login, m.system_event IS NOT NULL
                  FROM messages m JOIN users u ON u.id = m.author_id WHERE m.room_id = ? AND m.seq = ? FOR UPDATE OF m""")) {
            select.setLong(1, change.roomId());
            select.setLong(2, change.seq());
            try (var rows = select.executeQuery()) {
                if (!rows.next()) {
                    refusals.put(change, new ChatException(ChatError.NOT_FOUND, "no such message"));
                    return;
                }
                messageId = rows.getLong(1);
                authorId = rows.getLong(2);
                deleted = rows.getBoolean(3);
                text = rows.getString(4);
                authorLogin = rows.getString(5);
                system = rows.getBoolean(6);
            }
        }
        if (system) {
            // A system line is the room's record of a change: nobody edits, deletes or reacts to it.
            throw refuse(change, refusals, ChatError.FORBIDDEN, "a system line cannot be changed");
        }
        boolean mine = authorId == change.actor().id();
        boolean effective = switch (change.kind()) {
            case EDIT -> {
                if (!mine) {
                    throw refuse(change, refusals, ChatError.FORBIDDEN, "only the author may edit a message");
                }
                if (deleted) {
                    throw refuse(change, refusals, ChatError.FORBIDDEN, "the message is deleted");
                }
                yield !text.equals(change.value());
            }
            case DELETE -> {
                if (!mine && !moderator) {
                    throw refuse(change, refusals, ChatError.FORBIDDEN,
                            "only the author, the room's owner or moderators, or an administrator may delete a message");
                }
                yield !deleted;
            }
            case REACT_ON, REACT_OFF, REACT_TOGGLE -> {
                if (deleted) {
                    throw refuse(change, refusals, ChatError.FORBIDDEN, "the message is deleted");
                }
                yield react(c, change, messageId, refusals);
            }
            // Pins (issue 22, item 2): who may pin was checked by pin.PinService against the room's size and kind.
            case PIN -> {
                if (deleted) {
                    throw refuse(change, refusals, ChatError.FORBIDDEN, "the message is deleted");
                }
                yield update(c, "INSERT INTO pins (room_id, seq, pinned_by) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        change.roomId(), change.seq(), change.actor().id()) == 1;
            }
            case UNPIN -> update(c, "DELETE FROM pins WHERE room_id = ? AND seq = ?", change.roomId(), change.seq()) == 1;
        };
        if (effective) {
            long version = RoomSequence.nextVersion(c, change.roomId());
            switch (change.kind()) {
                case EDIT -> {
                    update(c, "UPDATE messages SET text = ?, edited_at = clock_timestamp(), version = ? WHERE id = ?",
                            change.value(), version, messageId);
                    update(c, "DELETE FROM mentions WHERE room_id = ? AND seq = ?", change.roomId(), change.seq());
                    Mentions.store(c, List.of(new Mentions.Mentioning(change.roomId(), change.seq(), authorId, change.value())));
                }
                case DELETE -> {
                    // The row stays (seq stays gap-free); what it said, who it named, its reactions and files go.
                    update(c, "UPDATE messages SET text = '', deleted_at = clock_timestamp(), version = ?, removed_by_moderator = ? WHERE id = ?",
                            version, !mine, messageId);
                    if (!mine) {
                        removals.removed(c, change.actor(), change.roomId(), change.seq());
                        AuditLog.record(c, change.actor().login(), "message.remove", "room:" + change.roomId() + "/seq:" + change.seq(),
                                "author: " + authorLogin);
                    }
                    update(c, "DELETE FROM mentions WHERE room_id = ? AND seq = ?", change.roomId(), change.seq());
                    update(c, "DELETE FROM reactions WHERE message_id = ?", messageId);
                    update(c, "DELETE FROM pins WHERE room_id = ? AND seq = ?", change.roomId(), change.seq()); // pins, issue 22
                    AttachmentClaims.dropOfMessage(c, messageId);
                    // Forwarding (issue 22, item 5): a deleted forward loses the original it carried too.
                    update(c, """
                            UPDATE messages SET fwd_author = NULL, fwd_author_name = NULL, fwd_sent_at = NULL, fwd_text = NULL,
                                   fwd_room_id = NULL, fwd_seq = NULL WHERE id = ? AND fwd_sent_at IS NOT NULL""", messageId);
                }
                case REACT_ON, REACT_OFF, REACT_TOGGLE, PIN, UNPIN -> update(c, "UPDATE messages SET version = ? WHERE id = ?", version, messageId);
            }
        }
        var now = MessageStore.current(c, change.roomId(), change.seq()).get(0);
        results.put(change, now);
        if (effective) {
            changed.add(now);
        }
    }

    /** Puts the reaction on, takes it off, or turns it over (toggle); true when that changed anything. */
    private static boolean react(Connection c, Change change, long messageId, Map<Job, ChatException> refusals) throws SQLException {
        if (change.kind() != ChangeKind.REACT_ON) {
            boolean off = update(c, "DELETE FROM reactions WHERE message_id = ? AND emoji = ? AND user_id = ?",
                    messageId, change.value(), change.actor().id()) > 0;
            if (off || change.kind() == ChangeKind.REACT_OFF) {
                return off;
            }
        }
        try (var kinds = c.prepareStatement("""
                SELECT count(DISTINCT emoji), bool_or(emoji = ?) FROM reactions WHERE message_id = ?""")) {
            kinds.setString(1, change.value());
            kinds.setLong(2, messageId);
            try (var rows = kinds.executeQuery()) {
                rows.next();
                if (rows.getInt(1) >= REACTION_KINDS_MAX && !rows.getBoolean(2)) {
                    throw refuse(change, refusals, ChatError.INVALID, "a message carries at most " + REACTION_KINDS_MAX + " kinds of reaction");
                }
            }
        }
        return update(c, "INSERT INTO reactions (message_id, emoji, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                messageId, change.value(), change.actor().id()) > 0;
    }

    /** Records the refusal; thrown only to leave the change's switch (caught by the writer's loop over the batch's changes). */
    private static Refused refuse(Change change, Map<Job, ChatException> refusals, ChatError code, String message) {
        refusals.put(change, new ChatException(code, message));
        return new Refused();
    }

    /** Leaves a change that the rules refuse; the reason is in the refusals. */
    static final class Refused extends RuntimeException {
        Refused() {
            super(null, null, false, false);
        }
    }

    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
