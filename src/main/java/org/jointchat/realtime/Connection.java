package org.jointchat.realtime;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Consumer;
import org.jointchat.account.UserRef;
import org.jointchat.platform.TokenBucket;

/**
 * One open socket: its user and an outgoing queue drained by asynchronous sends, one frame at a time
 * and in order. Nobody ever waits on a socket: a socket that falls more than {@code maxQueued} frames
 * behind is closed (the client reconnects and syncs) instead of slowing anyone else down.
 * <p>
 * Thousands are open at once, so a connection holds little: what all share lives in one {@link Shared},
 * counters are plain fields updated atomically, and the rooms and watched users are small arrays.
 */
public final class Connection {

    /**
     * What every connection of this instance shares: {@code closing} unregisters a socket the moment it is
     * given up, {@code closeSession} closes it for real once nothing is in flight (see {@link #close}).
     */
    record Shared(int maxQueued, Consumer<Connection> closing, Consumer<Connection> closeSession, Executor senders) {
    }

    private static final LeanContextClassLoader LEAN = new LeanContextClassLoader(Connection.class.getClassLoader());
    private static final AtomicIntegerFieldUpdater<Connection> QUEUED = AtomicIntegerFieldUpdater.newUpdater(Connection.class, "queued");
    private static final AtomicIntegerFieldUpdater<Connection> SENDING = AtomicIntegerFieldUpdater.newUpdater(Connection.class, "sending");
    private static final AtomicReferenceFieldUpdater<Connection, Runnable> DRAINED =
            AtomicReferenceFieldUpdater.newUpdater(Connection.class, Runnable.class, "onDrained");
    private static final AtomicReferenceFieldUpdater<Connection, Runnable> CLOSER =
            AtomicReferenceFieldUpdater.newUpdater(Connection.class, Runnable.class, "closer");
    private static final AtomicIntegerFieldUpdater<Connection> UNREGISTERED =
            AtomicIntegerFieldUpdater.newUpdater(Connection.class, "unregistered");
    private static final Runnable CLOSED = () -> { };
    private static final long[] NO_ROOMS = {};
    private static final String[] NO_LOGINS = {};

    private final Session session;
    private final Shared shared;
    private volatile UserRef user;
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private volatile int queued;
    private volatile int sending;
    private volatile boolean closing;
    private volatile long closingSince;
    /** The session close waiting for the send in flight; {@link #CLOSED} once run, null before closing. */
    private volatile Runnable closer;
    private volatile int unregistered;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile long lastTypingNanos;
    private volatile CloseReason reason;

    /** Rooms whose frames this socket receives; changed only by {@link ConnectionRegistry}, under this lock. */
    private long[] rooms = NO_ROOMS;
    /** Users whose presence this socket watches; changed only by {@link PresenceWatch}. */
    private volatile String[] watching = NO_LOGINS;
    /** Presence changes not yet sent (login → JSON of the latest state), under this lock; null when none. */
    private Map<String, String> pendingPresence;
    private boolean presenceQueued;
    /** What opened this socket (see {@link SocketCredential}); null when unknown. */
    private volatile SocketCredential credential;
    /** Work waiting for the outgoing queue to drain (a sync's next batch), and since when; null when none. */
    private volatile Runnable onDrained;
    private volatile long drainWaitSince;
    /** The room whose online count this socket shows, or -1. */
    private volatile long watchingRoom = -1;
    /** This socket's sync allowance: a token bucket's whole state (see {@link TokenBucket}); guarded by this. */
    private long syncBucket;

    Connection(Session session, UserRef user, Shared shared) {
        this.session = session;
        this.user = user;
        this.shared = shared;
    }

    SocketCredential credential() {
        return credential;
    }

    void credential(SocketCredential opened) {
        this.credential = opened;
    }

    public UserRef user() {
        return user;
    }

    /** New display name after a profile change: the next messages carry it. */
    void rename(UserRef renamed) {
        this.user = renamed;
    }

    Session session() {
        return session;
    }

    public int queued() {
        return queued;
    }

    public boolean isOpen() {
        return !closing && session.isOpen();
    }

    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - lastActivityNanos;
    }

    /** True at most once a second per socket, so that typing notices cannot flood a room. */
    boolean mayAnnounceTyping() {
        long now = System.nanoTime();
        if (now - lastTypingNanos < 1_000_000_000L) {
            return false;
        }
        lastTypingNanos = now;
        return true;
    }

    /** Takes one sync from this socket's allowance: 0 when allowed, else how long (ns) until one would be. */
    synchronized long takeSync(TokenBucket rule, long now) {
        long wait = rule.waitNanos(syncBucket, now);
        if (wait == 0) {
            syncBucket = rule.take(syncBucket, now);
        }
        return wait;
    }

    // ---- rooms (ConnectionRegistry) ----

    synchronized long[] rooms() {
        return rooms;
    }

    synchronized boolean addRoom(long roomId) {
        for (long r : rooms) {
            if (r == roomId) {
                return false;
            }
        }
        rooms = Arrays.copyOf(rooms, rooms.length + 1);
        rooms[rooms.length - 1] = roomId;
        return true;
    }

    synchronized void removeRoom(long roomId) {
        for (int i = 0; i < rooms.length; i++) {
            if (rooms[i] == roomId) {
                var fewer = new long[rooms.length - 1];
                System.arraycopy(rooms, 0, fewer, 0, i);
                System.arraycopy(rooms, i + 1, fewer, i, rooms.length - i - 1);
                rooms = fewer.length == 0 ? NO_ROOMS : fewer;
                return;
            }
        }
    }

    // ---- presence (PresenceWatch) ----

    String[] watching() {
        return watching;
    }

    void watching(String[] logins) {
        this.watching = logins.length == 0 ? NO_LOGINS : logins;
    }

    long watchingRoom() {
        return watchingRoom;
    }

    void watchingRoom(long roomId) {
        this.watchingRoom = roomId;
    }

    /** Remembers the latest state of a watched user; true when this socket must now be queued for the next flush. */
    synchronized boolean queuePresence(String login, String json) {
        if (closing) {
            return false;
        }
        if (pendingPresence == null) {
            pendingPresence = new LinkedHashMap<>(4);
        }
        pendingPresence.put(login, json);
        if (presenceQueued) {
            return false;
        }
        presenceQueued = true;
        return true;
    }

    /** Sends one frame with every presence change since the last one (none: nothing). */
    synchronized void flushPresence() {
        presenceQueued = false;
        var pending = pendingPresence;
        pendingPresence = null;
        if (pending != null && !pending.isEmpty()) {
            send(Frames.presence(pending.values()));
        }
    }

    /** Sends the current state of newly watched users, dropping changes of theirs that it already covers. */
    synchronized void sendPresenceState(Map<String, String> states) {
        if (pendingPresence != null) {
            pendingPresence.keySet().removeAll(states.keySet());
        }
        send(Frames.presenceOfAll(states.values()));
    }

    // ---- a sync waiting for the queue ----

    /** Runs {@code then} (on the sender pool) once at most a quarter of the queue is left: no thread waits meanwhile. */
    void whenDrained(Runnable then) {
        // Syncs of several rooms may wait at once (a client reconnecting syncs each of its rooms): all go on.
        if (onDrained == null) {
            drainWaitSince = System.nanoTime();
        }
        DRAINED.getAndUpdate(this, waiting -> waiting == null ? then : () -> {
            waiting.run();
            then.run();
        });
        if (queued <= shared.maxQueued() / 4) {
            drained();
        }
    }

    /** How long a continuation has been waiting for the queue to drain (0: none waits). */
    long drainWaitNanos() {
        return onDrained == null ? 0 : System.nanoTime() - drainWaitSince;
    }

    private void drained() {
        var then = onDrained;
        if (then != null && DRAINED.compareAndSet(this, then, null)) {
            shared.senders().execute(then);
        }
    }

    // ---- frames ----

    /** Queues a frame; never blocks. */
    public void send(String frame) {
        if (closing) {
            return;
        }
        if (QUEUED.incrementAndGet(this) > shared.maxQueued()) {
            QUEUED.decrementAndGet(this);
            close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too slow; reconnect and sync"));
            return;
        }
        queue.add(frame);
        if (sending == 0) {
            // Socket writes (and the container's per-send bookkeeping) run on the sender pool, never on the
            // caller: the message writer and other sockets go on at once.
            shared.senders().execute(this::pumpLean);
        }
    }

    /**
     * Gives the socket up: unregistered at once (offline, sent nothing more), the session closed once no send
     * is in flight. The container drops a close frame that queues behind a write the peer is not reading, so
     * the peer would see the connection end without it; closed after that write, the close frame follows
     * everything already written, however slowly the peer reads. A peer that never reads again is closed
     * anyway by {@link #forceClose} (it would not read a close frame either).
     */
    void close(CloseReason reason) {
        if (!CLOSER.compareAndSet(this, null, () -> shared.closeSession().accept(this))) {
            return; // closing already
        }
        this.reason = reason;
        closingSince = System.nanoTime();
        closing = true;
        queue.clear();
        shared.closing().accept(this);
        if (sending == 0) {
            closeSession();
        }
    }

    /** How long this socket has been closing without its session closed (0: not closing, or closed). */
    long closingNanos() {
        return closing && closer != CLOSED ? System.nanoTime() - closingSince : 0;
    }

    /** Closes the session even though a send is still in flight (the peer stopped reading long ago). */
    void forceClose() {
        closeSession();
    }

    /** True once, for whoever unregisters this socket first (the close here or the container's close). */
    boolean unregisterOnce() {
        return UNREGISTERED.compareAndSet(this, 0, 1);
    }

    private void closeSession() {
        var action = CLOSER.getAndSet(this, CLOSED);
        if (action != null && action != CLOSED) {
            action.run();
        }
    }

    /** No send in flight any more: the pump may go on, or a waiting close may run. */
    private void sendDone() {
        sending = 0;
        if (closing) {
            closeSession();
        }
    }

    CloseReason closeReason() {
        return reason;
    }

    /** Runs socket work (pings, closes) with the lean context loader; see {@link LeanContextClassLoader}. */
    static void withLeanLoader(Runnable action) {
        LEAN.run(action);
    }

    private void pumpLean() {
        LEAN.run(this::pump);
    }

    /**
     * Starts the next send unless one is in flight. A send that completes inside sendText (as it may
     * when the socket is writable) continues this loop instead of recursing, so the stack stays flat.
     */
    private void pump() {
        while (!closing && SENDING.compareAndSet(this, 0, 1)) {
            String next = queue.poll();
            if (next == null) {
                sendDone();
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            var state = new AtomicInteger(); // 0 in flight, 1 completed inside sendText, 2 sendText returned first
            try {
                session.getAsyncRemote().sendText(next, result -> {
                    if (QUEUED.decrementAndGet(this) <= shared.maxQueued() / 4 && onDrained != null) {
                        drained();
                    }
                    if (!result.isOK()) {
                        close(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed"));
                    }
                    if (!state.compareAndSet(0, 1)) {
                        sendDone();
                        pumpLean();
                    }
                });
            } catch (RuntimeException e) {
                QUEUED.decrementAndGet(this);
                sendDone();
                close(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed"));
                return;
            }
            if (state.compareAndSet(0, 2)) {
                return; // the completion handler continues
            }
            sendDone();
        }
    }
}
