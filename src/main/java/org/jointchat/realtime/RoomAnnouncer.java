package org.jointchat.realtime;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.jointchat.room.ReadMarked;
import org.jointchat.room.RoomChanged;

/** Passes committed room changes (after RoomService has refreshed its caches) and read marks to the fan-out. */
@ApplicationScoped
public class RoomAnnouncer {

    @Inject
    Fanout fanout;

    void announce(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(200) RoomChanged change) {
        fanout.roomChanged(change);
    }

    /** On the request's thread, as the resource fired it: the mark is already stored. */
    void readUpTo(@Observes ReadMarked read) {
        fanout.readUpTo(read.login(), read.roomId(), read.seq());
    }
}
