package org.jointchat.pin;

import java.io.Serializable;
import java.util.Set;

/**
 * A room's pins changed. Fired inside the change's transaction; observers take it
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}, as realtime does {@code RoomChanged} (nothing observes
 * it yet: the live {@code pins} frame is for the session that finishes issue 22's item 2).
 *
 * @param event pinned or unpinned
 * @param room the room
 * @param seq the message pinned or unpinned
 * @param login who did it
 * @param audience the room's members
 */
public record PinsChanged(String event, long room, long seq, String login, Set<String> audience) implements Serializable {

    public PinsChanged {
        audience = Set.copyOf(audience);
    }
}
