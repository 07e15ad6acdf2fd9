package org.jointchat.presence;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jointchat.account.LastSeenTimes;
import org.jointchat.platform.DatabaseException;

/**
 * When users were last seen: kept in memory as they go offline and written in one statement, once a second
 * ({@code users.last_seen_at}, through the account's {@link LastSeenTimes}), not once per socket. What fails to be written stays for the next try.
 */
final class LastSeenLog {

    private static final Logger LOG = Logger.getLogger(LastSeenLog.class.getName());

    private record LastSeen(long userId, Instant at) {
    }

    /** Last-seen times not yet written, by login. */
    private final Map<String, LastSeen> unwritten = new ConcurrentHashMap<>();
    private final LastSeenTimes store;

    LastSeenLog(LastSeenTimes store) {
        this.store = store;
    }

    /** The user was last seen at {@code at}; written with the next batch. */
    void seen(String login, long userId, Instant at) {
        unwritten.put(login, new LastSeen(userId, at));
    }

    /** When a user was last seen, if not yet written (else null: read the database). */
    Instant unwritten(String login) {
        var recent = unwritten.get(login);
        return recent == null ? null : recent.at();
    }

    /** Writes every pending last-seen time in one statement; what fails stays for the next second. */
    void write() {
        if (unwritten.isEmpty()) {
            return;
        }
        var batch = new HashMap<>(unwritten);
        var ids = new Long[batch.size()];
        var millis = new Long[batch.size()];
        int i = 0;
        for (var seen : batch.values()) {
            ids[i] = seen.userId();
            millis[i++] = seen.at().toEpochMilli();
        }
        try {
            store.record(ids, millis);
            batch.forEach(unwritten::remove);
        } catch (DatabaseException e) {
            LOG.log(Level.WARNING, "Could not record last seen for " + batch.size() + " users; trying again", e);
        }
    }
}
