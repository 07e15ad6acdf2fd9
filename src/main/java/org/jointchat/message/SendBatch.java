package org.jointchat.message;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jointchat.attachment.AttachmentClaims;
import org.jointchat.attachment.AttachmentRef;
import org.jointchat.message.MessageWriter.Job;
import org.jointchat.message.MessageWriter.Pending;
import org.jointchat.room.RoomSequence;

/**
 * A batch's send path, inside the writer's transaction: sends already stored (by author and clientId) get the
 * stored message back; the others have what they refer to checked (the quoted message, the attachments), are
 * numbered per room ({@link RoomSequence}), inserted in one statement, claim their attachments
 * ({@link AttachmentClaims}) and store their mentions.
 */
final class SendBatch {

    private SendBatch() {
    }

    /** Sends whose (author, clientId) is already stored get the stored message back, not a second one. */
    static void findStored(Connection c, Map<String, Pending> firstByKey, Map<Pending, SendResult> results) throws SQLException {
        if (firstByKey.isEmpty()) {
            return;
        }
        var pendings = new ArrayList<>(firstByKey.values());
        try (var select = c.prepareStatement(MessageStore.SELECT + """
                  JOIN unnest(?::bigint[], ?::varchar[]) AS k(author_id, client_id)
                    ON m.author_id = k.author_id AND m.client_id = k.client_id""")) {
            select.setArray(1, c.createArrayOf("bigint", pendings.stream().map(p -> p.author().id()).toArray()));
            select.setArray(2, c.createArrayOf("varchar", pendings.stream().map(Pending::clientId).toArray()));
            for (var message : MessageStore.rows(select.executeQuery())) {
                var p = pendings.stream().filter(q -> q.author().login().equals(message.author()) && q.clientId().equals(message.clientId()))
                        .findFirst().orElse(null);
                if (p != null) {
                    results.put(p, new SendResult(message, true));
                }
            }
        }
    }

    /** What a send refers to, checked in the writing transaction: the quoted message and the attachments. */
    record References(Map<Pending, ChatMessage.Quote> quotes, Map<Pending, List<AttachmentRef>> attachments, Map<Pending, Long> roots) {
        // roots: a thread reply's root seq (issue 22, item 1; ThreadReplies)
    }

    /**
     * Refuses sends whose {@code replyTo} is not a message of the room (or a deleted one) or whose attachments
     * are not the author's unsent uploads to that room; the others go on with what they refer to.
     */
    static Map.Entry<List<Pending>, References> checkedReferences(Connection c, List<Pending> sends,
            Map<Job, ChatException> refusals) throws SQLException {
        var quotes = new HashMap<Pending, ChatMessage.Quote>();
        var roots = ThreadReplies.checkedRoots(c, sends, refusals);
        var files = new HashMap<Pending, List<AttachmentRef>>();
        var replying = sends.stream().filter(p -> p.replyTo() != null && !refusals.containsKey(p)).toList();
        if (!replying.isEmpty()) {
            Map<String, ChatMessage.Quote> found = new HashMap<>();
            try (var select = c.prepareStatement("""
                    SELECT m.room_id, m.seq, left(m.text, %d), u.login, u.display_name, m.deleted_at IS NOT NULL
                      FROM messages m JOIN users u ON u.id = m.author_id AND m.system_event IS NULL
                      JOIN unnest(?::bigint[], ?::bigint[]) AS k(room_id, seq) ON m.room_id = k.room_id AND m.seq = k.seq"""
                    .formatted(ChatMessage.Quote.TEXT_MAX))) {
                select.setArray(1, c.createArrayOf("bigint", replying.stream().map(Pending::roomId).toArray()));
                select.setArray(2, c.createArrayOf("bigint", replying.stream().map(Pending::replyTo).toArray()));
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getLong(1) + "/" + rows.getLong(2), new ChatMessage.Quote(rows.getLong(2),
                                rows.getString(4), rows.getString(5), rows.getString(3), rows.getBoolean(6)));
                    }
                }
            }
            for (var p : replying) {
                var quote = found.get(p.roomId() + "/" + p.replyTo());
                if (quote == null || quote.deleted()) {
                    refusals.put(p, new ChatException(ChatError.INVALID, "replyTo: no such message in this room"));
                } else {
                    quotes.put(p, quote);
                }
            }
        }
        var attaching = sends.stream().filter(p -> !p.attachments().isEmpty() && !refusals.containsKey(p)).toList();
        if (!attaching.isEmpty()) {
            var uploads = AttachmentClaims.lock(c, attaching.stream().flatMap(p -> p.attachments().stream()).distinct().toArray());
            var taken = new HashSet<Long>();
            for (var p : attaching) {
                var refs = new ArrayList<AttachmentRef>();
                for (long id : p.attachments()) {
                    var upload = uploads.get(id);
                    if (upload == null || upload.claimed() || upload.roomId() != p.roomId() || upload.uploaderId() != p.author().id()
                            || taken.contains(id)) {
                        refusals.put(p, new ChatException(ChatError.INVALID,
                                "attachments: " + id + " is not an unsent upload of yours to this room"));
                        break;
                    }
                    refs.add(upload.ref());
                }
                if (!refusals.containsKey(p)) {
                    taken.addAll(p.attachments());
                    files.put(p, refs);
                }
            }
        }
        return Map.entry(sends.stream().filter(p -> !refusals.containsKey(p)).toList(), new References(quotes, files, roots));
    }

    static void insert(Connection c, Map.Entry<List<Pending>, References> checked, Map<Pending, SendResult> results,
            List<ChatMessage> created, List<ChatMessage> changed) throws SQLException {
        var toInsert = checked.getKey();
        var references = checked.getValue();
        if (toInsert.isEmpty()) {
            return;
        }
        Map<Long, List<Pending>> byRoom = new LinkedHashMap<>();
        toInsert.forEach(p -> byRoom.computeIfAbsent(p.roomId(), r -> new ArrayList<>()).add(p));
        // Reserve a block of sequence numbers and versions per room; the row lock holds until commit, so they never interleave.
        Map<Pending, long[]> seqOf = new HashMap<>();
        var numbered = new ArrayList<Pending>();
        Map<Long, Integer> countByRoom = new LinkedHashMap<>();
        byRoom.forEach((room, sends) -> countByRoom.put(room, sends.size()));
        var before = RoomSequence.reserve(c, countByRoom);
        for (var entry : byRoom.entrySet()) {
            var last = before.get(entry.getKey());
            if (last == null) {
                continue; // the room is gone: these sends fail with NOT_FOUND
            }
            long seq = last[0];
            long version = last[1];
            for (var p : entry.getValue()) {
                seqOf.put(p, new long[] {++seq, ++version});
                numbered.add(p);
            }
        }
        if (numbered.isEmpty()) {
            return;
        }
        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Long> idByRoomSeq = new HashMap<>();
        try (var insert = c.prepareStatement("""
                INSERT INTO messages (room_id, seq, version, author_id, client_id, text, reply_to_seq, sent_at, thread_seq, also_to_room)
                SELECT r, s, v, a, k, t, q, ?, th, coalesce(ar, false)
                  FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::varchar[], ?::text[], ?::bigint[], ?::bigint[], ?::boolean[])
                    AS x(r, s, v, a, k, t, q, th, ar)
                RETURNING id, room_id, seq""")) {
            insert.setObject(1, OffsetDateTime.ofInstant(sentAt, ZoneOffset.UTC));
            insert.setArray(2, c.createArrayOf("bigint", numbered.stream().map(Pending::roomId).toArray()));
            insert.setArray(3, c.createArrayOf("bigint", numbered.stream().map(p -> seqOf.get(p)[0]).toArray()));
            insert.setArray(4, c.createArrayOf("bigint", numbered.stream().map(p -> seqOf.get(p)[1]).toArray()));
            insert.setArray(5, c.createArrayOf("bigint", numbered.stream().map(p -> p.author().id()).toArray()));
            insert.setArray(6, c.createArrayOf("varchar", numbered.stream().map(Pending::clientId).toArray()));
            insert.setArray(7, c.createArrayOf("text", numbered.stream().map(Pending::text).toArray()));
            insert.setArray(8, c.createArrayOf("bigint", numbered.stream().map(Pending::replyTo).toArray()));
            insert.setArray(9, c.createArrayOf("bigint", numbered.stream().map(p -> references.roots().get(p)).toArray()));
            insert.setArray(10, c.createArrayOf("boolean", numbered.stream().map(Pending::alsoToRoom).toArray()));
            try (var rows = insert.executeQuery()) {
                while (rows.next()) {
                    idByRoomSeq.put(rows.getLong(2) + "/" + rows.getLong(3), rows.getLong(1));
                }
            }
        }
        claim(c, numbered, references.attachments(), p -> idByRoomSeq.get(p.roomId() + "/" + seqOf.get(p)[0]));
        forwarded(c, numbered, p -> idByRoomSeq.get(p.roomId() + "/" + seqOf.get(p)[0]));
        var mentioned = Mentions.store(c, numbered.stream().map(p -> new Mentions.Mentioning(p.roomId(), seqOf.get(p)[0], p.author().id(), p.text())).toList());
        for (var p : numbered) {
            long seq = seqOf.get(p)[0];
            var message = new ChatMessage(idByRoomSeq.get(p.roomId() + "/" + seq), p.roomId(), seq, seqOf.get(p)[1], p.author().login(),
                    p.author().displayName(), p.text(), p.html(), sentAt, p.clientId(), null, false, references.quotes().get(p),
                    mentioned.getOrDefault(p.roomId() + "/" + seq, List.of()), List.of(),
                    p.forwarded() == null ? references.attachments().get(p) : forwardedFiles(c, p), false, null,
                    references.roots().get(p), p.alsoToRoom(), null, null, p.forwarded());
            results.put(p, new SendResult(message, false));
            created.add(message);
        }
        ThreadReplies.recorded(c, numbered, references.roots(), p -> seqOf.get(p)[0], sentAt, mentioned, changed);
    }

    /**
     * Forwarding (issue 22, item 5): the forwards' snapshots of their originals, and the originals' files shared with
     * them; one statement per forward (a batch rarely holds any).
     */
    private static void forwarded(Connection c, List<Pending> numbered, Function<Pending, Long> messageId) throws SQLException {
        for (var p : numbered) {
            var f = p.forwarded();
            if (f == null) {
                continue;
            }
            try (var update = c.prepareStatement("""
                    UPDATE messages SET fwd_author = ?, fwd_author_name = ?, fwd_sent_at = ?, fwd_text = ?, fwd_room_id = ?, fwd_seq = ?
                     WHERE id = ?""")) {
                update.setString(1, f.author());
                update.setString(2, f.authorName());
                update.setObject(3, OffsetDateTime.ofInstant(f.sentAt(), ZoneOffset.UTC));
                update.setString(4, f.text());
                update.setObject(5, f.roomId());
                update.setObject(6, f.seq());
                update.setLong(7, messageId.apply(p));
                update.executeUpdate();
            }
            AttachmentClaims.share(c, messageId.apply(p), p.sharedFiles());
        }
    }

    /** The files a forward carries now (those of its original still there), as its message shows them. */
    private static List<AttachmentRef> forwardedFiles(Connection c, Pending p) throws SQLException {
        if (p.sharedFiles().isEmpty()) {
            return List.of();
        }
        var refs = new ArrayList<AttachmentRef>();
        try (var select = c.prepareStatement("SELECT id, name, content_type, size FROM attachments WHERE id = ANY (?) ORDER BY id")) {
            select.setArray(1, c.createArrayOf("bigint", p.sharedFiles().toArray()));
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    refs.add(AttachmentRef.of(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4)));
                }
            }
        }
        return refs;
    }

    /** The attachments now belong to their messages (and count against nobody's unsent uploads). */
    private static void claim(Connection c, List<Pending> numbered, Map<Pending, List<AttachmentRef>> files,
            Function<Pending, Long> messageId) throws SQLException {
        var attachmentIds = new ArrayList<Long>();
        var messageIds = new ArrayList<Long>();
        for (var p : numbered) {
            for (var ref : files.getOrDefault(p, List.of())) {
                attachmentIds.add(ref.id());
                messageIds.add(messageId.apply(p));
            }
        }
        AttachmentClaims.claim(c, attachmentIds, messageIds);
    }
}
