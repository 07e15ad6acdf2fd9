package org.jointchat.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.jointchat.platform.Jdbc;

/**
 * Every room as administrators list it: its metadata (kind, owner, member count, modes), never its messages.
 * Direct conversations are left out: they are two people's, with nothing to administer. Archiving is a
 * moderation rule ({@code room.Moderation#setArchived}).
 */
@ApplicationScoped
public class RoomAdministration {

    public static final int PAGE_MAX = 100;

    @Inject
    Jdbc jdbc;

    /** A room as the administration lists it. */
    public record ManagedRoom(long id, String name, String kind, String topic, String owner, long memberCount,
            boolean announcement, OffsetDateTime archivedAt, OffsetDateTime createdAt, long lastSeq) {
    }

    /** Rooms whose name contains the query (ignoring case): general first, then by name. */
    public List<ManagedRoom> search(String query, int offset, int limit) {
        return jdbc.list("""
                SELECT r.id, r.name, r.kind, r.topic, o.login, (SELECT count(*) FROM memberships m WHERE m.room_id = r.id),
                       r.announcement, r.archived_at, r.created_at, r.last_seq
                  FROM rooms r LEFT JOIN users o ON o.id = r.owner_id
                 WHERE r.kind <> 'direct' AND lower(r.name) LIKE ? ESCAPE '\\'
                 ORDER BY r.kind = 'global' DESC, lower(r.name), r.id OFFSET ? LIMIT ?""", RoomAdministration::room,
                pattern(query), Math.max(0, offset), Math.max(1, Math.min(PAGE_MAX, limit)));
    }

    /** How many rooms {@link #search} finds in all. */
    public long count(String query) {
        return jdbc.count("SELECT count(*) FROM rooms r WHERE r.kind <> 'direct' AND lower(r.name) LIKE ? ESCAPE '\\'", pattern(query));
    }

    private static String pattern(String query) {
        return "%" + (query == null ? "" : query.strip().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
    }

    private static ManagedRoom room(ResultSet row) throws SQLException {
        return new ManagedRoom(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getLong(6), row.getBoolean(7), row.getObject(8, OffsetDateTime.class), row.getObject(9, OffsetDateTime.class),
                row.getLong(10));
    }
}
