package org.jointchat.attachment;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Uploads becoming part of messages, inside the message writer's transaction: the writer checks the uploads
 * a send names, claims them for the new messages, and drops a deleted message's files.
 */
public final class AttachmentClaims {

    private AttachmentClaims() {
    }

    /** An upload as a send may claim it: unclaimed, by its author, to its room. */
    public record Upload(long roomId, long uploaderId, boolean claimed, AttachmentRef ref) {
    }

    /** The uploads with these ids, locked (in id order) until the caller's commit; missing ones are left out. */
    public static Map<Long, Upload> lock(Connection c, Object[] ids) throws SQLException {
        Map<Long, Upload> uploads = new HashMap<>();
        try (var select = c.prepareStatement("""
                SELECT id, room_id, uploader_id, message_id IS NOT NULL, name, content_type, size
                  FROM attachments WHERE id = ANY (?) ORDER BY id FOR UPDATE""")) {
            select.setArray(1, c.createArrayOf("bigint", ids));
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    uploads.put(rows.getLong(1), new Upload(rows.getLong(2), rows.getLong(3), rows.getBoolean(4),
                            AttachmentRef.of(rows.getLong(1), rows.getString(5), rows.getString(6), rows.getLong(7))));
                }
            }
        }
        return uploads;
    }

    /** The attachments now belong to their messages (and count against nobody's unsent uploads); parallel lists. */
    public static void claim(Connection c, List<Long> attachmentIds, List<Long> messageIds) throws SQLException {
        if (attachmentIds.isEmpty()) {
            return;
        }
        try (var update = c.prepareStatement("""
                UPDATE attachments a SET message_id = x.m FROM unnest(?::bigint[], ?::bigint[]) AS x(a, m) WHERE a.id = x.a""")) {
            update.setArray(1, c.createArrayOf("bigint", attachmentIds.toArray()));
            update.setArray(2, c.createArrayOf("bigint", messageIds.toArray()));
            update.executeUpdate();
        }
    }

    /**
     * A deleted message's files go with what it said — except those a forward of it still carries (issue 22, item 5:
     * they stay for the forward's room, while its own room no longer sees them). A deleted forward shares nothing.
     */
    public static void dropOfMessage(Connection c, long messageId) throws SQLException {
        // A file kept only for this forward (its own message deleted before, no other forward sharing it) goes now:
        // nobody could open it any more. (The CTE's delete is not seen by the outer query: hence "<> ?".)
        try (var unshare = c.prepareStatement("""
                WITH unshared AS (DELETE FROM forwarded_attachments WHERE message_id = ? RETURNING attachment_id)
                DELETE FROM attachments a USING unshared u, messages om
                 WHERE a.id = u.attachment_id AND om.id = a.message_id AND om.deleted_at IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM forwarded_attachments fa WHERE fa.attachment_id = a.id AND fa.message_id <> ?)""")) {
            unshare.setObject(1, messageId);
            unshare.setObject(2, messageId);
            unshare.executeUpdate();
        }
        try (var delete = c.prepareStatement("""
                DELETE FROM attachments a WHERE a.message_id = ?
                   AND NOT EXISTS (SELECT 1 FROM forwarded_attachments fa WHERE fa.attachment_id = a.id)""")) {
            delete.setObject(1, messageId);
            delete.executeUpdate();
        }
    }

    /**
     * Forwarding (issue 22, item 5): a forwarded message carries its original's files by reference, so that the
     * members of its room may download them ({@link AttachmentService#open}). Files gone meanwhile are left out.
     */
    public static void share(Connection c, long messageId, List<Long> attachmentIds) throws SQLException {
        if (attachmentIds.isEmpty()) {
            return;
        }
        try (var insert = c.prepareStatement("""
                INSERT INTO forwarded_attachments (message_id, attachment_id)
                SELECT ?, a.id FROM attachments a WHERE a.id = ANY (?) ON CONFLICT DO NOTHING""")) {
            insert.setLong(1, messageId);
            insert.setArray(2, c.createArrayOf("bigint", attachmentIds.toArray()));
            insert.executeUpdate();
        }
    }
}
