package org.jointchat.presence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jointchat.account.UserRef;
import org.jointchat.platform.BoundedCache;
import org.jointchat.platform.Jdbc;

/**
 * The presence of given users: online ones from memory, offline ones (name and last seen) from a bounded
 * cache of users last known offline, so that watching them needs no query, or else from one query.
 */
final class OfflineDirectory {

    /** Users last known offline: name and last seen (bounded). */
    private final BoundedCache<String, Presence> offlineKnown = new BoundedCache<>(200_000);
    private final OnlineIndex online;
    private final LastSeenLog lastSeen;
    private final Jdbc jdbc;

    OfflineDirectory(OnlineIndex online, LastSeenLog lastSeen, Jdbc jdbc) {
        this.online = online;
        this.lastSeen = lastSeen;
        this.jdbc = jdbc;
    }

    /** The user went offline now (inside the login's compute): known without a query from now on. */
    void wentOffline(Presence offline) {
        offlineKnown.put(offline.user().login(), offline);
    }

    /** What is known of the user is stale (renamed). */
    void forget(String login) {
        offlineKnown.invalidate(login);
    }

    /** The presence of each existing login among the given ones (unknown logins are left out). */
    List<Presence> states(Collection<String> logins) {
        var result = new ArrayList<Presence>(logins.size());
        var offline = new ArrayList<String>();
        for (String login : logins) {
            var o = online.get(login);
            var known = o == null ? offlineKnown.peek(login) : null;
            if (o != null) {
                result.add(new Presence(o.user(), true, null));
            } else if (known != null) {
                result.add(known);
            } else {
                offline.add(login);
            }
        }
        if (!offline.isEmpty()) {
            long generation = offlineKnown.generation();
            var loaded = jdbc.list("SELECT id, login, display_name, last_seen_at FROM users WHERE login = ANY (?)", row -> {
                var user = new UserRef(row.getLong(1), row.getString(2), row.getString(3));
                var recent = lastSeen.unwritten(user.login());
                var stored = row.getTimestamp(4);
                return new Presence(user, false, recent != null ? recent : stored == null ? null : stored.toInstant());
            }, (Object) offline.toArray(String[]::new));
            for (var p : loaded) {
                offlineKnown.putIfUnchanged(p.user().login(), p, generation);
            }
            result.addAll(loaded);
        }
        return result;
    }
}
