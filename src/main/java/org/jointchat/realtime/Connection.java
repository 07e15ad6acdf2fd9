package org.jointchat.realtime;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jointchat.account.UserRef;

/**
 * One open socket: its user and an outgoing queue drained by asynchronous sends, one frame at a time
 * and in order. Nobody ever waits on a socket: a socket that falls more than {@code maxQueued} frames
 * behind is closed (the client reconnects and syncs) instead of slowing anyone else down.
 */
public final class Connection {

    private final Session session;
    private volatile UserRef user;
    private final int maxQueued;
    private final Consumer<Connection> closeLater;
    private final Executor senders;
    private static final LeanContextClassLoader LEAN = new LeanContextClassLoader(Connection.class.getClassLoader());
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private volatile boolean closing;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile long lastTypingNanos;
    private volatile CloseReason reason;

    Connection(Session session, UserRef user, int maxQueued, Consumer<Connection> closeLater, Executor senders) {
        this.senders = senders;
        this.session = session;
        this.user = user;
        this.maxQueued = maxQueued;
        this.closeLater = closeLater;
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
        return queued.get();
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

    /** Queues a frame; never blocks. */
    public void send(String frame) {
        if (closing) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too slow; reconnect and sync"));
            return;
        }
        queue.add(frame);
        if (!sending.get()) {
            // Socket writes (and the container's per-send bookkeeping) run on the sender pool, never on the
            // caller: the message writer and other sockets go on at once.
            senders.execute(this::pumpLean);
        }
    }

    void close(CloseReason reason) {
        if (!closing) {
            closing = true;
            this.reason = reason;
            queue.clear();
            closeLater.accept(this);
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
        while (!closing && sending.compareAndSet(false, true)) {
            String next = queue.poll();
            if (next == null) {
                sending.set(false);
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            var state = new AtomicInteger(); // 0 in flight, 1 completed inside sendText, 2 sendText returned first
            try {
                session.getAsyncRemote().sendText(next, result -> {
                    queued.decrementAndGet();
                    if (!result.isOK()) {
                        close(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed"));
                    }
                    if (!state.compareAndSet(0, 1)) {
                        sending.set(false);
                        pumpLean();
                    }
                });
            } catch (RuntimeException e) {
                queued.decrementAndGet();
                sending.set(false);
                close(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed"));
                return;
            }
            if (state.compareAndSet(0, 2)) {
                return; // the completion handler continues
            }
            sending.set(false);
        }
    }
}
