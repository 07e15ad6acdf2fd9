package org.jointchat.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jointchat.presence.PresenceChanged;

/** Passes presence changes to the fan-out, which tells only the sockets watching that user. */
@ApplicationScoped
public class PresenceAnnouncer {

    @Inject
    Fanout fanout;

    void announce(@Observes PresenceChanged change) {
        fanout.presenceChanged(change.now());
    }
}
