package org.jointchat.message;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The SQL conditions of a query's filters on {@code messages m}, all joined by AND. Dates are days in UTC on
 * {@code sent_at}: {@code before:D} is before that day, {@code after:D} after it, {@code on:D} within it.
 * ({@code in:} is resolved to room ids by {@link MessageSearch}, among the caller's rooms.)
 */
final class SearchConditions {

    private SearchConditions() {
    }

    /**
     * rooms: the searched rooms as a condition on a room column ("= ?" or "= ANY (?::bigint[])") and its parameter, for
     * the filters whose few matches are listed in tables of their own (pins, attachments).
     */
    static void append(SearchQuery filters, String rooms, Object roomsParameter, StringBuilder sql, List<Object> parameters) {
        if (filters.from() != null) {
            sql.append(" AND m.author_id = (SELECT id FROM users WHERE login = lower(?))");
            parameters.add(filters.from());
        }
        if (filters.before() != null) {
            sql.append(" AND m.sent_at < ?");
            parameters.add(startOf(filters.before()));
        }
        if (filters.after() != null) {
            sql.append(" AND m.sent_at >= ?");
            parameters.add(startOf(filters.after().plusDays(1)));
        }
        if (filters.on() != null) {
            sql.append(" AND m.sent_at >= ? AND m.sent_at < ?");
            parameters.add(startOf(filters.on()));
            parameters.add(startOf(filters.on().plusDays(1)));
        }
        if (filters.has().contains(SearchQuery.Has.FILE)) {
            // The ids of the rooms' files' messages, found once: as a correlated EXISTS the planner walked the whole
            // history newest first for the few messages with files (docs/benchmarks.md, "Search with filters").
            // Forwards carry their files by reference (forwarded_attachments, issue 22 item 5): they have files too.
            sql.append(" AND m.id = ANY (ARRAY(SELECT a.message_id FROM attachments a WHERE a.message_id IS NOT NULL AND a.room_id ")
                    .append(rooms).append(" UNION ALL SELECT fa.message_id FROM forwarded_attachments fa")
                    .append(" JOIN messages fm ON fm.id = fa.message_id WHERE fm.room_id ").append(rooms).append("))");
            parameters.add(roomsParameter);
            parameters.add(roomsParameter);
        }
        if (filters.has().contains(SearchQuery.Has.LINK)) {
            // A bare URL or a Markdown link: both are written with their scheme.
            sql.append(" AND m.text ~* 'https?://'");
        }
        if (filters.is().contains(SearchQuery.Is.PINNED)) {
            // Few messages are pinned: their ids first, from the rooms' pins (as for has:file).
            sql.append(" AND m.id = ANY (ARRAY(SELECT pm.id FROM pins p JOIN messages pm ON pm.room_id = p.room_id AND pm.seq = p.seq"
                    + " WHERE p.room_id ").append(rooms).append("))");
            parameters.add(roomsParameter);
        }
        if (filters.is().contains(SearchQuery.Is.THREAD)) {
            // A thread's reply (thread_seq: its root) or a root that has replies (migration V11). Written as the
            // predicate of V17's partial index, so that is:thread alone walks that index.
            sql.append(" AND (m.thread_seq IS NOT NULL OR m.thread_replies > 0)");
        }
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
