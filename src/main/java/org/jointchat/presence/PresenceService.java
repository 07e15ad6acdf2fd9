package org.jointchat.presence;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jointchat.account.UserRef;
import org.jointchat.platform.DatabaseUnavailableException;
import org.jointchat.platform.Jdbc;
import org.jointchat.realtime.Fanout;

/**
 * Who is online: a user is online while at least one of their sockets is open (tabs count once).
 * Going offline records "last seen" and tells everyone; so does coming online.
 */
@ApplicationScoped
public class PresenceService {

    private static final Logger LOG = Logger.getLogger(PresenceService.class.getName());

    /** Online users and how many sockets each has open. */
    private final Map<String, Online> online = new ConcurrentHashMap<>();

    private record Online(UserRef user, int sockets) {
    }

    @Inject
    Fanout fanout;

    @Inject
    Jdbc jdbc;

    @Resource
    ManagedExecutorService executor;

    public void socketOpened(UserRef user) {
        // Transitions are decided and announced inside compute, so announcements for one user never cross.
        online.compute(user.login(), (login, current) -> {
            if (current == null) {
                fanout.presenceChanged(user, true, null);
                return new Online(user, 1);
            }
            return new Online(current.user(), current.sockets() + 1);
        });
    }

    public void socketClosed(UserRef user) {
        online.computeIfPresent(user.login(), (login, current) -> {
            if (current.sockets() > 1) {
                return new Online(current.user(), current.sockets() - 1);
            }
            Instant lastSeen = Instant.now();
            executor.execute(() -> recordLastSeen(user.id(), lastSeen));
            fanout.presenceChanged(current.user(), false, lastSeen);
            return null;
        });
    }

    public boolean isOnline(String login) {
        return online.containsKey(login);
    }

    /** Online users, by display name. */
    public List<UserRef> onlineUsers() {
        return online.values().stream().map(Online::user)
                .sorted(Comparator.comparing(UserRef::displayName, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    private void recordLastSeen(long userId, Instant lastSeen) {
        try {
            jdbc.update("UPDATE users SET last_seen_at = ? WHERE id = ?", OffsetDateTime.ofInstant(lastSeen, ZoneOffset.UTC), userId);
        } catch (DatabaseUnavailableException e) {
            LOG.log(Level.WARNING, "Could not record last seen for user " + userId, e);
        }
    }
}
