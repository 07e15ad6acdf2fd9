package org.jointchat.realtime;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the open sockets honest, driven by {@link Heartbeat} through {@link ChatHub}: closes those whose
 * token expired, and every ping interval pings every socket and closes those silent for longer than the idle
 * timeout (crashed clients), those whose queue has not drained within the drain timeout (stuck readers) and
 * those given up whose peer still reads nothing.
 */
@Dependent
class KeepAlive {

    @Inject
    ConnectionRegistry connections;

    @Inject
    @ConfigProperty(name = "jointchat.ws.idle-timeout", defaultValue = "PT40S")
    Duration idleTimeout;

    @Inject
    @ConfigProperty(name = "jointchat.ws.ping-interval", defaultValue = "PT15S")
    Duration pingInterval;

    @Inject
    @ConfigProperty(name = "jointchat.ws.drain-timeout", defaultValue = "PT30S")
    Duration drainTimeout;

    private volatile long lastHeartbeatNanos = System.nanoTime();
    /** Sockets given up whose session still waits for a send in flight (see {@link Connection#close}). */
    private final Set<Connection> closingSessions = ConcurrentHashMap.newKeySet();

    /** A socket given up whose session waits for the send in flight: closed by force if its peer reads nothing. */
    void givenUp(Connection connection) {
        closingSessions.add(connection);
    }

    /** A socket given up whose session is now closed for real. */
    void sessionClosing(Connection connection) {
        closingSessions.remove(connection);
    }

    /** Closes the sockets whose token expired (every second). */
    void closeExpired() {
        connections.closeExpired(System.currentTimeMillis());
    }

    /** Every ping interval: see the class. */
    void heartbeatIfDue() {
        long now = System.nanoTime();
        if (now - lastHeartbeatNanos >= pingInterval.toNanos() - 500_000_000L) {
            lastHeartbeatNanos = now;
            Connection.withLeanLoader(this::pingAll);
        }
    }

    private void pingAll() {
        long limit = idleTimeout.toNanos();
        long drainLimit = drainTimeout.toNanos();
        for (var connection : closingSessions) {
            if (connection.closingNanos() > limit) {
                connection.forceClose(); // its peer has read nothing for the idle timeout
            }
        }
        for (var connection : connections.all()) {
            if (connection.drainWaitNanos() > drainLimit) {
                connection.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too slow; reconnect and sync"));
            } else if (connection.idleNanos() > limit) {
                connection.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "no answer to pings"));
            } else {
                try {
                    connection.session().getAsyncRemote().sendPing(ByteBuffer.allocate(0));
                } catch (IOException | RuntimeException e) {
                    connection.close(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "ping failed"));
                }
            }
        }
    }
}
