package org.jointchat.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jointchat.account.UserRef;
import org.jointchat.audit.AuditLog;
import org.jointchat.platform.Jdbc;

/** Closes a message's open reports and records that in the audit log, in one transaction (neither without the other). */
@ApplicationScoped
public class ReportClosing {

    @Inject
    Jdbc jdbc;

    @Inject
    AuditLog audit;

    @Transactional
    public void closeOpen(UserRef admin, long roomId, long seq, String resolution, String action, String target) {
        int closed = jdbc.update("""
                UPDATE message_reports SET resolved_at = now(), resolved_by = ?, resolution = ?
                 WHERE room_id = ? AND seq = ? AND resolved_at IS NULL""", admin.id(), resolution, roomId, seq);
        if (closed > 0) {
            audit.record(admin.login(), action, target, resolution + ": " + closed + " report(s)");
        }
    }
}
