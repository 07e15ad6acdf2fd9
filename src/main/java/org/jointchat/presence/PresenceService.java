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
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.account.LastSeenTimes;
import org.jointchat.account.ProfileChanged;
import org.jointchat.account.UserRef;
import org.jointchat.platform.Cluster;
import org.jointchat.platform.Jdbc;
import org.jointchat.room.RoomService;

/**
 * Who is online: a user is online while at least one of their sockets is open (tabs count once), on this
 * instance or, in a cluster, on any other ({@link ClusterPresence}). A user whose last socket closes stays
 * online for a short grace period, so a page reload or a quick reconnect is no change at all. Changes are
 * fired as {@link PresenceChanged}; nobody is told about everyone: the realtime layer passes a change only to
 * the sockets that watch that user. This class decides the transitions and answers the questions; the online
 * users are kept by {@link OnlineIndex}, paged by {@link OnlinePages}, offline ones looked up by
 * {@link OfflineDirectory}, and "last seen" is written in batches by {@link LastSeenLog}, once a second.
 */
@ApplicationScoped
public class PresenceService {

    public static final int PAGE_MAX = 200;
    private static final Logger LOG = Logger.getLogger(PresenceService.class.getName());

    private final OnlineIndex online = new OnlineIndex();
    /** Users in their grace period, oldest first. */
    private final ConcurrentLinkedQueue<String> leaving = new ConcurrentLinkedQueue<>();

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

    @Inject
    LastSeenTimes lastSeenTimes;

    private LastSeenLog lastSeen;
    private OfflineDirectory offline;
    private OnlinePages pages;
    private ClusterPresence others;
    private ScheduledFuture<?> tick;

    /** Exists from the start: in a cluster it must hear the other instances before any socket opens here. */
    void boot(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // The observer itself makes the bean exist.
    }

    @PostConstruct
    void start() {
        lastSeen = new LastSeenLog(lastSeenTimes);
        offline = new OfflineDirectory(online, lastSeen, jdbc);
        pages = new OnlinePages(online, rooms);
        others = new ClusterPresence(cluster, online, lastSeen, this);
        tick = scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        others.join();
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
        others.leave();
        if (online.isEmpty()) {
            return;
        }
        // Everyone online now was last seen now: a restart must not leave an old "last seen" behind.
        try {
            var now = Instant.now();
            online.all().stream().filter(o -> o.here)
                    .forEach(o -> lastSeen.seen(o.user().login(), o.user().id(), now));
            lastSeen.write();
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
                var now = new OnlineUser(user, 1);
                others.tellOthers(now, true);
                return cameOnline(now);
            }
            current.sockets++;
            current.leftAt = null; // back within the grace period: nothing changed for anyone
            others.tellOthers(current, true); // online elsewhere already: only the other instances learn of this one
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
                    lastSeen.seen(l, o.user().id(), leftAt);
                    others.tellOthers(o, false);
                    o.leftAt = null;
                    return o.elsewhere.isEmpty() ? wentOffline(o, leftAt) : o;
                });
            }
            lastSeen.write();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Presence tick failed", e);
        }
    }

    /** A user that was online nowhere is indexed and this instance's watchers told; returns it for compute. */
    OnlineUser cameOnline(OnlineUser o) {
        online.indexed(o);
        changes.fire(new PresenceChanged(new Presence(o.user(), true, null)));
        return o;
    }

    /** Removes a user that is online nowhere any more and tells this instance's watchers; returns null for compute. */
    OnlineUser wentOffline(OnlineUser o, Instant leftAt) {
        online.unindexed(o);
        offline.wentOffline(new Presence(o.user(), false, leftAt));
        changes.fire(new PresenceChanged(new Presence(o.user(), false, leftAt)));
        return null;
    }

    /** A renamed user keeps their place in the online list by their new name. */
    void renamed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProfileChanged change) {
        var user = change.user();
        offline.forget(user.login());
        online.computeIfPresent(user.login(), (login, current) -> {
            var renamed = new OnlineUser(user, current.sockets);
            renamed.leftAt = current.leftAt;
            renamed.here = current.here;
            renamed.elsewhere = current.elsewhere;
            online.reindexed(current, renamed);
            return renamed;
        });
    }

    // ---- questions ----

    public boolean isOnline(String login) {
        return online.contains(login);
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
        return offline.states(logins);
    }

    /** When a user that is not online now was last seen, if not yet written (else null: read the database). */
    public Instant unwrittenLastSeen(String login) {
        return lastSeen.unwritten(login);
    }

    /** The online members of a room by display name, a page after the cursor (see {@link OnlinePages}). */
    public OnlinePage onlineIn(long roomId, String cursor, int limit) {
        return pages.onlineIn(roomId, cursor, limit);
    }

    /** How many members of a room are online now, and a tag of who they are. */
    public OnlineCount onlineCountIn(long roomId) {
        return pages.onlineCountIn(roomId);
    }

    /** Everyone online, by display name, a page after the cursor. */
    public OnlinePage everyone(String cursor, int limit) {
        return pages.everyone(cursor, limit);
    }
}
