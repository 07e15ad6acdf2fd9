package org.jointchat.missed;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.mail.MailSettings;

/**
 * Every {@code jointchat.missed-mail.poll} (15 s), on every instance: mails each user whose direct messages or
 * mentions have been unread for {@code jointchat.missed-mail.delay} (10 minutes), one user per transaction
 * ({@link MissedMailDelivery}). Instances share the work through the database's row locks, never mailing a
 * message twice. Does nothing while e-mail is off (no SMTP host) or the server's public address
 * ({@code jointchat.public-url}) is not set: links in a mail cannot come from a request here.
 */
@ApplicationScoped
public class MissedMailSweep {

    private static final Logger LOG = Logger.getLogger(MissedMailSweep.class.getName());
    /** Users one sweep mails at most; the rest wait for the next sweep. */
    static final int USERS_PER_SWEEP = 200;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    MissedMailDelivery delivery;

    @Inject
    MailSettings mail;

    @Inject
    @ConfigProperty(name = "jointchat.missed-mail.delay", defaultValue = "PT10M")
    Duration delay;

    @Inject
    @ConfigProperty(name = "jointchat.missed-mail.poll", defaultValue = "PT15S")
    Duration poll;

    private ScheduledFuture<?> sweeps;
    private volatile boolean failing;
    private boolean offLogged;
    private long lastPurge;

    /** Started with the application, not when something first uses it. */
    void boot(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // The observer itself makes the bean (and its sweeps) exist.
    }

    @PostConstruct
    void start() {
        long millis = Math.max(200, poll.toMillis());
        sweeps = scheduler.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Before the application's beans (and its data source) go: no sweep starts after this. */
    void stopping(@Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class) Object application) {
        stop();
    }

    @PreDestroy
    void stop() {
        if (sweeps != null) {
            sweeps.cancel(false);
        }
    }

    void sweep() {
        String base = mail.base(null);
        if (!mail.enabled() || base == null) {
            if (!offLogged) {
                offLogged = true;
                LOG.info(mail.enabled() ? "Missed-message e-mail is off: jointchat.public-url is not set (links in mail need it)"
                        : "Missed-message e-mail is off: e-mail is off (jointchat.smtp.host is not set)");
            }
            return;
        }
        offLogged = false;
        try {
            long nanos = System.nanoTime();
            boolean purge = lastPurge == 0 || nanos - lastPurge > TimeUnit.HOURS.toNanos(1);
            delivery.housekeeping(purge);
            if (purge) {
                lastPurge = nanos;
            }
            var mails = new MissedMail(base, delay);
            long after = 0; // users in id order, each looked at once a sweep
            for (int i = 0; i < USERS_PER_SWEEP && after != MissedMailDelivery.NOBODY; i++) {
                Instant now = Instant.now();
                after = delivery.mailNext(mails, now, now.minus(delay), after);
            }
            if (failing) {
                LOG.info("Missed-message e-mail works again");
                failing = false;
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "Missed-message e-mail could not be sent now; trying again every " + poll, e);
                failing = true;
            }
        }
    }
}
