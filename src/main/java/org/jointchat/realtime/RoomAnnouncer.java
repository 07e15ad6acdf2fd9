package org.jointchat.realtime;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.jointchat.room.RoomChanged;

/** Passes committed room changes to the fan-out (after RoomService has refreshed its caches). */
@ApplicationScoped
public class RoomAnnouncer {

    @Inject
    Fanout fanout;

    void announce(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(200) RoomChanged change) {
        fanout.roomChanged(change);
    }
}
