package org.jointchat.realtime;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jointchat.account.CredentialsChanged;
import org.jointchat.account.ProfileChanged;
import org.jointchat.account.TokenRevoked;
import org.jointchat.room.RoomChanged;
import org.jointchat.thread.ThreadNews;

/**
 * The committed CDI events that cross the cluster, and how: as JSON (JSON-B) under a short name, rebuilt on the
 * receiving instance into the one type registered for that name. Nothing is Java-deserialized, and a name that is
 * not registered here is refused on both sides. A new relayed event is one more entry in {@link #TYPES} (and an
 * observer in {@link ClusteredFanout}).
 */
final class RelayedEvents {

    static final Map<String, Class<?>> TYPES = Map.of(
            "room", RoomChanged.class,
            "profile", ProfileChanged.class,
            "credentials", CredentialsChanged.class,
            "token-revoked", TokenRevoked.class,
            "thread", ThreadNews.class, // threads (issue 22, item 1)
            "receipt-seen", org.jointchat.receipt.ReadReceiptSeen.class); // read receipts (issue 22, item 3)

    /** Nulls are written: every record component crosses, so the receiver's constructor gets each one. */
    private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    /** An event as it crosses: its registered name and its JSON. */
    record Encoded(String name, byte[] json) {
    }

    private RelayedEvents() {
    }

    static Encoded encode(Object event) {
        String name = TYPES.entrySet().stream().filter(e -> e.getValue() == event.getClass()).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException(event.getClass().getName()
                        + " is not a relayed event (register it in RelayedEvents)"));
        return new Encoded(name, JSON.toJson(event).getBytes(StandardCharsets.UTF_8));
    }

    /** The event rebuilt from its JSON; IllegalArgumentException for a name not registered here. */
    static Object decode(String name, byte[] json) {
        Class<?> type = TYPES.get(name);
        if (type == null) {
            throw new IllegalArgumentException("not a relayed event: " + name);
        }
        return JSON.fromJson(new String(json, StandardCharsets.UTF_8), type);
    }
}
