package org.jointchat.realtime;

import static org.jointchat.realtime.InboundFrames.clientId;
import static org.jointchat.realtime.InboundFrames.flag;
import static org.jointchat.realtime.InboundFrames.number;
import static org.jointchat.realtime.InboundFrames.numbers;
import static org.jointchat.realtime.InboundFrames.optionalNumber;
import static org.jointchat.realtime.InboundFrames.present;
import static org.jointchat.realtime.InboundFrames.string;
import static org.jointchat.realtime.InboundFrames.strings;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.account.AccountService;
import org.jointchat.account.Roles;
import org.jointchat.message.ChatError;
import org.jointchat.message.ChatException;
import org.jointchat.message.MessageService;
import org.jointchat.pin.PinService;
import org.jointchat.platform.WarmupPass;
import org.jointchat.presence.PresenceService;
import org.jointchat.room.RoomService;
import org.jointchat.room.RoomView;
import org.jointchat.thread.ThreadService;

/**
 * What the WebSocket endpoint does with sockets and frames; the endpoint itself only forwards. This class is
 * the socket lifecycle (open, close, give up) and the frame switch; reading a frame is {@link InboundFrames},
 * a sync is {@link SyncReplay}, pings and idle sockets are {@link KeepAlive}, a stop is {@link ShutdownSequence}.
 */
@ApplicationScoped
public class ChatHub {

    private static final Logger LOG = Logger.getLogger(ChatHub.class.getName());
    static final String CONNECTION = "org.jointchat.connection";

    @Inject
    Roles roles;

    @Inject
    AccountService accounts;

    @Inject
    RoomService rooms;

    @Inject
    MessageService messages;

    @Inject
    PinService pins;

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
    SyncReplay syncs;

    @Inject
    KeepAlive keepAlive;

    @Inject
    ShutdownSequence shutdownSequence;

    @Inject
    ThreadService threads;

    /** Scheduled messages (issue 22, item 7): a send frame with sendAt. */
    @Inject
    ScheduledSends scheduledSends;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "jointchat.ws.max-queued-frames", defaultValue = "2000")
    int maxQueuedFrames;

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

    /**
     * A socket opened: who it is (cached), its rooms (one query), then online and registered, then hello.
     * Nobody else is sent anything unless they watch this user.
     */
    void opened(Session session) {
        var principal = session.getUserPrincipal();
        if (principal != null && WarmupPass.LOGIN.equals(principal.getName())) {
            warmupOpened(session);
            return;
        }
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
            connection.send(Frames.hello(user, roles.isAdmin(user.id()), memberOf, presence.onlineCount(), threadUnread(user.id())));
        }
    }

    /**
     * One of the server's own warm-up sockets ({@link Warmup}): the path of a real open (rooms query, hello) and
     * of frames, but registered nowhere and never online, so nobody sees it.
     */
    private void warmupOpened(Session session) {
        var connection = new Connection(session, Warmup.USER, shared());
        connection.credential(SocketCredential.take());
        session.getUserProperties().put(CONNECTION, connection);
        var memberOf = rooms.roomsOf(Warmup.USER.id());
        connection.send(Frames.hello(Warmup.USER, false, memberOf, presence.onlineCount(), Map.of()));
    }

    /** Unread replies of followed threads per room, for hello (threads, issue 22 item 1); none when it cannot be read now. */
    private Map<Long, Long> threadUnread(long userId) {
        try {
            return threads.unreadByRoom(userId);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Thread unread counts unavailable", e);
            return Map.of();
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
            if (connection.user().id() == Warmup.USER.id()) { // never registered nor online
                watch.unwatchAll(connection);
                return;
            }
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
        JsonObject frame = InboundFrames.read(text);
        if (frame == null) {
            connection.send(Frames.error(ChatError.INVALID, "a frame is one JSON object", null));
            return;
        }
        String clientId = clientId(frame);
        try {
            if ("send".equals(InboundFrames.type(frame)) && present(frame, "sendAt")) { // scheduled messages (issue 22, item 7)
                scheduledSends.schedule(connection, frame, clientId);
                return;
            }
            switch (InboundFrames.type(frame)) {
                case "send" -> send(connection, number(frame, "room"), string(frame, "text"), clientId,
                        optionalNumber(frame, "replyTo"), numbers(frame, "attachments"), optionalNumber(frame, "thread"),
                        Boolean.TRUE.equals(flag(frame, "alsoToRoom")));
                case "sync" -> syncs.start(connection, number(frame, "room"), number(frame, "afterSeq"), optionalNumber(frame, "afterVersion"));
                case "edit" -> changed(connection, messages.edit(connection.user(), number(frame, "room"), number(frame, "seq"),
                        string(frame, "text")), clientId);
                case "delete" -> changed(connection, messages.delete(connection.user(), number(frame, "room"), number(frame, "seq")),
                        clientId);
                case "react" -> changed(connection, messages.react(connection.user(), number(frame, "room"), number(frame, "seq"),
                        string(frame, "emoji"), flag(frame, "on")), clientId);
                case "pin" -> changed(connection, pins.pin(connection.user(), number(frame, "room"), number(frame, "seq"), on(frame)),
                        clientId); // pins, issue 22 item 2
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

    private void send(Connection connection, long roomId, String text, String clientId, Long replyTo, List<Long> attachments,
            Long thread, boolean alsoToRoom) {
        messages.send(connection.user(), roomId, text, clientId, replyTo, attachments, thread, alsoToRoom).whenComplete((result, failure) -> {
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

    /** The pin frame's required {@code on}: true pins, false unpins. */
    private static boolean on(JsonObject frame) {
        var on = flag(frame, "on");
        if (on == null) {
            throw new ChatException(ChatError.INVALID, "on must be true or false");
        }
        return on;
    }

    private static void refused(Connection connection, Throwable failure, String clientId) {
        var cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        var chat = cause instanceof ChatException refusal ? refusal : null;
        connection.send(Frames.error(chat == null ? ChatError.UNAVAILABLE : chat.code(), cause.getMessage(), clientId,
                chat == null ? null : chat.until()));
    }

    /** What this socket shows: users (presence) and, optionally, the room whose online count it shows. */
    private void watch(Connection connection, JsonObject frame) {
        var logins = strings(frame, "logins");
        long room = -1;
        if (present(frame, "room")) {
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

    /** The application stops: see {@link ShutdownSequence}. */
    void shuttingDown(@Observes(notifyObserver = Reception.IF_EXISTS)
            @BeforeDestroyed(ApplicationScoped.class) Object application) {
        shutdownSequence.run();
    }

    /** Closes the sockets whose token expired (every second, from {@link Heartbeat}). */
    public void closeExpired() {
        keepAlive.closeExpired();
    }

    /** Every ping interval (called every second from {@link Heartbeat}): see {@link KeepAlive}. */
    public void heartbeatIfDue() {
        keepAlive.heartbeatIfDue();
    }

    /**
     * A socket given up ({@link Connection#close}) leaves at once: offline and sent nothing more, even while
     * its session waits for the send in flight. Unregistered on the pool, because the close may come from a
     * caller that is walking the registry or holds another socket's lock.
     */
    private void closing(Connection connection) {
        keepAlive.givenUp(connection);
        executor.execute(() -> unregister(connection));
    }

    private void closeLater(Connection connection) {
        keepAlive.sessionClosing(connection);
        executor.execute(() -> closeNow(connection.session(), connection.closeReason()));
    }

    static void closeNow(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Close failed", e);
        }
    }
}
