package org.jointchat.realtime;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.util.logging.Logger;
import org.jointchat.message.MessageWriter;
import org.jointchat.platform.Cluster;
import org.jointchat.platform.Shutdown;

/**
 * A graceful stop: no new sockets and readiness DOWN ({@link Shutdown}); the writer commits what it had
 * accepted (new sends are refused with UNAVAILABLE) and its acks reach their sockets; then every socket is
 * closed with 1012 (service restart), so that clients know to come back after a random wait of about a
 * start-up time rather than at once, all together, while the server is still starting (a storm of
 * handshakes then slowed a restart with 19,000 clients from 22 s to 80 s). Run by {@link ChatHub} when the
 * application stops.
 */
@Dependent
class ShutdownSequence {

    private static final Logger LOG = Logger.getLogger(ShutdownSequence.class.getName());

    @Inject
    ConnectionRegistry connections;

    @Inject
    MessageWriter writer;

    @Inject
    Shutdown shutdown;

    @Inject
    Cluster cluster;

    @Inject
    Admission admission;

    /** The hint in a cluster: come back after 1 to 2 s, to another instance (the balancer's choice). */
    static final long CLUSTER_RETRY_SECONDS = 1;

    void run() {
        shutdown.begin();
        long drainStart = System.nanoTime();
        boolean drained = writer.drain(Duration.ofSeconds(10));
        awaitQueuesFlushed(Duration.ofSeconds(2));
        LOG.info(() -> "Shutting down: writer " + (drained ? "drained" : "NOT drained") + " in "
                + (System.nanoTime() - drainStart) / 1_000_000 + " ms");
        // The reason says when a restart is likely done: clients spread their return over that long and twice it.
        // In a cluster the other instances take them at once (issue 24, item 4: a rolling restart stops one at a time).
        long retryAfter = cluster.enabled() ? CLUSTER_RETRY_SECONDS : IdleTimerScheduler.startupSeconds;
        // Spread the returns over as long as admission takes to let them all in (issue 24, item 3): 20 sockets
        // need no spread, 19,000 need about 19 s at 1,000/s; older clients read only "retry after N s" (N to 2N).
        int rate = admission.ratePerSecond();
        long within = Math.max(1, (connections.count() + rate - 1) / rate);
        var restart = new CloseReason(CloseReason.CloseCodes.SERVICE_RESTART,
                "server restarting; retry after " + retryAfter + " s within " + within + " s");
        long start = System.nanoTime();
        int[] closed = {0};
        Connection.withLeanLoader(() -> {
            for (var connection : connections.all()) {
                if (connection.session().isOpen()) {
                    ChatHub.closeNow(connection.session(), restart);
                    closed[0]++;
                }
            }
        });
        LOG.info(() -> "Shutting down: closed " + closed[0] + " sockets with 1012 in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /** Waits (bounded) until the sockets' outgoing queues are empty: acks and last messages go out before 1012. */
    private void awaitQueuesFlushed(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            boolean empty = true;
            for (var connection : connections.all()) {
                if (connection.isOpen() && connection.queued() > 0) {
                    empty = false;
                    break;
                }
            }
            if (empty) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
