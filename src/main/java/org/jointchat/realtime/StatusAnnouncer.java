package org.jointchat.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.jointchat.presence.Presence;
import org.jointchat.presence.PresenceService;
import org.jointchat.status.StatusChanged;

/**
 * A status set, cleared or run out reaches the user's own sockets and the sockets that watch them at once as a
 * {@code profile} frame; the watchers' next {@code presence} entry for the user is renewed too, so a presence change
 * queued before it cannot bring the old status back.
 */
@ApplicationScoped
public class StatusAnnouncer {

    @Inject
    Fanout fanout;

    @Inject
    PresenceWatch watch;

    @Inject
    PresenceService presence;

    void announce(@Observes StatusChanged change) {
        fanout.profileChanged(change.user(), change.status().text());
        if (!watch.watchersOf(change.user().login()).isEmpty()) {
            var online = presence.onlineUser(change.user().login());
            var now = online != null ? List.of(new Presence(online, true, null)) : presence.states(List.of(change.user().login()));
            now.forEach(watch::changed);
        }
    }
}
