package org.jointchat.realtime;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.account.AccountService;
import org.jointchat.account.Roles;
import org.jointchat.message.ChatError;
import org.jointchat.message.ChatException;
import org.jointchat.message.MessageService;
import org.jointchat.message.MessageWriter;
import org.jointchat.platform.Shutdown;
import org.jointchat.platform.TokenBucket;
import org.jointchat.presence.PresenceService;
import org.jointchat.room.RoomService;
import org.jointchat.room.RoomView;

/** What the WebSocket endpoint does with sockets and frames; the endpoint itself only forwards. */
@ApplicationScoped
public class ChatHub {

    private static final Logger LOG = Logger.getLogger(ChatHub.class.getName());
    static final String CONNECTION = "org.jointchat.connection";
    private static final int SYNC_BATCH = 200;

    @Inject
    Roles roles;

    @Inject
    AccountService accounts;

    @Inject
    RoomService rooms;

    @Inject
    MessageService messages;

    @Inject
    PresenceService presence;

    @Inject
    ConnectionRegistry connections;

    @Inject
    Fanout fanout;

    @Inject
    SenderPool senders;

    @Inject
    PresenceWatch watch;

    @Inject
    MessageWriter writer;

    @Inject
    Shutdown shutdown;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "jointchat.ws.max-queued-frames", defaultValue = "2000")
    int maxQueuedFrames;

    @Inject
    @ConfigProperty(name = "jointchat.ws.idle-timeout", defaultValue = "PT40S")
    Duration idleTimeout;

    @Inject
    @ConfigProperty(name = "jointchat.ws.ping-interval", defaultValue = "PT15S")
    Duration pingInterval;

    @Inject
    @ConfigProperty(name = "jointchat.ws.drain-timeout", defaultValue = "PT30S")
    Duration drainTimeout;

    /** sync frames per socket: a burst (a reconnecting client syncs each of its rooms), then a steady rate. */
    @Inject
    @ConfigProperty(name = "jointchat.ws.sync.burst", defaultValue = "60")
    int syncBurst;

    @Inject
    @ConfigProperty(name = "jointchat.ws.sync.per-second", defaultValue = "10")
    int syncPerSecond;

    private volatile TokenBucket syncRule;

    private volatile long lastHeartbeatNanos = System.nanoTime();
    /** Sockets given up whose session still waits for a send in flight (see {@link Connection#close}). */
    private final Set<Connection> closingSessions = ConcurrentHashMap.newKeySet();

    private volatile Connection.Shared shared;

    /** What every connection shares, made once. */
    private Connection.Shared shared() {
        var s = shared;
        if (s == null) {
            s = new Connection.Shared(maxQueuedFrames, this::closing, this::closeLater, senders.executor());
            shared = s;
        }
        return s;
    }

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
     * A socket opened: who it is (cached), its rooms (one query), then online and registered, then hello.
     * Nobody else is sent anything unless they watch this user.
     */
    void opened(Session session) {
        var principal = session.getUserPrincipal();
        var user = principal == null ? null : accounts.ref(principal.getName()).orElse(null);
        if (user == null) {
            closeNow(session, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "not signed in"));
            return;
        }
        var connection = new Connection(session, user, shared());
        connection.credential(SocketCredential.take());
        synchronized (connections.lockFor(user.login())) {
            if (!connections.hasRoomFor(user.login())) {
                // Handshakes that raced past HandshakeGuard's check: the bound holds here, under the user's lock.
                closeNow(session, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "too many sockets for this user"));
                return;
            }
            // Rooms read and registered under the user's lock (see ConnectionRegistry.lockFor). Nothing is
            // counted before the read succeeded: a socket whose open fails here leaves presence as it was.
            List<RoomView> memberOf;
            try {
                memberOf = rooms.roomsOf(user.id());
            } catch (RuntimeException e) {
                // E.g. the database blinked: the client is told to come back (1013) rather than left on a
                // socket that was never registered and would answer nothing.
                LOG.log(Level.WARNING, "Could not open a socket for " + user.login(), e);
                closeNow(session, new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "cannot open now; reconnect later"));
                return;
            }
            session.getUserProperties().put(CONNECTION, connection);
            presence.socketOpened(user);
            connections.add(connection, memberOf.stream().map(RoomView::id).toList());
            connection.send(Frames.hello(user, roles.isAdmin(user.id()), memberOf, presence.onlineCount()));
        }
    }

    void closed(Session session) {
        if (session.getUserProperties().remove(CONNECTION) instanceof Connection connection) {
            unregister(connection);
        }
    }

    /** Once per socket, whether the server gave it up first or the container reported it closed. */
    private void unregister(Connection connection) {
        if (connection.unregisterOnce()) {
            connections.remove(connection);
            watch.unwatchAll(connection);
            presence.socketClosed(connection.user());
        }
    }

    void ponged(Session session) {
        if (session.getUserProperties().get(CONNECTION) instanceof Connection connection) {
            connection.touch();
        }
    }

    void received(Session session, String text) {
        if (!(session.getUserProperties().get(CONNECTION) instanceof Connection connection) || !connection.isOpen()) {
            return; // a socket being closed (its credential ended) acts on nothing more
        }
        connection.touch();
        JsonObject frame;
        try (var reader = Frames.JSON.createReader(new StringReader(text))) {
            frame = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            connection.send(Frames.error(ChatError.INVALID, "a frame is one JSON object", null));
            return;
        }
        String clientId = frame.get("clientId") instanceof JsonString id ? id.getString() : null;
        try {
            switch (String.valueOf(string(frame, "type"))) {
                case "send" -> send(connection, number(frame, "room"), string(frame, "text"), clientId,
                        optionalNumber(frame, "replyTo"), numbers(frame, "attachments"));
                case "sync" -> sync(connection, number(frame, "room"), number(frame, "afterSeq"), optionalNumber(frame, "afterVersion"));
                case "edit" -> changed(connection, messages.edit(connection.user(), number(frame, "room"), number(frame, "seq"),
                        string(frame, "text")), clientId);
                case "delete" -> changed(connection, messages.delete(connection.user(), number(frame, "room"), number(frame, "seq")),
                        clientId);
                case "react" -> changed(connection, messages.react(connection.user(), number(frame, "room"), number(frame, "seq"),
                        string(frame, "emoji"), flag(frame, "on")), clientId);
                case "typing" -> typing(connection, number(frame, "room"));
                case "watch" -> watch(connection, frame);
                case "ping" -> connection.send(Frames.pong());
                default -> throw new ChatException(ChatError.INVALID, "unknown frame type");
            }
        } catch (ChatException e) {
            connection.send(Frames.error(e.code(), e.getMessage(), clientId, e.until()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Frame failed", e);
            connection.send(Frames.error(ChatError.UNAVAILABLE, "could not handle the frame now; try again", clientId));
        }
    }

    private void send(Connection connection, long roomId, String text, String clientId, Long replyTo, List<Long> attachments) {
        messages.send(connection.user(), roomId, text, clientId, replyTo, attachments).whenComplete((result, failure) -> {
            if (failure == null) {
                connection.send(Frames.ack(result.message()));
            } else {
                refused(connection, failure, clientId);
            }
        });
    }

    /** An edit, deletion or reaction: success is the {@code changed} frame the whole room gets; a refusal is told here. */
    private static void changed(Connection connection, CompletableFuture<?> change, String clientId) {
        change.whenComplete((result, failure) -> {
            if (failure != null) {
                refused(connection, failure, clientId);
            }
        });
    }

    private static void refused(Connection connection, Throwable failure, String clientId) {
        var cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        var chat = cause instanceof ChatException refusal ? refusal : null;
        connection.send(Frames.error(chat == null ? ChatError.UNAVAILABLE : chat.code(), cause.getMessage(), clientId,
                chat == null ? null : chat.until()));
    }

    /**
     * Replays seq > afterSeq in batches, then (when afterVersion is given) the messages up to afterSeq that
     * changed after afterVersion, then says synced with the room's version as it was when the sync began: every
     * change up to it is in the replay or was held already. When the socket's queue is half full the replay
     * stops and continues once it has drained to a quarter (no thread waits meanwhile); a socket that does
     * not drain within the drain timeout (30 s) is closed by the heartbeat (1013: reconnect and sync).
     */
    private void sync(Connection connection, long roomId, long afterSeq, Long afterVersion) {
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
                syncFrom(connection, new Replay(roomId, Math.max(0, afterSeq), afterVersion == null ? -1 : Math.max(0, afterVersion), version));
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

    private void syncFrom(Connection connection, Replay replay) {
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
                    connection.whenDrained(() -> executor.execute(() -> syncFrom(connection, replay)));
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

    /** What this socket shows: users (presence) and, optionally, the room whose online count it shows. */
    private void watch(Connection connection, JsonObject frame) {
        var logins = strings(frame, "logins");
        long room = -1;
        if (frame.containsKey("room") && frame.get("room") != JsonValue.NULL) {
            room = number(frame, "room");
            messages.requireMember(connection.user(), room);
        }
        watch.watch(connection, logins);
        watch.watchRoom(connection, room);
    }

    private void typing(Connection connection, long roomId) {
        messages.requireMember(connection.user(), roomId);
        if (connection.mayAnnounceTyping()) {
            fanout.typing(roomId, connection.user()); // the room's other members, on every instance
        }
    }

    /**
     * A graceful stop: no new sockets and readiness DOWN ({@link Shutdown}); the writer commits what it had
     * accepted (new sends are refused with UNAVAILABLE) and its acks reach their sockets; then every socket is
     * closed with 1012 (service restart), so that clients know to come back after a random wait of about a
     * start-up time rather than at once, all together, while the server is still starting (a storm of
     * handshakes then slowed a restart with 19,000 clients from 22 s to 80 s).
     */
    void shuttingDown(@Observes(notifyObserver = Reception.IF_EXISTS)
            @BeforeDestroyed(ApplicationScoped.class) Object application) {
        shutdown.begin();
        long drainStart = System.nanoTime();
        boolean drained = writer.drain(Duration.ofSeconds(10));
        awaitQueuesFlushed(Duration.ofSeconds(2));
        LOG.info(() -> "Shutting down: writer " + (drained ? "drained" : "NOT drained") + " in "
                + (System.nanoTime() - drainStart) / 1_000_000 + " ms");
        // The reason says when a restart is likely done: clients spread their return over that long and twice it.
        var restart = new CloseReason(CloseReason.CloseCodes.SERVICE_RESTART,
                "server restarting; retry after " + IdleTimerScheduler.startupSeconds + " s");
        long start = System.nanoTime();
        int[] closed = {0};
        Connection.withLeanLoader(() -> {
            for (var connection : connections.all()) {
                if (connection.session().isOpen()) {
                    closeNow(connection.session(), restart);
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

    /** Closes the sockets whose token expired (every second, from {@link Heartbeat}). */
    public void closeExpired() {
        connections.closeExpired(System.currentTimeMillis());
    }

    /**
     * Every ping interval: pings every socket, closes those silent for longer than the idle timeout (crashed
     * clients) and those whose queue has not drained within the drain timeout (stuck readers).
     */
    public void heartbeatIfDue() {
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

    /**
     * A socket given up ({@link Connection#close}) leaves at once: offline and sent nothing more, even while
     * its session waits for the send in flight. Unregistered on the pool, because the close may come from a
     * caller that is walking the registry or holds another socket's lock.
     */
    private void closing(Connection connection) {
        closingSessions.add(connection);
        executor.execute(() -> unregister(connection));
    }

    private void closeLater(Connection connection) {
        closingSessions.remove(connection);
        executor.execute(() -> closeNow(connection.session(), connection.closeReason()));
    }

    private static void closeNow(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Close failed", e);
        }
    }

    private static String string(JsonObject frame, String name) {
        var value = frame.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new ChatException(ChatError.INVALID, name + " must be a string");
    }

    private static List<String> strings(JsonObject frame, String name) {
        if (!(frame.get(name) instanceof JsonArray array)) {
            throw new ChatException(ChatError.INVALID, name + " must be an array of strings");
        }
        var result = new ArrayList<String>(array.size());
        for (var value : array) {
            if (!(value instanceof JsonString s)) {
                throw new ChatException(ChatError.INVALID, name + " must be an array of strings");
            }
            result.add(s.getString());
        }
        return result;
    }

    /** An optional boolean: absent or null is null. */
    private static Boolean flag(JsonObject frame, String name) {
        var value = frame.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw new ChatException(ChatError.INVALID, name + " must be true or false");
    }

    /** An optional integer: absent or null is null. */
    private static Long optionalNumber(JsonObject frame, String name) {
        var value = frame.get(name);
        return value == null || value == JsonValue.NULL ? null : number(frame, name);
    }

    /** An optional array of integers: absent or null is empty. */
    private static List<Long> numbers(JsonObject frame, String name) {
        var value = frame.get(name);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > 100) {
            throw new ChatException(ChatError.INVALID, name + " must be an array of integers");
        }
        var result = new ArrayList<Long>(array.size());
        for (var item : array) {
            if (!(item instanceof JsonNumber n) || !n.isIntegral()) {
                throw new ChatException(ChatError.INVALID, name + " must be an array of integers");
            }
            result.add(n.longValue());
        }
        return result;
    }

    private static long number(JsonObject frame, String name) {
        if (frame.get(name) instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException tooLarge) {
                throw new ChatException(ChatError.INVALID, name + " is out of range");
            }
        }
        throw new ChatException(ChatError.INVALID, name + " must be an integer");
    }
}
