package org.jointchat.presence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.account.ProfileChanged;
import org.jointchat.account.UserRef;
import org.jointchat.platform.BoundedCache;
import org.jointchat.platform.Cluster;
import org.jointchat.platform.DatabaseException;
import org.jointchat.platform.Jdbc;
import org.jointchat.room.RoomService;

/**
 * Who is online: a user is online while at least one of their sockets is open (tabs count once), on this
 * instance or, in a cluster, on any other. A user whose last socket closes stays online for a short grace period,
 * so a page reload or a quick reconnect is no change at all. In a cluster each instance tells the others when a
 * user comes online or goes offline on it (not every socket), and so knows who is online anywhere and fires the
 * same changes for its own sockets; an instance that leaves the cluster takes its users with it. Changes are fired as {@link PresenceChanged}; nobody is told
 * about everyone: the realtime layer passes a change only to the sockets that watch that user.
 * "Last seen" is written in batches, once a second, not once per socket.
 */
@ApplicationScoped
public class PresenceService {

    public static final int PAGE_MAX = 200;
    private static final Logger LOG = Logger.getLogger(PresenceService.class.getName());
    private static final Comparator<Online> BY_NAME = Comparator.comparing(Online::sortKey).thenComparing(o -> o.user().login());

    /** An online user; {@code sockets}, {@code leftAt}, {@code here} and {@code elsewhere} change only inside {@code online.compute}. */
    private static final class Online {
        private final UserRef user;
        private final String sortKey;
        private int sockets;
        private Instant leftAt; // set while in the grace period after the last socket closed
        /** Whether the other instances were told that the user is online here. */
        private boolean here;
        /** The other instances (member ids) the user is online on. */
        private Set<String> elsewhere = Set.of();

        Online(UserRef user, int sockets) {
            this.user = user;
            this.sortKey = sortKeyOf(user.displayName());
            this.sockets = sockets;
        }

        UserRef user() {
            return user;
        }

        String sortKey() {
            return sortKey;
        }
    }

    private record LastSeen(long userId, Instant at) {
    }

    private final Map<String, Online> online = new ConcurrentHashMap<>();
    private final Map<Long, Online> onlineById = new ConcurrentHashMap<>();
    private final NavigableSet<Online> byName = new ConcurrentSkipListSet<>(BY_NAME);
    /** Users in their grace period, oldest first. */
    private final ConcurrentLinkedQueue<String> leaving = new ConcurrentLinkedQueue<>();
    /** Users last known offline: name and last seen, so that watching them needs no query (bounded). */
    private final BoundedCache<String, Presence> offlineKnown = new BoundedCache<>(200_000);
    /** Last-seen times not yet written, by login. */
    private final Map<String, LastSeen> unwritten = new ConcurrentHashMap<>();

    @Inject
    Event<PresenceChanged> changes;

    @Inject
    Jdbc jdbc;

    @Inject
    RoomService rooms;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "jointchat.presence.offline-grace", defaultValue = "PT3S")
    Duration offlineGrace;

    @Inject
    Cluster cluster;

    private ScheduledFuture<?> tick;

    /** Exists from the start: in a cluster it must hear the other instances before any socket opens here. */
    void boot(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // The observer itself makes the bean exist.
    }

    @PostConstruct
    void start() {
        tick = scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        if (cluster.enabled()) {
            cluster.subscribe(CHANNEL, new Cluster.Receiver() {
                @Override
                public void received(String from, byte[] payload) {
                    fromElsewhere(from, payload);
                }

                @Override
                public void memberLeft(String member) {
                    goneElsewhere(member, Instant.now());
                }
            });
            cluster.publish(CHANNEL, PresenceNews.hello()); // the others answer with who is online on them
        }
    }

    /** At shutdown, while the database pool is still there: everyone online now was last seen now. */
    void shuttingDown(@Observes(notifyObserver = Reception.IF_EXISTS)
            @BeforeDestroyed(ApplicationScoped.class) Object application) {
        stop();
    }

    @PreDestroy
    void stop() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
        if (cluster.enabled()) {
            cluster.publish(CHANNEL, PresenceNews.bye()); // this instance's users are not online here any more
        }
        if (online.isEmpty()) {
            return;
        }
        // Everyone online now was last seen now: a restart must not leave an old "last seen" behind.
        try {
            var now = Instant.now();
            online.values().stream().filter(o -> o.here)
                    .forEach(o -> unwritten.put(o.user().login(), new LastSeen(o.user().id(), now)));
            writeLastSeen();
            online.clear();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record last seen at shutdown", e);
        }
    }

    // ---- sockets ----

    public void socketOpened(UserRef user) {
        // Transitions are decided and fired inside compute, so the changes of one user never cross.
        online.compute(user.login(), (login, current) -> {
            if (current == null) {
                var now = new Online(user, 1);
                onlineById.put(user.id(), now);
                byName.add(now);
                tellOthers(now, true);
                changes.fire(new PresenceChanged(new Presence(user, true, null)));
                return now;
            }
            current.sockets++;
            current.leftAt = null; // back within the grace period: nothing changed for anyone
            tellOthers(current, true); // online elsewhere already: only the other instances learn of this one
            return current;
        });
    }

    public void socketClosed(UserRef user) {
        online.computeIfPresent(user.login(), (login, current) -> {
            if (current.sockets > 0 && --current.sockets == 0) {
                current.leftAt = Instant.now();
                leaving.add(login);
            }
            return current;
        });
    }

    /** Every second: users whose grace period ended go offline; last-seen times are written. */
    void tick() {
        try {
            var deadline = Instant.now().minus(offlineGrace);
            int n = leaving.size();
            for (int i = 0; i < n; i++) {
                String login = leaving.poll();
                if (login == null) {
                    break;
                }
                var current = online.get(login);
                if (current != null && current.leftAt != null && current.leftAt.isAfter(deadline)) {
                    leaving.add(login); // not yet
                    continue;
                }
                online.computeIfPresent(login, (l, o) -> {
                    if (o.sockets > 0 || o.leftAt == null || o.leftAt.isAfter(deadline)) {
                        return o;
                    }
                    var leftAt = o.leftAt;
                    unwritten.put(l, new LastSeen(o.user().id(), leftAt));
                    tellOthers(o, false);
                    o.leftAt = null;
                    return o.elsewhere.isEmpty() ? wentOffline(o, leftAt) : o;
                });
            }
            writeLastSeen();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Presence tick failed", e);
        }
    }

    /** Removes a user that is online nowhere any more and tells this instance's watchers; returns null for compute. */
    private Online wentOffline(Online o, Instant leftAt) {
        onlineById.remove(o.user().id(), o);
        byName.remove(o);
        offlineKnown.put(o.user().login(), new Presence(o.user(), false, leftAt));
        changes.fire(new PresenceChanged(new Presence(o.user(), false, leftAt)));
        return null;
    }

    // ---- the other instances of a cluster ----

    private static final String CHANNEL = "presence";

    /** Tells the other instances that the user is online here now ({@code true}) or no more; only on a change. */
    private void tellOthers(Online o, boolean onlineHere) {
        if (o.here != onlineHere && cluster.enabled()) {
            cluster.publish(CHANNEL, onlineHere ? PresenceNews.online(o.user()) : PresenceNews.offline(o.user().login(), Instant.now()));
        }
        o.here = onlineHere;
    }

    private void fromElsewhere(String member, byte[] payload) {
        PresenceNews.read(payload, new PresenceNews.Reader() {
            @Override
            public void online(UserRef user) {
                onlineElsewhere(member, user);
            }

            @Override
            public void offline(String login, Instant at) {
                offlineElsewhere(member, login, at);
            }

            @Override
            public void hello() {
                // A new instance: tell it (everyone, in fact) who is online here.
                var users = online.values().stream().filter(o -> o.here).map(Online::user).toList();
                cluster.publish(CHANNEL, PresenceNews.snapshot(users));
            }

            @Override
            public void bye() {
                goneElsewhere(member, Instant.now());
            }
        });
    }

    private void onlineElsewhere(String member, UserRef user) {
        online.compute(user.login(), (login, current) -> {
            if (current == null) {
                var now = new Online(user, 0);
                now.elsewhere = Set.of(member);
                onlineById.put(user.id(), now);
                byName.add(now);
                changes.fire(new PresenceChanged(new Presence(user, true, null)));
                return now;
            }
            current.elsewhere = with(current.elsewhere, member);
            return current;
        });
    }

    private void offlineElsewhere(String member, String login, Instant at) {
        online.computeIfPresent(login, (l, o) -> {
            o.elsewhere = without(o.elsewhere, member);
            return o.elsewhere.isEmpty() && o.sockets == 0 && o.leftAt == null ? wentOffline(o, at) : o;
        });
    }

    /** An instance stopped or died: its users are offline unless online on another. Its last-seen times are written here. */
    private void goneElsewhere(String member, Instant at) {
        for (var o : List.copyOf(online.values())) {
            if (o.elsewhere.contains(member)) {
                online.computeIfPresent(o.user().login(), (l, current) -> {
                    current.elsewhere = without(current.elsewhere, member);
                    if (current.elsewhere.isEmpty() && current.sockets == 0 && current.leftAt == null) {
                        unwritten.put(l, new LastSeen(current.user().id(), at));
                        return wentOffline(current, at);
                    }
                    return current;
                });
            }
        }
    }

    private static Set<String> with(Set<String> members, String member) {
        if (members.contains(member)) {
            return members;
        }
        var more = new HashSet<>(members);
        more.add(member);
        return Set.copyOf(more);
    }

    private static Set<String> without(Set<String> members, String member) {
        if (!members.contains(member)) {
            return members;
        }
        var fewer = new HashSet<>(members);
        fewer.remove(member);
        return Set.copyOf(fewer);
    }

    /** A renamed user keeps their place in the online list by their new name. */
    void renamed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProfileChanged change) {
        var user = change.user();
        offlineKnown.invalidate(user.login());
        online.computeIfPresent(user.login(), (login, current) -> {
            var renamed = new Online(user, current.sockets);
            renamed.leftAt = current.leftAt;
            renamed.here = current.here;
            renamed.elsewhere = current.elsewhere;
            byName.remove(current);
            byName.add(renamed);
            onlineById.put(user.id(), renamed);
            return renamed;
        });
    }

    // ---- questions ----

    public boolean isOnline(String login) {
        return online.containsKey(login);
    }

    public int onlineCount() {
        return online.size();
    }

    /** The online user of a login, or null. */
    public UserRef onlineUser(String login) {
        var o = online.get(login);
        return o == null ? null : o.user();
    }

    /**
     * The presence of each existing login among the given ones (unknown logins are left out). Online users
     * come from memory; the others' name and last seen from one query.
     */
    public List<Presence> states(Collection<String> logins) {
        var result = new ArrayList<Presence>(logins.size());
        var offline = new ArrayList<String>();
        for (String login : logins) {
            var o = online.get(login);
            var known = o == null ? offlineKnown.peek(login) : null;
            if (o != null) {
                result.add(new Presence(o.user(), true, null));
            } else if (known != null) {
                result.add(known);
            } else {
                offline.add(login);
            }
        }
        if (!offline.isEmpty()) {
            long generation = offlineKnown.generation();
            var loaded = jdbc.list("SELECT id, login, display_name, last_seen_at FROM users WHERE login = ANY (?)", row -> {
                var user = new UserRef(row.getLong(1), row.getString(2), row.getString(3));
                var recent = unwritten.get(user.login());
                var stored = row.getTimestamp(4);
                return new Presence(user, false, recent != null ? recent.at() : stored == null ? null : stored.toInstant());
            }, (Object) offline.toArray(String[]::new));
            for (var p : loaded) {
                offlineKnown.putIfUnchanged(p.user().login(), p, generation);
            }
            result.addAll(loaded);
        }
        return result;
    }

    /** When a user that is not online now was last seen, if not yet written (else null: read the database). */
    public Instant unwrittenLastSeen(String login) {
        var recent = unwritten.get(login);
        return recent == null ? null : recent.at();
    }

    /**
     * The online members of a room by display name, a page after the cursor. General (everyone's room)
     * pages the online list itself; other rooms walk whichever is smaller, their members or the online list.
     */
    public OnlinePage onlineIn(long roomId, String cursor, int limit) {
        int size = Math.max(1, Math.min(PAGE_MAX, limit));
        Online after = decode(cursor);
        if (rooms.isGlobal(roomId)) {
            return page(online.size(), after == null ? byName : byName.tailSet(after, false), size);
        }
        Set<Long> members = rooms.memberIds(roomId);
        List<Online> present = new ArrayList<>();
        if (members.size() < online.size()) {
            for (long id : members) {
                var o = onlineById.get(id);
                if (o != null) {
                    present.add(o);
                }
            }
            present.sort(BY_NAME);
        } else {
            for (var o : byName) {
                if (members.contains(o.user().id())) {
                    present.add(o);
                }
            }
        }
        var tail = after == null ? present : present.stream().filter(o -> BY_NAME.compare(o, after) > 0).toList();
        return page(present.size(), tail, size);
    }

    /** How many members of a room are online now. */
    public long onlineCountIn(long roomId) {
        if (rooms.isGlobal(roomId)) {
            return online.size();
        }
        Set<Long> members = rooms.memberIds(roomId);
        long count = 0;
        if (members.size() < online.size()) {
            for (long id : members) {
                if (onlineById.containsKey(id)) {
                    count++;
                }
            }
        } else {
            for (long id : onlineById.keySet()) {
                if (members.contains(id)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Everyone online, by display name, a page after the cursor. */
    public OnlinePage everyone(String cursor, int limit) {
        Online after = decode(cursor);
        return page(online.size(), after == null ? byName : byName.tailSet(after, false), Math.max(1, Math.min(PAGE_MAX, limit)));
    }

    private static OnlinePage page(long count, Iterable<Online> from, int size) {
        var items = new ArrayList<OnlinePage.Item>(size);
        Online last = null;
        boolean more = false;
        for (var o : from) {
            if (items.size() == size) {
                more = true;
                break;
            }
            items.add(new OnlinePage.Item(o.user().login(), o.user().displayName()));
            last = o;
        }
        return new OnlinePage(count, items, more ? encode(last) : null);
    }

    /** A cursor names the last item's place in the order; it stays valid when that user goes offline. */
    private static String encode(Online o) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((o.sortKey() + "\n" + o.user().login()).getBytes(StandardCharsets.UTF_8));
    }

    private static Online decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int split = text.lastIndexOf('\n');
            if (split < 0 || cursor.length() > 400) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new Online(new UserRef(0, text.substring(split + 1), text.substring(0, split)), 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not one this server gave out", e);
        }
    }

    private static String sortKeyOf(String displayName) {
        return displayName.toLowerCase(Locale.ROOT);
    }

    // ---- last seen ----

    /** Writes every pending last-seen time in one statement; what fails stays for the next second. */
    private void writeLastSeen() {
        if (unwritten.isEmpty()) {
            return;
        }
        var batch = new HashMap<>(unwritten);
        var ids = new Long[batch.size()];
        var millis = new Long[batch.size()];
        int i = 0;
        for (var seen : batch.values()) {
            ids[i] = seen.userId();
            millis[i++] = seen.at().toEpochMilli();
        }
        try {
            jdbc.update("""
                    UPDATE users u SET last_seen_at = to_timestamp(v.ms / 1000.0)
                      FROM unnest(?::bigint[], ?::bigint[]) AS v(id, ms) WHERE u.id = v.id""", ids, millis);
            batch.forEach(unwritten::remove);
        } catch (DatabaseException e) {
            LOG.log(Level.WARNING, "Could not record last seen for " + batch.size() + " users; trying again", e);
        }
    }
}
