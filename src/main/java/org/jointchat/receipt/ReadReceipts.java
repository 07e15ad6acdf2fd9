package org.jointchat.receipt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.jointchat.account.ReadReceiptSharing;
import org.jointchat.account.UserRef;
import org.jointchat.message.ChatError;
import org.jointchat.message.ChatException;
import org.jointchat.message.MessageService;
import org.jointchat.platform.Jdbc;
import org.jointchat.room.RoomService;

/**
 * Who has read what. A member has read a message when their read mark ({@code memberships.last_read_seq}) is at or past
 * its seq; its author is never listed. Receipts are kept only in direct rooms and rooms of up to {@link #ROOM_MAX}
 * members, and only between users who share them: a user who turned sharing off is nobody's reader and sees no
 * readers (an empty list), so the setting hides both ways.
 */
@ApplicationScoped
public class ReadReceipts {

    /** Rooms with more members keep no receipts (issue 22): no readers list, no {@code seen} frames. */
    public static final int ROOM_MAX = 100;

    /** One reader of a message. */
    public record Reader(String login, String displayName) {
    }

    /** The readers of a message; {@code sharing} false when the caller turned sharing off (then {@code items} is empty). */
    public record Readers(boolean sharing, List<Reader> items) {
    }

    /** Who hears that {@code reader} read on: the room's other members who share receipts. */
    record Audience(UserRef reader, java.util.Set<String> logins) {
    }

    @Inject
    Jdbc jdbc;

    @Inject
    MessageService messages;

    @Inject
    ReadReceiptSharing sharing;

    @Inject
    RoomService rooms;

    /**
     * The readers of message {@code seq}: members only (others as for reading the room: 404, or 403 for a public room
     * the caller is not in), a message that exists (404), a room of up to {@link #ROOM_MAX} members (409).
     */
    public Readers readers(UserRef caller, long roomId, long seq) {
        messages.requireMember(caller, roomId);
        record Target(long author, Long threadRoot) {
        }
        var target = jdbc.one("SELECT author_id, CASE WHEN NOT also_to_room THEN thread_seq END FROM messages WHERE room_id = ? AND seq = ?",
                row -> new Target(row.getLong(1), row.getObject(2) == null ? null : row.getLong(2)), roomId, seq)
                .orElseThrow(() -> new ChatException(ChatError.NOT_FOUND, "no such message"));
        if (!keepsReceipts(roomId)) {
            throw new ReceiptsUnavailableException();
        }
        if (!sharing.shares(caller.id())) {
            return new Readers(false, List.of());
        }
        if (target.threadRoot() != null) {
            // A thread-only reply is not in the room's main list: reading the room passes it unseen. Its readers are
            // those whose read mark of the thread (set when they open it) reached it.
            return new Readers(true, jdbc.list("""
                    SELECT u.login, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
                      JOIN thread_follows tf ON tf.room_id = m.room_id AND tf.root_seq = ? AND tf.user_id = m.user_id
                     WHERE m.room_id = ? AND tf.last_read_seq >= ? AND m.user_id <> ? AND u.share_read_receipts
                     ORDER BY lower(u.display_name), u.login""",
                    row -> new Reader(row.getString(1), row.getString(2)), target.threadRoot(), roomId, seq, target.author()));
        }
        return new Readers(true, jdbc.list("""
                SELECT u.login, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
                 WHERE m.room_id = ? AND m.last_read_seq >= ? AND m.user_id <> ? AND u.share_read_receipts
                 ORDER BY lower(u.display_name), u.login""",
                row -> new Reader(row.getString(1), row.getString(2)), roomId, seq, target.author()));
    }

    /**
     * Whether the room has at most {@link #ROOM_MAX} members (a direct room has two; counted no further than that) and
     * is not general.
     */
    boolean keepsReceipts(long roomId) {
        if (rooms.isGlobal(roomId)) {
            return false; // general, the room everyone is in: large by nature (and its member list is never loaded for this)
        }
        return jdbc.one("SELECT count(*) FROM (SELECT 1 FROM memberships WHERE room_id = ? LIMIT ?) m",
                row -> row.getLong(1), roomId, ROOM_MAX + 1).orElse(0L) <= ROOM_MAX;
    }

    /**
     * Who is told that {@code login} read on in the room: nobody (empty) in a room of more than {@link #ROOM_MAX}
     * members, when the reader does not share receipts or is no member; otherwise the other members who share them.
     * The room caches answer for large rooms; otherwise one query, which reads at most {@code ROOM_MAX + 1} membership rows.
     */
    Optional<Audience> audience(long roomId, String login) {
        // A cheap first answer from the room caches: general and other large rooms cost no query per read.
        if (rooms.isGlobal(roomId) || rooms.memberIds(roomId).size() > ROOM_MAX) {
            return Optional.empty();
        }
        record Member(long id, String login, String displayName, boolean shares) {
        }
        var members = jdbc.list("""
                SELECT u.id, u.login, u.display_name, u.share_read_receipts FROM memberships m JOIN users u ON u.id = m.user_id
                 WHERE m.room_id = ? LIMIT ?""",
                row -> new Member(row.getLong(1), row.getString(2), row.getString(3), row.getBoolean(4)), roomId, ROOM_MAX + 1);
        if (members.size() > ROOM_MAX) {
            return Optional.empty();
        }
        var reader = members.stream().filter(m -> m.login().equals(login)).findFirst();
        if (reader.isEmpty() || !reader.get().shares()) {
            return Optional.empty();
        }
        var logins = new HashSet<String>();
        members.stream().filter(m -> m.shares() && !m.login().equals(login)).forEach(m -> logins.add(m.login()));
        var me = reader.get();
        return logins.isEmpty() ? Optional.empty() : Optional.of(new Audience(new UserRef(me.id(), me.login(), me.displayName()), logins));
    }
}
