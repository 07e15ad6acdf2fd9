package org.jointchat.mail;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends e-mail through Jakarta Mail to the SMTP server of {@link MailSettings}. {@link #send} only queues: the mail
 * leaves after the caller's transaction commits (never after a rollback, nor when it is marked for rollback), on the
 * mailer's own few threads (never the server's shared scheduler), so no request waits for the SMTP server. A failed
 * attempt is retried a few times with growing pauses; a mail that still fails is logged (the recipient masked and
 * the reason; never the body, which may hold a link with a secret, nor the SMTP password) and dropped: the user asks
 * again. {@link #sendDurably} is for mails that must not be lost (the digests): they go through the
 * {@link MailOutbox} table, retried for hours and across restarts. With e-mail off, nothing is sent (logged once).
 */
@ApplicationScoped
public class Mailer {

    private static final Logger LOG = Logger.getLogger(Mailer.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int QUEUE = 10_000;

    @Inject
    MailSettings settings;

    /** Only for the pause before a retry: the server's default scheduler is small and shared with everything else. */
    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Makes the container-aware threads of {@link #delivery}. */
    @Resource
    ManagedThreadFactory threads;

    /**
     * SMTP conversations (and the password reset work done after the answer): a few threads of their own with a
     * bounded queue, so a slow SMTP server never holds up the scheduler that presence, the cluster and scheduled
     * messages share. A portable pool over the container's thread factory; no server resource needed.
     */
    private ThreadPoolExecutor delivery;

    @Inject
    @ConfigProperty(name = "jointchat.smtp.threads", defaultValue = "2")
    int threadCount;

    /** How often the outbox is looked at besides right after each commit that wrote to it (retries, restarts). */
    @Inject
    @ConfigProperty(name = "jointchat.smtp.outbox-poll", defaultValue = "PT30S")
    Duration outboxPoll;

    @Inject
    MailOutbox outbox;

    private ScheduledFuture<?> outboxPolls;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Attempts per mail (the first and the retries). */
    @Inject
    @ConfigProperty(name = "jointchat.smtp.attempts", defaultValue = "3")
    int attempts;

    /** The pause before the first retry; each next pause is five times longer. */
    @Inject
    @ConfigProperty(name = "jointchat.smtp.retry-delay", defaultValue = "PT10S")
    Duration retryDelay;

    private final AtomicBoolean offLogged = new AtomicBoolean();

    /** Started with the application: mails left in the outbox by the last run go out without waiting for a new one. */
    void boot(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // The observer itself makes the bean (and its outbox polls) exist.
    }

    @PostConstruct
    void start() {
        int n = Math.max(1, threadCount);
        delivery = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE), threads);
        delivery.allowCoreThreadTimeOut(true);
        if (settings.enabled() && scheduler != null) {
            long millis = Math.max(1000, outboxPoll.toMillis());
            outboxPolls = scheduler.scheduleWithFixedDelay(() -> background(this::drainOutbox), millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Before the data source goes: no poll, retry or delivery starts after this (the outbox keeps what is left). */
    void stopping(@Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class) Object application) {
        stop();
    }

    @PreDestroy
    void stop() {
        if (outboxPolls != null) {
            outboxPolls.cancel(false);
        }
        if (delivery != null) {
            delivery.shutdownNow();
        }
    }

    /**
     * Writes a mail that must not be lost into the outbox, on the caller's connection and in its transaction: it
     * exists exactly when the caller's change committed, and is sent (and retried for hours, across restarts) by
     * the outbox worker. For mails without a secret only (the outbox is a table in clear).
     */
    public void sendDurably(Connection c, OutgoingMail mail) throws SQLException {
        if (!settings.enabled()) {
            noteOff();
            return;
        }
        MailOutbox.add(c, mail);
        afterCommit(() -> background(this::drainOutbox));
    }

    /** Sends what is due in the outbox, batch after batch; one drain at a time per instance (a kick meanwhile: again). */
    void drainOutbox() {
        again.set(true);
        while (again.get() && draining.compareAndSet(false, true)) {
            again.set(false);
            try {
                while (outbox.sendDue() == MailOutbox.BATCH) {
                    // more may be due
                }
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "The mail outbox could not be read now; next try in " + outboxPoll, e);
                return;
            } finally {
                draining.set(false);
            }
        }
    }

    /**
     * Runs work off the request thread on the mail threads (the password reset look-up after its answer); dropped
     * with a log line when the queue is full.
     */
    public void background(Runnable task) {
        if (delivery.isShutdown()) {
            return; // the application stops: an outbox mail waits for the next start, a queued one is dropped
        }
        try {
            delivery.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.warning("E-mail work dropped: the queue of " + QUEUE + " is full (is the SMTP server down?)");
        }
    }

    /** Whether e-mail is configured; features that need it say so when it is not. */
    public boolean enabled() {
        return settings.enabled();
    }

    /**
     * Queues a mail: sent after the current transaction commits (at once when there is none), off this thread.
     * With e-mail off, nothing happens (logged once).
     */
    public void send(OutgoingMail mail) {
        if (!settings.enabled()) {
            noteOff();
            return;
        }
        afterCommit(() -> background(() -> attempt(mail, 1)));
    }

    /** Runs the task after the current transaction commits; at once without one; never on a rollback. */
    private void afterCommit(Runnable task) {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            task.run();
            return;
        }
        if (status != Status.STATUS_ACTIVE) {
            return; // marked for rollback (or ending): what the mail tells will not have happened
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    task.run();
                }
            }
        });
    }

    /** Logs, once per start, that e-mail is off; for features that skip a mail because of it. */
    public void noteOff() {
        if (offLogged.compareAndSet(false, true)) {
            LOG.info("E-mail is off (jointchat.smtp.host is not set): no e-mail is sent.");
        }
    }

    private void attempt(OutgoingMail mail, int attempt) {
        try {
            deliver(mail);
            background(this::drainOutbox); // the SMTP server takes mail: what waits in the outbox goes too
        } catch (MessagingException | RuntimeException e) {
            if (attempt < Math.max(1, attempts)) {
                long delay = retryDelay.toMillis() * (long) Math.pow(5, attempt - 1);
                LOG.log(Level.INFO, () -> "E-mail to " + masked(mail.to()) + " failed (attempt " + attempt + "), retrying in "
                        + delay / 1000 + " s: " + reason(e));
                scheduler.schedule(() -> background(() -> attempt(mail, attempt + 1)), delay, TimeUnit.MILLISECONDS);
            } else {
                LOG.warning(() -> "E-mail to " + masked(mail.to()) + " could not be sent after " + attempt + " attempts: " + reason(e));
            }
        }
    }

    /** Sends one mail now, on this thread. */
    void deliver(OutgoingMail mail) throws MessagingException {
        var session = Session.getInstance(settings.sessionProperties());
        var message = compose(session, mail);
        if (settings.user().isPresent()) {
            Transport.send(message, settings.user().get(), settings.password());
        } else {
            Transport.send(message);
        }
    }

    /** The MIME message: multipart/alternative (plain text, then HTML) or plain text alone, and the headers. */
    MimeMessage compose(Session session, OutgoingMail mail) throws MessagingException {
        var from = new InternetAddress(settings.from(), true);
        var message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + HexFormat.of().formatHex(randomBytes()) + "@" + domainOf(from) + ">");
            }
        };
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setHeader("Content-Language", mail.locale().toLanguageTag());
        message.setHeader("Auto-Submitted", "auto-generated");
        for (var header : mail.headers().entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        if (mail.html() == null || mail.html().isEmpty()) {
            message.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
        } else {
            var text = new MimeBodyPart();
            text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
            var html = new MimeBodyPart();
            html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
            message.setContent(new MimeMultipart("alternative", text, html));
        }
        message.saveChanges();
        return message;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String domainOf(InternetAddress address) {
        String a = address.getAddress();
        int at = a.lastIndexOf('@');
        return at < 0 || at == a.length() - 1 ? "jointchat.invalid" : a.substring(at + 1);
    }

    /** An address for the log: its first letter and its domain ("a…@example.org"). */
    static String masked(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 1 ? "…" : address.charAt(0) + "…" + address.substring(at);
    }

    /** Why an attempt failed, in one line: the exception chain's types and messages (they carry no body or password). */
    static String reason(Throwable e) {
        var out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 400; t = t.getCause()) {
            if (!out.isEmpty()) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return out.toString().replace('\n', ' ').replace('\r', ' ');
    }
}
