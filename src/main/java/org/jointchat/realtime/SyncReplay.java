package org.jointchat.realtime;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.message.ChatError;
import org.jointchat.message.ChatException;
import org.jointchat.message.MessageService;
import org.jointchat.platform.TokenBucket;

/**
 * The {@code sync} frame: a room's history replayed to one socket, rate-limited per socket and paced by the
 * socket's queue (back-pressure), ending with {@code synced}. Made with {@link ChatHub}, one for all sockets.
 */
@Dependent
class SyncReplay {

    private static final Logger LOG = Logger.getLogger(SyncReplay.class.getName());
    private static final int SYNC_BATCH = 200;

    @Inject
    MessageService messages;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "jointchat.ws.max-queued-frames", defaultValue = "2000")
    int maxQueuedFrames;

    /** sync frames per socket: a burst (a reconnecting client syncs each of its rooms), then a steady rate. */
    @Inject
    @ConfigProperty(name = "jointchat.ws.sync.burst", defaultValue = "60")
    int syncBurst;

    @Inject
    @ConfigProperty(name = "jointchat.ws.sync.per-second", defaultValue = "10")
    int syncPerSecond;

    private volatile TokenBucket syncRule;

    /** The rule of every socket's sync allowance (made once, from the settings). */
    private TokenBucket syncRule() {
        var rule = syncRule;
        if (rule == null) {
            rule = TokenBucket.of(Math.max(1, syncBurst), Math.max(1, syncPerSecond), Duration.ofSeconds(1));
            syncRule = rule;
        }
        return rule;
    }

    /**
     * Replays seq > afterSeq in batches, then (when afterVersion is given) the messages up to afterSeq that
     * changed after afterVersion, then says synced with the room's version as it was when the sync began: every
     * change up to it is in the replay or was held already. When the socket's queue is half full the replay
     * stops and continues once it has drained to a quarter (no thread waits meanwhile); a socket that does
     * not drain within the drain timeout (30 s) is closed by the heartbeat (1013: reconnect and sync).
     * A caller that is no member is refused here, by a {@link ChatException} thrown to the caller.
     */
    void start(Connection connection, long roomId, long afterSeq, Long afterVersion) {
        long wait = connection.takeSync(syncRule(), TokenBucket.now());
        if (wait > 0) {
            // Each sync costs queries on the pool the message writer shares: told per room, so the client retries it later.
            connection.send(Frames.syncError(ChatError.RATE_LIMITED, "too many syncs; sync this room again in "
                    + TokenBucket.seconds(wait) + " s", roomId));
            return;
        }
        messages.requireMember(connection.user(), roomId);
        executor.execute(() -> {
            try {
                long version = messages.roomVersion(connection.user(), roomId);
                replayFrom(connection, new Replay(roomId, Math.max(0, afterSeq), afterVersion == null ? -1 : Math.max(0, afterVersion), version));
            } catch (ChatException e) {
                connection.send(Frames.syncError(e.code(), e.getMessage(), roomId));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Sync failed", e);
                connection.send(Frames.syncError(ChatError.UNAVAILABLE, "sync failed; sync again", roomId));
            }
        });
    }

    /**
     * A sync in progress: new messages after afterSeq, then (afterVersion ≥ 0) changes after afterVersion of
     * the messages up to afterSeq, then {@code synced}. Handed from one executor task to the next, never shared.
     */
    private static final class Replay {
        final long roomId;
        final long afterSeq;
        final long afterVersion;
        final long roomVersion;
        long lastSeq;
        long lastVersion;
        boolean newDone;
        boolean changesDone;

        Replay(long roomId, long afterSeq, long afterVersion, long roomVersion) {
            this.roomId = roomId;
            this.afterSeq = afterSeq;
            this.afterVersion = afterVersion;
            this.roomVersion = roomVersion;
            this.lastSeq = afterSeq;
            this.lastVersion = afterVersion;
            this.changesDone = afterVersion < 0;
        }
    }

    private void replayFrom(Connection connection, Replay replay) {
        try {
            while (connection.isOpen()) {
                if (!replay.newDone) {
                    var batch = messages.after(connection.user(), replay.roomId, replay.lastSeq, SYNC_BATCH);
                    for (var message : batch) {
                        connection.send(Frames.message(message));
                        replay.lastSeq = message.seq();
                    }
                    replay.newDone = batch.size() < SYNC_BATCH;
                } else if (!replay.changesDone) {
                    var batch = messages.changedAfter(connection.user(), replay.roomId, replay.afterSeq, replay.lastVersion, SYNC_BATCH);
                    for (var message : batch) {
                        connection.send(Frames.changed(message));
                        replay.lastVersion = message.version();
                    }
                    replay.changesDone = batch.size() < SYNC_BATCH;
                } else {
                    connection.send(Frames.synced(replay.roomId, replay.lastSeq, replay.roomVersion));
                    return;
                }
                if (connection.queued() > maxQueuedFrames / 2) {
                    connection.whenDrained(() -> executor.execute(() -> replayFrom(connection, replay)));
                    return;
                }
            }
        } catch (ChatException e) {
            connection.send(Frames.syncError(e.code(), e.getMessage(), replay.roomId));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sync failed", e);
            connection.send(Frames.syncError(ChatError.UNAVAILABLE, "sync failed; sync again from " + replay.lastSeq, replay.roomId));
        }
    }
}
