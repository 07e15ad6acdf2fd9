package org.jointchat.message;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.jointchat.message.MessageWriter.Job;
import org.jointchat.message.MessageWriter.Pending;
import org.jointchat.room.RoomSequence;

/**
 * Thread replies in the writer's transaction (issue 22, item 1; the reading side is {@code thread.ThreadService}).
 * A send's {@code thread} names a message of its room; a reply to a reply goes to that reply's root. The root must
 * be a person's message that is not deleted, else the send is refused (INVALID) and nothing is stored. Once the
 * replies are inserted, each root changed takes the room's next version (so every member gets a {@code changed}
 * frame and {@code sync} replays it), and the followers are recorded: the root's author (unless they unfollowed),
 * every replier (whose read mark moves past their own reply) and everyone the reply mentions.
 */
final class ThreadReplies {

    private ThreadReplies() {
    }

    /** The root of each thread reply among the sends; sends whose root is not allowed are refused. */
    static Map<Pending, Long> checkedRoots(Connection c, List<Pending> sends, Map<Job, ChatException> refusals) throws SQLException {
        var replies = sends.stream().filter(p -> p.thread() != null).toList();
        Map<Pending, Long> roots = new HashMap<>();
        if (replies.isEmpty()) {
            return roots;
        }
        // room/seq named → root seq, or -1 when that message may not carry a thread
        Map<String, Long> rootOf = new HashMap<>();
        try (var select = c.prepareStatement("""
                SELECT m.room_id, m.seq,
                       CASE WHEN m.system_event IS NOT NULL OR m.deleted_at IS NOT NULL THEN -1
                            WHEN m.thread_seq IS NULL THEN m.seq
                            WHEN r.seq IS NULL OR r.deleted_at IS NOT NULL OR r.system_event IS NOT NULL THEN -1
                            ELSE r.seq END
                  FROM messages m JOIN unnest(?::bigint[], ?::bigint[]) AS k(room_id, seq) ON m.room_id = k.room_id AND m.seq = k.seq
                  LEFT JOIN messages r ON r.room_id = m.room_id AND r.seq = m.thread_seq""")) {
            select.setArray(1, c.createArrayOf("bigint", replies.stream().map(Pending::roomId).toArray()));
            select.setArray(2, c.createArrayOf("bigint", replies.stream().map(Pending::thread).toArray()));
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    rootOf.put(rows.getLong(1) + "/" + rows.getLong(2), rows.getLong(3));
                }
            }
        }
        for (var p : replies) {
            Long root = rootOf.get(p.roomId() + "/" + p.thread());
            if (root == null || root < 1) {
                refusals.put(p, new ChatException(ChatError.INVALID,
                        "thread: no message of this room that a thread can follow (not a system line, not deleted)"));
            } else {
                roots.put(p, root);
            }
        }
        return roots;
    }

    /**
     * After the batch's messages are inserted: each root changed takes its room's next version (rooms in the batch's
     * order, roots by seq, so versions stay in that order) and is added to {@code changed} as it is now; then the
     * followers are stored.
     */
    static void recorded(Connection c, List<Pending> numbered, Map<Pending, Long> roots, ToLongFunction<Pending> seqOf, Instant sentAt,
            Map<String, List<String>> mentioned, List<ChatMessage> changed) throws SQLException {
        if (roots.isEmpty()) {
            return;
        }
        var replies = numbered.stream().filter(roots::containsKey).toList();
        if (replies.isEmpty()) {
            return;
        }
        Map<Long, TreeMap<Long, Integer>> countByRoot = new LinkedHashMap<>();
        for (var p : replies) {
            countByRoot.computeIfAbsent(p.roomId(), r -> new TreeMap<>()).merge(roots.get(p), 1, Integer::sum);
        }
        var at = OffsetDateTime.ofInstant(sentAt, ZoneOffset.UTC);
        try (var update = c.prepareStatement("""
                UPDATE messages SET thread_replies = thread_replies + ?, thread_last_reply_at = ?, version = ?
                 WHERE room_id = ? AND seq = ?""")) {
            for (var room : countByRoot.entrySet()) {
                for (var root : room.getValue().entrySet()) {
                    update.setInt(1, root.getValue());
                    update.setObject(2, at);
                    update.setLong(3, RoomSequence.nextVersion(c, room.getKey()));
                    update.setLong(4, room.getKey());
                    update.setLong(5, root.getKey());
                    update.executeUpdate();
                }
            }
        }
        follow(c, replies, roots, seqOf, mentioned);
        for (var room : countByRoot.entrySet()) {
            changed.addAll(MessageStore.current(c, room.getKey(), room.getValue().keySet().stream().mapToLong(Long::longValue).toArray()));
        }
    }

    /** The root's author (not again after an unfollow), the repliers and the mentioned follow the thread. */
    private static void follow(Connection c, List<Pending> replies, Map<Pending, Long> roots, ToLongFunction<Pending> seqOf,
            Map<String, List<String>> mentioned) throws SQLException {
        var rooms = new ArrayList<Long>();
        var rootSeqs = new ArrayList<Long>();
        // One row per (room, root, replier): ON CONFLICT DO UPDATE may touch a row once per statement.
        Map<String, Object[]> repliers = new LinkedHashMap<>();
        var mentionRooms = new ArrayList<Long>();
        var mentionRoots = new ArrayList<Long>();
        var mentionLogins = new ArrayList<String>();
        for (var p : replies) {
            long root = roots.get(p);
            long seq = seqOf.applyAsLong(p);
            rooms.add(p.roomId());
            rootSeqs.add(root);
            repliers.merge(p.roomId() + "/" + root + "/" + p.author().id(), new Object[] {p.roomId(), root, p.author().id(), seq},
                    (a, b) -> (long) a[3] >= (long) b[3] ? a : b);
            for (var login : mentioned.getOrDefault(p.roomId() + "/" + seq, List.of())) {
                mentionRooms.add(p.roomId());
                mentionRoots.add(root);
                mentionLogins.add(login);
            }
        }
        try (var authors = c.prepareStatement("""
                INSERT INTO thread_follows (room_id, root_seq, user_id)
                SELECT DISTINCT m.room_id, m.seq, m.author_id FROM unnest(?::bigint[], ?::bigint[]) AS k(room_id, seq)
                  JOIN messages m ON m.room_id = k.room_id AND m.seq = k.seq
                ON CONFLICT DO NOTHING""")) {
            authors.setArray(1, c.createArrayOf("bigint", rooms.toArray()));
            authors.setArray(2, c.createArrayOf("bigint", rootSeqs.toArray()));
            authors.executeUpdate();
        }
        try (var replied = c.prepareStatement("""
                INSERT INTO thread_follows (room_id, root_seq, user_id, following, last_read_seq)
                SELECT r, s, u, true, q FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) AS k(r, s, u, q)
                ON CONFLICT (room_id, root_seq, user_id)
                DO UPDATE SET following = true, last_read_seq = GREATEST(thread_follows.last_read_seq, EXCLUDED.last_read_seq)""")) {
            var rows = repliers.values();
            replied.setArray(1, c.createArrayOf("bigint", rows.stream().map(r -> r[0]).toArray()));
            replied.setArray(2, c.createArrayOf("bigint", rows.stream().map(r -> r[1]).toArray()));
            replied.setArray(3, c.createArrayOf("bigint", rows.stream().map(r -> r[2]).toArray()));
            replied.setArray(4, c.createArrayOf("bigint", rows.stream().map(r -> r[3]).toArray()));
            replied.executeUpdate();
        }
        if (mentionLogins.isEmpty()) {
            return;
        }
        try (var named = c.prepareStatement("""
                INSERT INTO thread_follows (room_id, root_seq, user_id)
                SELECT DISTINCT k.r, k.s, u.id FROM unnest(?::bigint[], ?::bigint[], ?::varchar[]) AS k(r, s, l)
                  JOIN users u ON u.login = k.l
                ON CONFLICT (room_id, root_seq, user_id) DO UPDATE SET following = true""")) {
            named.setArray(1, c.createArrayOf("bigint", mentionRooms.toArray()));
            named.setArray(2, c.createArrayOf("bigint", mentionRoots.toArray()));
            named.setArray(3, c.createArrayOf("varchar", mentionLogins.toArray()));
            named.executeUpdate();
        }
    }
}
