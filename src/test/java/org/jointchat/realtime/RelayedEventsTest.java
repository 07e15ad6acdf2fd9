package org.jointchat.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.jointchat.account.CredentialsChanged;
import org.jointchat.account.ProfileChanged;
import org.jointchat.account.TokenRevoked;
import org.jointchat.account.UserRef;
import org.jointchat.room.RoomChanged;
import org.jointchat.room.RoomView;
import org.jointchat.thread.ThreadNews;
import org.junit.jupiter.api.Test;

/** Each event relayed to the other instances crosses as JSON and is rebuilt equal; nothing else is accepted. */
class RelayedEventsTest {

    static final UserRef ANN = new UserRef(7, "ann", "Ann \"the\" Coder 😀");

    static Object roundTrip(Object event) {
        var encoded = RelayedEvents.encode(event);
        String json = new String(encoded.json(), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{"), "JSON, not Java serialization: " + json);
        return RelayedEvents.decode(encoded.name(), encoded.json());
    }

    @Test
    void aRoomChangeWithItsMembersAndEmptyFieldsComesBackEqual() {
        var room = new RoomView(42, "general talk", "public", null, "ann", 1234, 3L, null, null, null,
                List.of(new RoomView.Member("ann", "Ann", true), new RoomView.Member("bob", "Bob <b>", false)),
                true, false, List.of("cid"), java.time.Instant.parse("2026-12-06T10:15:30.123Z"), true, false);
        var change = new RoomChanged("joined", room, "bob", Set.of("ann", "bob"), Set.of("bob"), null, List.of(7L));
        assertEquals(change, roundTrip(change));
        var deleted = new RoomChanged("deleted", new RoomView(1, "x", "private", "t", "ann", 0, null, null, null, null, null,
                null, null, null, null, null, null),
                "ann", Set.of(), Set.of(), "ann", List.of());
        assertEquals(deleted, roundTrip(deleted));
    }

    @Test
    void profileCredentialsAndTokenEventsComeBackEqual() {
        assertEquals(new ProfileChanged(ANN, "away\nback at 3"), roundTrip(new ProfileChanged(ANN, "away\nback at 3")));
        assertEquals(new ProfileChanged(ANN, null), roundTrip(new ProfileChanged(ANN, null)));
        assertEquals(new CredentialsChanged(ANN, 5, false), roundTrip(new CredentialsChanged(ANN, 5, false)));
        assertEquals(new TokenRevoked("ab12cd"), roundTrip(new TokenRevoked("ab12cd")));
    }

    /** Threads (issue 22, item 1): a followed thread's news for one user. */
    @Test
    void threadNewsComesBackEqual() {
        var news = new ThreadNews("ann", 3, 40, 3, 2, "2026-12-07T04:00:00.123Z", true);
        assertEquals(news, roundTrip(news));
        var unfollowed = new ThreadNews("bob", 3, 40, 0, 0, null, false);
        assertEquals(unfollowed, roundTrip(unfollowed));
    }

    /** Read receipts (issue 22, item 3): each instance sends `seen` to its own sockets. */
    @Test
    void aSeenReceiptWithItsAudienceComesBackEqual() {
        var seen = new org.jointchat.receipt.ReadReceiptSeen(42, "bob", "Bob \"B\" 😀", 17, Set.of("ann", "cy"));
        assertEquals(seen, roundTrip(seen));
    }

    @Test
    void everyRegisteredTypeIsCovered() {
        assertEquals(Set.of(RoomChanged.class, ProfileChanged.class, CredentialsChanged.class, TokenRevoked.class, ThreadNews.class,
                org.jointchat.receipt.ReadReceiptSeen.class),
                Set.copyOf(RelayedEvents.TYPES.values()), "a new relayed event needs a round trip here");
    }

    @Test
    void unregisteredNamesAndTypesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RelayedEvents.decode("java.util.HashMap", "{}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> RelayedEvents.encode("a string"));
        assertFalse(RelayedEvents.TYPES.containsKey("java.lang.Runtime"));
    }
}
