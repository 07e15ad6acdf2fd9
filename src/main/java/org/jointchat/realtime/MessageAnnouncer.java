package org.jointchat.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jointchat.message.MessagesCommitted;

/** Passes the message writer's committed batches to the fan-out, on the writer's thread, in commit order. */
@ApplicationScoped
public class MessageAnnouncer {

    @Inject
    Fanout fanout;

    void announce(@Observes MessagesCommitted batch) {
        // New messages took their rooms' versions before the changes of the same batch: this is version order.
        fanout.messagesCommitted(batch.created());
        if (!batch.changed().isEmpty()) {
            fanout.messagesChanged(batch.changed());
        }
    }
}
