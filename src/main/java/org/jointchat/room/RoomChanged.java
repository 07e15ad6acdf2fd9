package org.jointchat.room;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * Something happened to a room, fired after the transaction committed: the realtime side announces it
 * ({@code room} frames) and adjusts which sockets receive the room.
 *
 * @param event created, joined, left, added, removed, updated or deleted
 * @param room the room after the change (as it was, for deleted)
 * @param login the user the event is about (who joined, left, was added or removed), or the actor
 * @param audience the users to tell: the members, plus a user who just left or was removed
 * @param subscribe users whose sockets start receiving the room (empty for none)
 * @param unsubscribe a user whose sockets stop receiving the room, or null; for deleted, everyone in the audience
 * @param lines the seqs of the system lines the change wrote into the room's timeline ({@link SystemLines}), in order;
 *     announced to the room as messages once the room frames are out
 */
public record RoomChanged(String event, RoomView room, String login, Set<String> audience, Set<String> subscribe,
        String unsubscribe, List<Long> lines) implements Serializable {

    /** One constructor only: JSON-B rebuilds relayed events through it (RelayedEvents). */
    public RoomChanged {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
