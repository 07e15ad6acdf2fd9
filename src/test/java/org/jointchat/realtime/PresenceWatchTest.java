package org.jointchat.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jointchat.account.UserRef;
import org.jointchat.presence.OnlineCount;
import org.jointchat.presence.PresenceService;
import org.junit.jupiter.api.Test;

/** The {@code online} frames of a shown room: sent when who is online changed, even if their number did not. */
class PresenceWatchTest {

    /** A presence service whose answer for a room's online count the test sets. */
    static final class CountedPresence extends PresenceService {
        volatile OnlineCount now;

        @Override
        public OnlineCount onlineCountIn(long roomId) {
            return now;
        }
    }

    private final List<String> written = new CopyOnWriteArrayList<>();

    private Connection connection() {
        var async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                        written.add((String) args[0]);
                        ((SendHandler) args[1]).onResult(new SendResult());
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        var session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAsyncRemote" -> async;
                    case "isOpen" -> true;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        var shared = new Connection.Shared(100, c -> { }, c -> { }, Runnable::run);
        return new Connection(session, new UserRef(1, "ann", "Ann"), shared);
    }

    @Test
    void oneLeavingAndAnotherArrivingWithinASecondIsSentAlthoughTheCountStayed() {
        var presence = new CountedPresence();
        var watch = new PresenceWatch();
        watch.presence = presence;
        presence.now = new OnlineCount(2, 10); // Ann and Xavier
        watch.watchRoom(connection(), 1);
        assertEquals(List.of("{\"type\":\"online\",\"room\":1,\"count\":2,\"tag\":10}"), written, "answered at once");

        // Xavier's grace ends and Bob arrives before the next flush: still two, but not the same two. Ann's
        // list (read in between, or thinned by Xavier's presence frame) must hear of it, or Bob never shows.
        presence.now = new OnlineCount(2, 17);
        watch.flush();
        assertEquals("{\"type\":\"online\",\"room\":1,\"count\":2,\"tag\":17}", written.get(written.size() - 1));
        assertEquals(2, written.size());

        watch.flush();
        assertEquals(2, written.size(), "nothing new, nothing sent");
    }
}
