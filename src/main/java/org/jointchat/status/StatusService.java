package org.jointchat.status;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jointchat.account.AccountService;
import org.jointchat.account.ProfileChanged;
import org.jointchat.account.UserRef;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.platform.Cluster;
import org.jointchat.platform.Jdbc;
import org.jointchat.platform.SlidingWindow;

/**
 * Everyone's status and do-not-disturb, kept in memory (presence frames show it for up to 500 watched users at
 * once) and stored on the user's row. What runs out is cleared by a sweep once a second, which tells watchers
 * ({@link StatusChanged}); until then it already reads as none ({@link UserStatus#at}). In a cluster every
 * instance learns of a change through the {@code status} channel, reads the row, and tells its own sockets.
 */
@ApplicationScoped
public class StatusService {

    private static final Logger LOG = Logger.getLogger(StatusService.class.getName());
    private static final String CHANNEL = "status";
    private static final String COLUMNS = "login, status_text, status_emoji, status_expires_at, dnd_until";

    /** Users with a status or do-not-disturb stored (others have none), by login. */
    private final Map<String, UserStatus> stored = new ConcurrentHashMap<>();
    /** When something of a user's status runs out next, for the sweep. */
    private final Map<String, Instant> runsOut = new ConcurrentHashMap<>();

    @Inject
    Jdbc jdbc;

    @Inject
    AccountService accounts;

    @Inject
    Event<StatusChanged> changes;

    @Inject
    Cluster cluster;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> sweep;

    /**
     * Made with the application, never inside a request: a periodic task keeps the context of the thread that scheduled
     * it, and one scheduled from a page request ran every second with that request's invocation (Payara closed a later
     * request's entity manager under it: docs/architecture.md, "Background work").
     */
    void boot(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // The observer itself makes the bean exist.
    }

    /** Reads every stored status once. */
    @PostConstruct
    void start() {
        jdbc.list("SELECT " + COLUMNS + " FROM users WHERE status_text <> '' OR status_emoji <> '' OR dnd_until IS NOT NULL",
                row -> {
                    remember(row.getString(1), status(row));
                    return null;
                });
        if (cluster.enabled()) {
            cluster.subscribe(CHANNEL, (from, payload) -> changedElsewhere(new String(payload, StandardCharsets.UTF_8)));
        }
        sweep = scheduler.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    /** Changes per user and minute: each one is written and reaches every socket watching the user, on every instance. */
    private static final int CHANGES_PER_MINUTE = 30;
    private static final Duration CHANGE_WINDOW = Duration.ofMinutes(1);

    private final SlidingWindow changesByUser = new SlidingWindow();

    /** Counts one change asked for by the user over the API; a 429 problem when over {@value #CHANGES_PER_MINUTE} a minute. */
    public void admitChange(UserRef user) {
        if (changesByUser.users() > 10_000) {
            changesByUser.forgetIdle(CHANGE_WINDOW);
        }
        if (!changesByUser.tryAcquire(user.id(), CHANGES_PER_MINUTE, CHANGE_WINDOW)) {
            throw new ProblemException(ProblemType.RATE_LIMITED, CHANGE_WINDOW);
        }
    }

    /** A user's status as it reads now (none when nothing is set or it ran out). */
    public UserStatus of(String login) {
        var status = stored.get(login);
        return status == null ? UserStatus.NONE : status.at(Instant.now());
    }

    /** Sets the user's status and do-not-disturb (checked by {@link StatusRules}); everyone watching hears of it. */
    public UserStatus set(UserRef user, UserStatus status) {
        jdbc.update("UPDATE users SET status_text = ?, status_emoji = ?, status_expires_at = ?, dnd_until = ? WHERE id = ?",
                status.text(), status.emoji(), time(status.expiresAt()), time(status.dndUntil()), user.id());
        remember(user.login(), status);
        if (cluster.enabled()) {
            cluster.publish(CHANNEL, user.login().getBytes(StandardCharsets.UTF_8));
        }
        var now = of(user.login());
        changes.fire(new StatusChanged(user, now));
        return now;
    }

    public UserStatus clear(UserRef user) {
        return set(user, UserStatus.NONE);
    }

    /**
     * A profile change ({@code PUT /users/me}) sets only the text; the emoji, expiry and do-not-disturb stay. Runs
     * before the realtime layer's observer, whose {@code profile} frame reads the status from here.
     */
    void textChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(100) ProfileChanged change) {
        String login = change.user().login();
        var before = stored.getOrDefault(login, UserStatus.NONE);
        remember(login, before.withText(change.status() == null ? "" : change.status()));
    }

    private void remember(String login, UserStatus status) {
        if (status.isNone()) {
            stored.remove(login);
            runsOut.remove(login);
            return;
        }
        stored.put(login, status);
        var next = status.nextRunOut();
        if (next == null) {
            runsOut.remove(login);
        } else {
            runsOut.put(login, next);
        }
    }

    /** Once a second: what ran out is cleared in the row and announced, so it disappears live. */
    void sweep() {
        try {
            var now = Instant.now();
            for (var entry : runsOut.entrySet()) {
                if (entry.getValue().isAfter(now)) {
                    continue;
                }
                String login = entry.getKey();
                var before = stored.get(login);
                if (before == null) {
                    runsOut.remove(login, entry.getValue());
                    continue;
                }
                var after = before.at(now);
                // Cleared only if still as it was: a new status set meanwhile stays.
                jdbc.update("UPDATE users SET status_text = '', status_emoji = '', status_expires_at = NULL"
                        + " WHERE login = ? AND status_expires_at <= ?", login, time(now));
                jdbc.update("UPDATE users SET dnd_until = NULL WHERE login = ? AND dnd_until <= ?", login, time(now));
                if (stored.replace(login, before, after)) {
                    remember(login, after);
                }
                accounts.ref(login).ifPresent(user -> changes.fire(new StatusChanged(user, of(login))));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Status sweep failed", e);
        }
    }

    /** Another instance changed a user's status: read it and tell this instance's sockets. */
    private void changedElsewhere(String login) {
        try {
            var status = jdbc.one("SELECT " + COLUMNS + " FROM users WHERE login = ?", StatusService::status, login)
                    .orElse(UserStatus.NONE);
            remember(login, status);
            accounts.ref(login).ifPresent(user -> changes.fire(new StatusChanged(user, of(login))));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read a status changed elsewhere", e);
        }
    }

    private static UserStatus status(ResultSet row) throws SQLException {
        return new UserStatus(row.getString(2), row.getString(3), instant(row.getObject(4, OffsetDateTime.class)),
                instant(row.getObject(5, OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime time(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
