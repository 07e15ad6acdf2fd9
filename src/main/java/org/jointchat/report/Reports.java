package org.jointchat.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.jointchat.account.FieldError;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.UserRef;
import org.jointchat.audit.AuditLog;
import org.jointchat.message.ChatError;
import org.jointchat.message.ChatException;
import org.jointchat.message.MessageService;
import org.jointchat.platform.Jdbc;
import org.jointchat.platform.VisibleText;

/**
 * Reports of messages, and how administrators resolve them. A member reports a message of a room they are in,
 * once (a repeat changes nothing); an administrator dismisses the message's open reports or removes the message,
 * which closes them as removed. Filing and resolving are written to the audit log.
 */
@ApplicationScoped
public class Reports {

    public static final int REASON_MAX = 500;
    public static final int PAGE_MAX = 100;

    /** Which reports a page lists: the open ones (oldest first) or all (newest first). */
    public enum State { OPEN, ALL }

    /** How an administrator resolves a report. */
    public enum Action { DISMISS, REMOVE }

    @Inject
    Jdbc jdbc;

    @Inject
    MessageService messages;

    @Inject
    AuditLog audit;

    @Inject
    ReportClosing closing;

    /**
     * A report with the reported message as it is now; {@code reports}: how many members reported that message;
     * {@code resolution} ({@code dismissed} or {@code removed}), {@code resolvedAt} and {@code resolvedBy}: null while open.
     */
    public record Report(long id, long room, String roomName, String roomKind, long seq, String author, String authorName,
            String text, Instant sentAt, boolean deleted, boolean removedByModerator, String reporter, String reason,
            Instant createdAt, long reports, Instant resolvedAt, String resolvedBy, String resolution) {
    }

    /** What filing answers: the report, and whether this call made it (false: the reporter had reported it before). */
    public record Filed(Report report, boolean created) {
    }

    /** One page of reports and how many there are in all. */
    public record Page(List<Report> reports, long total, int offset) {
    }

    /**
     * A member reports a message of their room. NOT_MEMBER / NOT_FOUND as for reading the room; NOT_FOUND for a
     * message that does not exist; FORBIDDEN for a deleted one or a system line.
     */
    @Transactional
    public Filed report(UserRef reporter, long roomId, long seq, String reason) {
        String checked = checkedReason(reason);
        messages.requireMember(reporter, roomId);
        var state = jdbc.one("SELECT deleted_at IS NOT NULL, system_event IS NOT NULL FROM messages WHERE room_id = ? AND seq = ?",
                row -> new boolean[] {row.getBoolean(1), row.getBoolean(2)}, roomId, seq)
                .orElseThrow(() -> new ChatException(ChatError.NOT_FOUND, "no such message"));
        if (state[1]) {
            throw new ChatException(ChatError.FORBIDDEN, "a system line cannot be reported");
        }
        if (state[0]) {
            throw new ChatException(ChatError.FORBIDDEN, "the message is deleted");
        }
        var id = jdbc.one("""
                INSERT INTO message_reports (room_id, seq, reporter_id, reason) VALUES (?, ?, ?, ?)
                ON CONFLICT (room_id, seq, reporter_id) DO NOTHING RETURNING id""", row -> row.getLong(1),
                roomId, seq, reporter.id(), checked);
        if (id.isPresent()) {
            audit.record(reporter.login(), "message.report", target(roomId, seq), checked.isEmpty() ? "" : "reason: " + checked);
            return new Filed(find(id.get()).orElseThrow(), true);
        }
        long existing = jdbc.one("SELECT id FROM message_reports WHERE room_id = ? AND seq = ? AND reporter_id = ?",
                row -> row.getLong(1), roomId, seq, reporter.id()).orElseThrow();
        return new Filed(find(existing).orElseThrow(), false);
    }

    public Optional<Report> find(long id) {
        return jdbc.one(SELECT + " WHERE r.id = ?", Reports::report, id);
    }

    /** A page of reports: the open ones oldest first, or all of them newest first. */
    public Page page(State state, int offset, int limit) {
        int size = Math.max(1, Math.min(PAGE_MAX, limit));
        int from = Math.max(0, offset);
        boolean open = state == State.OPEN;
        var reports = jdbc.list(SELECT + (open ? " WHERE r.resolved_at IS NULL ORDER BY r.created_at, r.id" : " ORDER BY r.id DESC")
                + " OFFSET ? LIMIT ?", Reports::report, from, size);
        long total = jdbc.count("SELECT count(*) FROM message_reports" + (open ? " WHERE resolved_at IS NULL" : ""));
        return new Page(reports, total, from);
    }

    /**
     * An administrator resolves a report: {@code DISMISS} closes every open report of the message and keeps it;
     * {@code REMOVE} removes the message as a moderator (through the message writer: a tombstone, a {@code changed}
     * frame, the message's open reports closed as removed, an audit entry). A report closed already is answered as it
     * is. Empty when there is no such report.
     */
    public Optional<Report> resolve(UserRef admin, long id, Action action) {
        var report = find(id);
        if (report.isEmpty() || report.get().resolvedAt() != null) {
            return report;
        }
        long roomId = report.get().room();
        long seq = report.get().seq();
        if (action == Action.DISMISS) {
            closeOpen(admin, roomId, seq, "dismissed", "report.dismiss");
        } else {
            // Not in a transaction of ours: the writer commits on its own connection, and it locks these rows too.
            try {
                messages.delete(admin, roomId, seq).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            // The writer closed them with the removal; a message deleted already (by its author) is closed here.
            closeOpen(admin, roomId, seq, "removed", "report.resolve");
        }
        return find(id);
    }

    private void closeOpen(UserRef admin, long roomId, long seq, String resolution, String action) {
        closing.closeOpen(admin, roomId, seq, resolution, action, target(roomId, seq));
    }

    private static String target(long roomId, long seq) {
        return "room:" + roomId + "/seq:" + seq;
    }

    private static String checkedReason(String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.codePointCount(0, text.length()) > REASON_MAX) {
            throw new InvalidInputException(List.of(new FieldError("reason", "report.reason.tooLong")));
        }
        if (VisibleText.hasHiddenCharacters(text, true)) {
            throw new InvalidInputException(List.of(new FieldError("reason", "report.reason.invalid")));
        }
        return text;
    }

    private static final String SELECT = """
            SELECT r.id, r.room_id, ro.name, ro.kind, r.seq, au.login, au.display_name, m.text, m.sent_at,
                   m.deleted_at IS NOT NULL, m.removed_by_moderator, ru.login, r.reason, r.created_at,
                   (SELECT count(*) FROM message_reports x WHERE x.room_id = r.room_id AND x.seq = r.seq),
                   r.resolved_at, rb.login, r.resolution
              FROM message_reports r
              JOIN rooms ro ON ro.id = r.room_id
              JOIN messages m ON m.room_id = r.room_id AND m.seq = r.seq
              JOIN users au ON au.id = m.author_id
              JOIN users ru ON ru.id = r.reporter_id
              LEFT JOIN users rb ON rb.id = r.resolved_by""";

    private static Report report(ResultSet row) throws SQLException {
        return new Report(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4), row.getLong(5), row.getString(6),
                row.getString(7), row.getString(8), instant(row, 9), row.getBoolean(10), row.getBoolean(11), row.getString(12),
                row.getString(13), instant(row, 14), row.getLong(15), instant(row, 16), row.getString(17), row.getString(18));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        var time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
