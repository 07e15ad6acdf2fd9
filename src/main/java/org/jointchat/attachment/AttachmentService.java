package org.jointchat.attachment;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.account.UserRef;
import org.jointchat.platform.Database;
import org.jointchat.platform.DatabaseException;
import org.jointchat.platform.DatabaseUnavailableException;
import org.jointchat.platform.Jdbc;
import org.jointchat.room.RoomService;

/**
 * Files people upload to a room, kept in PostgreSQL (docs/architecture.md, "Files"). An upload is stored for
 * its uploader until a message carries it (the message writer sets {@code message_id}); one nobody sent is
 * purged after a day. Every rule about files lives here: who may upload and download, names, the size
 * limit, the allowed types, images verified by their bytes, and each user's quota.
 */
@ApplicationScoped
public class AttachmentService {

    private static final Logger LOG = Logger.getLogger(AttachmentService.class.getName());
    public static final String DEFAULT_TYPES =
            "image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,application/zip,application/json";
    /** How much of a file one query reads while it is downloaded. */
    static final int CHUNK = 1 << 20;
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final double MIB = 1024.0 * 1024.0;
    /** Short names of the other common types, for the message that lists what may be uploaded. */
    private static final Map<String, String> KNOWN = Map.of(
            "application/pdf", "PDF", "text/plain", "TXT", "application/zip", "ZIP", "application/json", "JSON");

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    Jdbc jdbc;

    @Inject
    RoomService rooms;

    @Inject
    @ConfigProperty(name = "jointchat.files.max-size", defaultValue = "10485760")
    long maxSize;

    @Inject
    @ConfigProperty(name = "jointchat.files.quota", defaultValue = "209715200")
    long quota;

    @Inject
    @ConfigProperty(name = "jointchat.files.types", defaultValue = DEFAULT_TYPES)
    String types;

    private Set<String> allowed;
    private String allowedKinds;

    @PostConstruct
    void readAllowList() {
        allowed = new LinkedHashSet<>();
        for (String type : types.split(",")) {
            String normalized = mediaType(type);
            if (normalized == null) {
                continue;
            }
            if (normalized.startsWith("image/") && !ImageSignatures.isImageType(normalized)) {
                // A stored image/* type means "verified, show it inline" (MessageStore relies on it too).
                LOG.warning(() -> "jointchat.files.types: " + normalized + " is left out; images are limited to "
                        + ImageSignatures.TYPES.keySet() + ", whose bytes are verified");
                continue;
            }
            allowed.add(normalized);
        }
        allowedKinds = allowed.stream()
                .map(type -> ImageSignatures.TYPES.getOrDefault(type, KNOWN.getOrDefault(type, type)))
                .collect(Collectors.joining(", "));
    }

    /** Stores an upload whose length is not announced; see {@link #store(UserRef, long, String, String, long, InputStream)}. */
    @Inject
    @ConfigProperty(name = "jointchat.files.concurrent-uploads", defaultValue = "8")
    int concurrentUploads;

    private volatile Semaphore uploadSlots;

    public AttachmentRef store(UserRef uploader, long roomId, String name, String declaredType, InputStream body) {
        return store(uploader, roomId, name, declaredType, -1, body);
    }

    /**
     * Stores a file for a member of the room, for a message to carry. Everything that can be refused is refused
     * before the body is read (room, name, type, announced length), then the body is read up to one byte over the
     * limit, and the quota is checked in the inserting transaction. A refusal stores nothing.
     *
     * @param declaredType the request's Content-Type (parameters are ignored)
     * @param announcedLength the request's Content-Length, -1 when not announced (chunked)
     * @throws AttachmentException NOT_FOUND, NOT_MEMBER, FILE_TOO_LARGE, QUOTA_EXCEEDED, UNSUPPORTED_FILE_TYPE
     * @throws org.jointchat.account.InvalidInputException the name breaks the rule (field {@code name})
     * @throws UncheckedIOException the body could not be read (the client went away)
     */
    public AttachmentRef store(UserRef uploader, long roomId, String name, String declaredType, long announcedLength,
            InputStream body) {
        switch (rooms.access(roomId, uploader.id())) {
            case NOT_FOUND -> throw new AttachmentException(AttachmentError.NOT_FOUND, "room.error.notFound");
            case NOT_MEMBER -> throw new AttachmentException(AttachmentError.NOT_MEMBER, "room.error.notMember");
            case MEMBER -> { }
        }
        String fileName = FileName.of(name);
        String type = mediaType(declaredType);
        if (type == null || !allowed.contains(type)) {
            throw new AttachmentException(AttachmentError.UNSUPPORTED_FILE_TYPE, "attachment.error.type", allowedKinds);
        }
        if (announcedLength > maxSize) {
            throw tooLarge();
        }
        if (announcedLength > 0) {
            // A first answer without reading 10 MiB; the inserting transaction decides.
            long used = jdbc.count("SELECT coalesce(sum(size), 0) FROM attachments WHERE uploader_id = ?", uploader.id());
            if (used + announcedLength > quota) {
                throw quotaExceeded(used);
            }
        }
        // Each upload is held in memory while it is stored (up to about twice max-size): a bounded number at once.
        if (!uploads().tryAcquire()) {
            throw new AttachmentException(AttachmentError.BUSY, "attachment.error.busy");
        }
        byte[] bytes;
        try {
            bytes = readAtMost(body, maxSize + 1);
        } catch (RuntimeException e) {
            uploads().release();
            throw e;
        }
        try {
            return stored(uploader, roomId, fileName, type, bytes);
        } finally {
            uploads().release();
        }
    }

    private Semaphore uploads() {
        var s = uploadSlots;
        if (s == null) {
            synchronized (this) {
                if (uploadSlots == null) {
                    uploadSlots = new Semaphore(Math.max(1, concurrentUploads));
                }
                s = uploadSlots;
            }
        }
        return s;
    }

    private AttachmentRef stored(UserRef uploader, long roomId, String fileName, String type, byte[] bytes) {
        if (bytes.length > maxSize) {
            throw tooLarge();
        }
        boolean image = ImageSignatures.isImageType(type);
        if (image && !ImageSignatures.matches(type, bytes)) {
            throw new AttachmentException(AttachmentError.UNSUPPORTED_FILE_TYPE, "attachment.error.notImage",
                    ImageSignatures.TYPES.get(type));
        }
        long id = insert(uploader.id(), roomId, fileName, type, bytes);
        return new AttachmentRef(id, fileName, type, bytes.length, image);
    }

    /**
     * In one transaction: the uploader's row locked, so that two uploads of one user cannot both pass the quota;
     * the sum of their files; the insert. {@code FOR NO KEY UPDATE} rather than {@code FOR UPDATE}: it serializes
     * this user's uploads alike, but does not block the foreign-key checks on the user's row (a message they send,
     * inserted by the message writer while it holds room locks, which this insert waits for).
     */
    private long insert(long uploaderId, long roomId, String name, String type, byte[] bytes) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id = insertChecked(c, uploaderId, roomId, name, type, bytes);
                c.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (Database.hasSqlState(e, FOREIGN_KEY_VIOLATION)) {
                // The room was deleted (or the user) while the file arrived.
                throw new AttachmentException(AttachmentError.NOT_FOUND, "room.error.notFound");
            }
            throw Database.isUnreachable(e) ? new DatabaseUnavailableException(e) : new DatabaseException(e);
        }
    }

    private long insertChecked(Connection c, long uploaderId, long roomId, String name, String type, byte[] bytes)
            throws SQLException {
        try (var lock = c.prepareStatement("SELECT id FROM users WHERE id = ? FOR NO KEY UPDATE")) {
            lock.setLong(1, uploaderId);
            try (var row = lock.executeQuery()) {
                if (!row.next()) {
                    throw new AttachmentException(AttachmentError.NOT_FOUND, "room.error.notFound");
                }
            }
        }
        long used;
        try (var sum = c.prepareStatement("SELECT coalesce(sum(size), 0) FROM attachments WHERE uploader_id = ?")) {
            sum.setLong(1, uploaderId);
            try (var row = sum.executeQuery()) {
                row.next();
                used = row.getLong(1);
            }
        }
        if (used + bytes.length > quota) {
            throw quotaExceeded(used);
        }
        try (var insert = c.prepareStatement("""
                INSERT INTO attachments (room_id, uploader_id, name, content_type, size, data)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")) {
            insert.setLong(1, roomId);
            insert.setLong(2, uploaderId);
            insert.setString(3, name);
            insert.setString(4, type);
            insert.setLong(5, bytes.length);
            insert.setBytes(6, bytes);
            try (var row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * A file for someone who may see it now: a member of its room, and — until a message carries it — only its
     * uploader; never the file of a deleted message. Empty otherwise, exactly as for an id that does not exist.
     */
    public Optional<StoredFile> open(UserRef viewer, long id) {
        record Found(long roomId, long uploaderId, boolean claimed, boolean messageDeleted, AttachmentRef ref, byte[] head,
                Long[] forwardedTo) {
        }
        return jdbc.one("""
                SELECT a.room_id, a.uploader_id, a.message_id IS NOT NULL, m.deleted_at IS NOT NULL,
                       a.name, a.content_type, a.size, substring(a.data FROM 1 FOR ?),
                       (SELECT array_agg(DISTINCT fm.room_id) FROM forwarded_attachments fa
                          JOIN messages fm ON fm.id = fa.message_id AND fm.deleted_at IS NULL WHERE fa.attachment_id = a.id)
                  FROM attachments a LEFT JOIN messages m ON m.id = a.message_id
                 WHERE a.id = ?""",
                row -> {
                    String type = row.getString(6);
                    var ref = new AttachmentRef(id, row.getString(5), type, row.getLong(7), ImageSignatures.isImageType(type));
                    var forwardedTo = row.getArray(9);
                    return new Found(row.getLong(1), row.getLong(2), row.getBoolean(3), row.getBoolean(4), ref, row.getBytes(8),
                            forwardedTo == null ? new Long[0] : (Long[]) forwardedTo.getArray());
                }, CHUNK, id)
                .filter(f -> (f.claimed() ? !f.messageDeleted() : f.uploaderId() == viewer.id())
                        && rooms.access(f.roomId(), viewer.id()) == RoomService.Access.MEMBER
                        // Forwarding (issue 22, item 5): members of a room where a forward carries the file read it too.
                        || java.util.Arrays.stream(f.forwardedTo()).anyMatch(room -> rooms.access(room, viewer.id()) == RoomService.Access.MEMBER))
                .map(f -> new StoredFile(f.ref(), f.head(), this::chunk));
    }

    /** Up to CHUNK bytes of a file from an offset; null when the file is gone. */
    private byte[] chunk(long id, long offset) {
        return jdbc.one("SELECT substring(data FROM ? FOR ?) FROM attachments WHERE id = ?",
                row -> row.getBytes(1), Math.toIntExact(offset + 1), CHUNK, id).orElse(null);
    }

    /**
     * Deletes uploads no message carried within a day, a thousand per statement. Rows being claimed right now
     * (locked by the message writer) are skipped, so a send never waits for this and never loses its file.
     */
    public int purgeUnclaimed() {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update("""
                    DELETE FROM attachments WHERE id IN (
                        SELECT id FROM attachments
                         WHERE message_id IS NULL AND created_at < now() - INTERVAL '1 day'
                           -- kept for a scheduled message (issue 22, item 7) that will carry them
                           AND NOT EXISTS (SELECT 1 FROM scheduled_messages s WHERE s.state <> 'sent' AND attachments.id = ANY (s.attachments))
                         ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED)""");
            total += deleted;
        } while (deleted == 1000);
        return total;
    }

    /** The largest file accepted, in bytes. */
    public long maxSize() {
        return maxSize;
    }

    /** "image/PNG; charset=x" → "image/png"; null when there is none. */
    static String mediaType(String declared) {
        if (declared == null) {
            return null;
        }
        int parameters = declared.indexOf(';');
        String type = (parameters < 0 ? declared : declared.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
        return type.isEmpty() ? null : type;
    }

    private AttachmentException tooLarge() {
        return new AttachmentException(AttachmentError.FILE_TOO_LARGE, "attachment.error.tooLarge", maxSize / MIB);
    }

    private AttachmentException quotaExceeded(long used) {
        return new AttachmentException(AttachmentError.QUOTA_EXCEEDED, "attachment.error.quota",
                Math.max(0, quota - used) / MIB, quota / MIB);
    }

    private static byte[] readAtMost(InputStream body, long limit) {
        try {
            return body.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
