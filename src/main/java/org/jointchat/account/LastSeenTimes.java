package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jointchat.platform.Jdbc;

/**
 * Writes {@code users.last_seen_at}, a column of the account's table, for whoever decides when people were last
 * seen (presence): many users in one statement.
 */
@ApplicationScoped
public class LastSeenTimes {

    @Inject
    Jdbc jdbc;

    /** Sets each user's last-seen time; {@code userIds[i]} was last seen at {@code epochMillis[i]}. */
    public void record(Long[] userIds, Long[] epochMillis) {
        jdbc.update("""
                UPDATE users u SET last_seen_at = to_timestamp(v.ms / 1000.0)
                  FROM unnest(?::bigint[], ?::bigint[]) AS v(id, ms) WHERE u.id = v.id""", userIds, epochMillis);
    }
}
