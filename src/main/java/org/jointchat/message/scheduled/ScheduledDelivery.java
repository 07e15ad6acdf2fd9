package org.jointchat.message.scheduled;

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
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.message.ChatError;
import org.jointchat.message.ChatException;
import org.jointchat.message.MessageWriter;
import org.jointchat.message.SendResult;
import org.jointchat.platform.Database;

/**
 * Sends scheduled messages when they are due, on every instance, each exactly once. Every
 * {@code jointchat.scheduled.poll-millis} a sweep opens a transaction, claims the due rows
 * ({@link ScheduledClaims#claimDue}: {@code FOR UPDATE SKIP LOCKED}, so no two instances take the same row), sends
 * them through the {@link MessageWriter} as their authors (the writer's rules at this moment, the room's next
 * seq/version, live fan-out, sync) with the row's clientId, records the outcome in the row and commits. A crash in
 * between leaves the row pending and unlocked; the next sweep sends it again with the same clientId, and the writer
 * answers with the message already stored (unique author and clientId) instead of writing a second one. Refusals
 * (the author left the room, was muted, the room was archived or deleted) mark the row failed; an unavailable writer
 * (stopping, busy, database trouble) leaves it pending for the next sweep.
 */
@ApplicationScoped
public class ScheduledDelivery {

    private static final Logger LOG = Logger.getLogger(ScheduledDelivery.class.getName());
    /** Rows one transaction sends at most (one writer batch). */
    static final int BATCH = 100;
    /** How long a sweep waits for the writer's commit before leaving the rest for the next sweep. */
    private static final long WRITER_PATIENCE_SECONDS = 30;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    MessageWriter writer;

    @Inject
    Event<ScheduledChanged> changes;

    @Inject
    @ConfigProperty(name = "jointchat.scheduled.poll-millis", defaultValue = "1000")
    long pollMillis;

    private ScheduledFuture<?> sweeps;
    private volatile boolean failing;
    private long lastPurge;

    /** Started with the application, not when something first uses it. */
    void boot(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // The observer itself makes the bean (and its sweeps) exist.
    }

    @PostConstruct
    void start() {
        sweeps = scheduler.scheduleWithFixedDelay(this::sweep, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
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
        try {
            while (deliverDue() == BATCH) {
                // more were due: go on at once
            }
            purgeSentDaily();
            if (failing) {
                LOG.info("Scheduled messages are being sent again");
                failing = false;
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "Could not send scheduled messages now; trying again every " + pollMillis + " ms", e);
                failing = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sent rows are kept a day (an author's late retry of the same clientId still finds them), then deleted. */
    private void purgeSentDaily() throws SQLException {
        long now = System.nanoTime();
        if (lastPurge != 0 && now - lastPurge < TimeUnit.HOURS.toNanos(1)) {
            return;
        }
        lastPurge = now;
        try (Connection c = dataSource.getConnection(); var delete = c.prepareStatement(
                "DELETE FROM scheduled_messages WHERE state = 'sent' AND finished_at < now() - INTERVAL '1 day'")) {
            delete.executeUpdate();
        }
    }

    /** Sends what is due now in one transaction; the number of rows claimed. */
    int deliverDue() throws SQLException, InterruptedException {
        var told = new ArrayList<ScheduledChanged>();
        int claimed;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                var due = ScheduledClaims.claimDue(c, Instant.now(), BATCH);
                claimed = due.size();
                var sends = new ArrayList<CompletableFuture<SendResult>>(due.size());
                for (var row : due) {
                    var m = row.message();
                    sends.add(writer.submit(row.author(), m.roomId(), m.text(), m.clientId(), m.replyTo(), m.attachments()));
                }
                for (int i = 0; i < due.size(); i++) {
                    record(c, due.get(i), sends.get(i), told);
                }
                c.commit();
            } catch (SQLException | RuntimeException | InterruptedException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        told.forEach(changes::fire);
        return claimed;
    }

    /** Records one send's outcome in its row: sent, failed, or (writer unavailable) nothing, to be tried again. */
    private static void record(Connection c, ScheduledClaims.Claimed row, CompletableFuture<SendResult> send,
            List<ScheduledChanged> told) throws SQLException, InterruptedException {
        var m = row.message();
        String login = row.author().login();
        try {
            var sent = send.get(WRITER_PATIENCE_SECONDS, TimeUnit.SECONDS).message();
            ScheduledClaims.markSent(c, m.id(), sent.seq());
            told.add(new ScheduledChanged(login, withOutcome(m, "sent", sent.seq(), null), "sent"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ChatException refusal && refusal.code() != ChatError.UNAVAILABLE) {
                ScheduledClaims.markFailed(c, m.id(), refusal.code().name());
                told.add(new ScheduledChanged(login, withOutcome(m, "failed", null, refusal.code().name()), "failed"));
            } else {
                LOG.log(Level.FINE, "Scheduled message " + m.id() + " not sent now; next sweep", e.getCause());
            }
        } catch (TimeoutException e) {
            // Committed later or not: the next sweep's attempt gets the stored message back (same clientId) or sends it.
            LOG.fine(() -> "The writer took too long for scheduled message " + m.id() + "; next sweep");
        }
    }

    private static ScheduledMessage withOutcome(ScheduledMessage m, String state, Long seq, String failure) {
        return new ScheduledMessage(m.id(), m.roomId(), m.text(), m.replyTo(), m.attachments(), m.clientId(), m.sendAt(),
                m.createdAt(), state, seq, failure);
    }
}
