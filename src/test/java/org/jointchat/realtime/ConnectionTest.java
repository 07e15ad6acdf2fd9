package org.jointchat.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jointchat.account.UserRef;
import org.junit.jupiter.api.Test;

/** The outgoing queue of one socket: a reader that stops reading is closed, never waited for. */
class ConnectionTest {

    /** A socket whose asynchronous sends complete only when the test says so (a client that stopped reading). */
    static final class StuckSocket {
        final List<SendHandler> inFlight = new ArrayList<>();
        final List<String> written = new ArrayList<>();

        Session session() {
            var async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                        if (method.getName().equals("sendText") && args.length == 2) {
                            synchronized (this) {
                                written.add((String) args[0]);
                                inFlight.add((SendHandler) args[1]);
                            }
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getAsyncRemote" -> async;
                        case "isOpen" -> true;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        /** The client reads one frame: the send in flight completes. */
        void readOne() {
            SendHandler handler;
            synchronized (this) {
                handler = inFlight.remove(0);
            }
            handler.onResult(new SendResult());
        }
    }

    /** Sockets given up (unregistered), and those whose session was then closed. */
    private final List<Connection> closed = new ArrayList<>();
    private final List<Connection> sessionClosed = new ArrayList<>();

    private Connection connection(StuckSocket socket, int maxQueued) {
        // Sends run on the calling thread here, so each step is visible at once.
        var shared = new Connection.Shared(maxQueued, closed::add, sessionClosed::add, Runnable::run);
        return new Connection(socket.session(), new UserRef(1, "ann", "Ann"), shared);
    }

    @Test
    void aReaderThatFallsMoreThanTheQueueBehindIsClosedWith1013AndNothingWaits() {
        var socket = new StuckSocket();
        var connection = connection(socket, 10);
        for (int i = 0; i < 10; i++) {
            connection.send("frame " + i);
        }
        assertEquals(10, connection.queued());
        assertTrue(closed.isEmpty(), "ten queued frames are within the limit");

        connection.send("one too many"); // returns at once although nothing was read
        assertEquals(List.of(connection), closed);
        assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, connection.closeReason().getCloseCode());
        assertEquals("too slow; reconnect and sync", connection.closeReason().getReasonPhrase());

        connection.send("after the close");
        assertEquals(1, socket.written.size(), "one send in flight at a time, and nothing after the close");
        assertEquals(1, closed.size(), "closed once");
    }

    @Test
    void theSessionIsClosedAfterTheSendInFlightSoTheCloseFrameFollowsWhatWasWritten() {
        var socket = new StuckSocket();
        var connection = connection(socket, 3);
        for (int i = 0; i < 4; i++) {
            connection.send("frame " + i);
        }
        assertEquals(List.of(connection), closed, "given up at once");
        assertEquals(List.of(), sessionClosed, "a close frame now would queue behind the unread frame and be dropped");
        assertTrue(connection.closingNanos() > 0);

        socket.readOne(); // the peer reads what was in flight
        assertEquals(List.of(connection), sessionClosed);
        assertEquals(1, socket.written.size(), "nothing queued is sent after the close");
        assertEquals(0, connection.closingNanos());

        connection.forceClose();
        connection.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "again"));
        assertEquals(1, sessionClosed.size(), "closed once");
        assertEquals(1, closed.size());
    }

    @Test
    void aPeerThatNeverReadsAgainIsClosedWhenForced() {
        var socket = new StuckSocket();
        var connection = connection(socket, 10);
        connection.send("never read");
        connection.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "no answer to pings"));
        assertEquals(List.of(), sessionClosed);

        connection.forceClose();
        assertEquals(List.of(connection), sessionClosed);
        socket.readOne(); // read after all: nothing more happens
        assertEquals(1, sessionClosed.size());
    }

    @Test
    void anIdleSocketIsClosedAtOnce() {
        var socket = new StuckSocket();
        var connection = connection(socket, 10);
        connection.send("hello");
        socket.readOne();
        connection.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "signed out"));
        assertEquals(List.of(connection), closed);
        assertEquals(List.of(connection), sessionClosed);
    }

    @Test
    void aReaderThatKeepsUpIsNeverClosed() {
        var socket = new StuckSocket();
        var connection = connection(socket, 10);
        for (int i = 0; i < 1000; i++) {
            connection.send("frame " + i);
            socket.readOne();
        }
        assertTrue(closed.isEmpty());
        assertEquals(0, connection.queued());
        assertEquals(1000, socket.written.size());
        assertEquals("frame 999", socket.written.get(999), "in order");
    }

    @Test
    void everyWaitingSyncGoesOnOnceTheQueueHasDrained() {
        var socket = new StuckSocket();
        var connection = connection(socket, 8);
        for (int i = 0; i < 8; i++) {
            connection.send("frame " + i);
        }
        var resumed = new AtomicInteger();
        connection.whenDrained(resumed::incrementAndGet); // the sync of one room
        connection.whenDrained(resumed::incrementAndGet); // and of another, at the same time
        assertEquals(0, resumed.get(), "a full queue: both wait");
        assertTrue(connection.drainWaitNanos() > 0);

        for (int i = 0; i < 6; i++) {
            socket.readOne();
        }
        assertEquals(2, resumed.get(), "both continue once at most a quarter is left");
        assertEquals(0, connection.drainWaitNanos(), "nothing waits any more");
        assertNull(connection.closeReason());
    }
}
