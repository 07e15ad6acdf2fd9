package org.jointchat.realtime;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jointchat.message.ChatError;
import org.jointchat.message.ChatException;
import org.jointchat.presence.OnlineCount;
import org.jointchat.presence.Presence;
import org.jointchat.presence.PresenceService;
import org.jointchat.status.StatusService;

/**
 * Presence by subscription: each socket names the users it shows (its {@code watch} frame) and hears
 * only about them, coalesced to at most one {@code presence} frame a second carrying the latest state of
 * each user that changed. A change is encoded once, whoever watches it.
 */
@ApplicationScoped
public class PresenceWatch {

    /** The most users one socket may watch. */
    public static final int MAX_WATCHED = 500;
    private static final int LOGIN_MAX = 32;
    private static final Logger LOG = Logger.getLogger(PresenceWatch.class.getName());

    private final SocketIndex<String> watchers = new SocketIndex<>();
    /** Sockets showing the online count of a room, by room. */
    private final SocketIndex<Long> roomWatchers = new SocketIndex<>();
    /** The count (and tag of who is online) last sent for each watched room, and when (System.nanoTime). */
    private final Map<Long, SentCount> countSent = new ConcurrentHashMap<>();

    private record SentCount(OnlineCount count, long atNanos) {
    }
    /** Sockets with presence changes waiting for the next flush. */
    private final ConcurrentLinkedQueue<Connection> due = new ConcurrentLinkedQueue<>();

    @Inject
    PresenceService presence;

    /** Status and do-not-disturb (issue 22, item 4) go into every presence entry. */
    @Inject
    StatusService statuses;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> flusher;

    /** Made with the application, so its periodic flush never keeps a request's context (see StatusService#boot). */
    void boot(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // The observer itself makes the bean exist.
    }

    @PostConstruct
    void start() {
        flusher = scheduler.scheduleWithFixedDelay(() -> Connection.withLeanLoader(this::flush), 1000, 1000, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (flusher != null) {
            flusher.cancel(false);
        }
    }

    /**
     * Replaces what a socket watches and answers at once with the current state of those users (unknown
     * logins are left out). More than {@value #MAX_WATCHED} is refused and changes nothing.
     */
    void watch(Connection connection, List<String> logins) {
        if (logins.size() > MAX_WATCHED) {
            throw new ChatException(ChatError.TOO_LONG, "watch at most " + MAX_WATCHED + " users");
        }
        var wanted = new LinkedHashSet<String>();
        for (String login : logins) {
            String normalized = login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
            if (normalized.isEmpty() || normalized.length() > LOGIN_MAX) {
                throw new ChatException(ChatError.INVALID, "logins are 1 to " + LOGIN_MAX + " characters");
            }
            wanted.add(normalized);
        }
        var before = connection.watching();
        var next = wanted.toArray(String[]::new);
        connection.watching(next);
        for (String login : before) {
            if (!wanted.contains(login)) {
                unwatch(connection, login);
            }
        }
        var had = Set.of(before);
        for (String login : next) {
            if (!had.contains(login)) {
                watchers.add(login, connection);
            }
        }
        // Registered first, then read: a change from now on is queued, and the answer below covers the rest.
        var states = presence.states(wanted);
        shareLogins(next, states);
        synchronized (connection) {
            // Online or not is re-read under the socket's lock, which a change must take to be queued: a change
            // that raced the query is either in this answer or queued after it, never undone by it.
            var json = new LinkedHashMap<String, String>();
            for (var state : states) {
                var online = presence.onlineUser(state.user().login());
                var now = online != null ? new Presence(online, true, null)
                        : state.online() ? new Presence(state.user(), false, presence.unwrittenLastSeen(state.user().login())) : state;
                json.put(now.user().login(), StatusFrames.presenceEntry(now, statuses.of(now.user().login())));
            }
            connection.sendPresenceState(json);
        }
    }

    /**
     * Shows a socket the online count of one room (the one it has open; -1: none): answered at once, then
     * an {@code online} frame at most once a second while the count changes, encoded once per room.
     */
    void watchRoom(Connection connection, long roomId) {
        long before = connection.watchingRoom();
        if (before != roomId && before >= 0) {
            unwatchRoom(connection, before);
        }
        connection.watchingRoom(roomId);
        if (roomId >= 0) {
            roomWatchers.add(roomId, connection);
            var count = presence.onlineCountIn(roomId);
            countSent.putIfAbsent(roomId, new SentCount(count, 0)); // the first watcher's answer is the room's baseline
            connection.send(Frames.onlineCount(roomId, count));
        }
    }

    private void unwatchRoom(Connection connection, long roomId) {
        roomWatchers.remove(roomId, connection);
        if (roomWatchers.get(roomId).isEmpty()) {
            countSent.remove(roomId);
        }
    }

    /** Forgets everything a closed socket watched. */
    void unwatchAll(Connection connection) {
        for (String login : connection.watching()) {
            unwatch(connection, login);
        }
        connection.watching(new String[0]);
        if (connection.watchingRoom() >= 0) {
            unwatchRoom(connection, connection.watchingRoom());
        }
    }

    /**
     * The socket keeps the cached users' own login strings instead of the frame's copies (issue 24, item 2: 20
     * watched logins were 20 more strings per socket, 1.1 KB; equal text, so nothing else changes).
     */
    private static void shareLogins(String[] watched, List<Presence> states) {
        for (var state : states) {
            String shared = state.user().login();
            for (int i = 0; i < watched.length; i++) {
                if (watched[i].equals(shared)) {
                    watched[i] = shared;
                    break;
                }
            }
        }
    }

    private void unwatch(Connection connection, String login) {
        watchers.remove(login, connection);
    }

    /** A user's presence changed: every socket watching them hears of it with the next flush. */
    void changed(Presence now) {
        var sockets = watchers.get(now.user().login());
        if (sockets.isEmpty()) {
            return;
        }
        String json = StatusFrames.presenceEntry(now, statuses.of(now.user().login()));
        for (var connection : sockets) {
            if (connection.queuePresence(now.user().login(), json)) {
                due.add(connection);
            }
        }
    }

    /** The sockets watching a user (for profile changes). */
    Set<Connection> watchersOf(String login) {
        return watchers.get(login);
    }

    /** Once a second: one frame per socket with everything that changed for it. */
    void flush() {
        try {
            int n = due.size();
            for (int i = 0; i < n; i++) {
                var connection = due.poll();
                if (connection == null) {
                    break;
                }
                connection.flushPresence();
            }
            long now = System.nanoTime();
            for (long room : roomWatchers.keys()) {
                var sockets = roomWatchers.get(room);
                // Recounted here, once a second per shown room, rather than on every change: a change would
                // have to find the rooms of the user it is about. A count is news, not a transaction: a room
                // shown by many gets it less often (about N ms apart for N watchers, so 19,000 get one every 19 s).
                long intervalNanos = Math.max(1000, sockets.size()) * 1_000_000L;
                var last = countSent.get(room);
                if (sockets.isEmpty() || last != null && now - last.atNanos() < intervalNanos) {
                    continue;
                }
                // Sent when who is online changed, not only how many: one leaving and another arriving within
                // the same second left the count as it was, and a list read between them was never reloaded.
                var count = presence.onlineCountIn(room);
                if (last != null && last.count().equals(count)) {
                    continue;
                }
                countSent.put(room, new SentCount(count, now));
                String frame = Frames.onlineCount(room, count);
                sockets.forEach(c -> c.send(frame));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Presence flush failed", e);
        }
    }
}
