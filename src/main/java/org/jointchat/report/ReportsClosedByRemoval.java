package org.jointchat.report;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import org.jointchat.account.UserRef;
import org.jointchat.message.ModeratorRemovals;

/** A message a moderator removed has its open reports closed as removed, in the removal's own transaction. */
@ApplicationScoped
public class ReportsClosedByRemoval implements ModeratorRemovals {

    @Override
    public void removed(Connection c, UserRef moderator, long roomId, long seq) throws SQLException {
        try (var update = c.prepareStatement("""
                UPDATE message_reports SET resolved_at = now(), resolved_by = ?, resolution = 'removed'
                 WHERE room_id = ? AND seq = ? AND resolved_at IS NULL""")) {
            update.setObject(1, moderator.id());
            update.setObject(2, roomId);
            update.setObject(3, seq);
            update.executeUpdate();
        }
    }
}
