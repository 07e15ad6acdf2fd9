package org.jointchat.message;

import java.sql.Connection;
import java.sql.SQLException;
import org.jointchat.account.UserRef;

/**
 * What the packages above message do, inside the writer's transaction, when a moderator (not the author)
 * removes a message: {@code report} closes the message's open reports. An interface here, so that the
 * writer does not know those packages.
 */
public interface ModeratorRemovals {

    void removed(Connection c, UserRef moderator, long roomId, long seq) throws SQLException;
}
