package org.jointchat.receipt;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jointchat.room.ReadMarked;

/**
 * Turns stored read marks into {@link ReadReceiptSeen} events, at most one per user and room per {@link #WINDOW_MILLIS}:
 * the first mark goes out at once, later ones in the window wait for its end and only the highest of them goes out.
 * A user scrolling through a busy room marks many times a second; their room then gets one frame a second, not one per
 * mark. A key is kept only while its window is open, so the map holds the users reading right now.
 */
@ApplicationScoped
public class SeenCoalescer {

    static final long WINDOW_MILLIS = 1000;

    private static final Logger LOG = Logger.getLogger(SeenCoalescer.class.getName());

    private record Key(long roomId, String login) {
    }

    /** A key's open window: what went out last and what waits for the window's end (0: nothing). */
    private static final class Window {
        long sentSeq;
        long pendingSeq;
    }

    private final Map<Key, Window> open = new ConcurrentHashMap<>();

    @Inject
    ReadReceipts receipts;

    @Inject
    Event<ReadReceiptSeen> seen;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** On the request's thread, after the mark was stored (room fires it synchronously). */
    void marked(@Observes ReadMarked mark) {
        var key = new Key(mark.roomId(), mark.login());
        var fresh = new Window();
        var window = open.putIfAbsent(key, fresh);
        if (window == null) {
            synchronized (fresh) {
                fresh.sentSeq = mark.seq();
            }
            announce(key, mark.seq());
            closeLater(key);
            return;
        }
        synchronized (window) {
            if (open.get(key) == window && mark.seq() > Math.max(window.sentSeq, window.pendingSeq)) {
                window.pendingSeq = mark.seq();
                return;
            }
        }
        if (open.get(key) != window) {
            marked(mark); // the window closed meanwhile: this mark opens the next one
        }
    }

    /** The window's end: the highest mark that waited goes out and opens the next window; none, and the key is dropped. */
    private void close(Key key) {
        var window = open.get(key);
        if (window == null) {
            return;
        }
        long next;
        synchronized (window) {
            next = window.pendingSeq > window.sentSeq ? window.pendingSeq : 0;
            if (next == 0) {
                open.remove(key, window);
                return;
            }
            window.sentSeq = next;
            window.pendingSeq = 0;
        }
        announce(key, next);
        closeLater(key);
    }

    private void closeLater(Key key) {
        try {
            scheduler.schedule(() -> close(key), WINDOW_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException stopping) {
            open.remove(key); // the application stops: no window to keep; the read mark itself is stored
        }
    }

    private void announce(Key key, long seq) {
        try {
            receipts.audience(key.roomId(), key.login()).ifPresent(audience -> seen.fire(new ReadReceiptSeen(key.roomId(),
                    audience.reader().login(), audience.reader().displayName(), seq, audience.logins())));
        } catch (RuntimeException e) {
            // A receipt is a courtesy: the mark is stored, and readers are read again after a reconnect.
            LOG.log(Level.FINE, "seen not announced", e);
        }
    }
}
