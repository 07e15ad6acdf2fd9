package org.jointchat.realtime;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jointchat.message.MessageStore;
import org.jointchat.room.ReadMarked;
import org.jointchat.room.RoomChanged;

/**
 * Passes committed room changes (after RoomService has refreshed its caches) with the system lines they wrote, and read
 * marks, to the fan-out.
 */
@ApplicationScoped
public class RoomAnnouncer {

    @Inject
    Fanout fanout;

    @Inject
    MessageStore messages;

    void announce(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(200) RoomChanged change) {
        fanout.roomChanged(change);
    }

    /**
     * The change's system lines, after its room frames (the sockets of a member just added receive the room by then).
     * Only for changes made on this instance ({@code @Default}; relayed ones are {@code @Relayed}): the fan-out carries
     * the lines to the other instances as messages. A message the writer commits just after may overtake them; the
     * page keeps messages by seq, so the timeline stays in order.
     */
    void announceLines(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(210) @Default RoomChanged change) {
        if (!change.lines().isEmpty()) {
            var lines = change.lines().stream().map(seq -> messages.one(change.room().id(), seq)).flatMap(Optional::stream).toList();
            fanout.messagesCommitted(lines);
        }
    }

    /** On the request's thread, as the resource fired it: the mark is already stored. */
    void readUpTo(@Observes ReadMarked read) {
        fanout.readUpTo(read.login(), read.roomId(), read.seq());
    }
}
