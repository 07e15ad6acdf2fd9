package org.jointchat.mail;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends e-mail through Jakarta Mail to the SMTP server of {@link MailSettings}. {@link #send} only queues: the mail
 * leaves after the caller's transaction commits (never after a rollback, nor when it is marked for rollback), on
 * the mailer's own few threads, so no request waits
 * for the SMTP server and a slow or absent server costs a request nothing. A failed attempt is retried a few
 * times with growing pauses; a mail that still fails is logged (recipient and reason; never the body, which may
 * hold a link with a secret, nor the SMTP password) and dropped. With e-mail off, nothing is sent and that is
 * logged once.
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

    @PostConstruct
    void start() {
        int n = Math.max(1, threadCount);
        delivery = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE), threads);
        delivery.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        delivery.shutdownNow();
    }

    /**
     * Runs work off the request thread on the mail threads (the password reset look-up after its answer); dropped
     * with a log line when the queue is full.
     */
    public void background(Runnable task) {
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
        Runnable queue = () -> background(() -> attempt(mail, 1));
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            queue.run();
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
                    queue.run();
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
        } catch (MessagingException | RuntimeException e) {
            if (attempt < Math.max(1, attempts)) {
                long delay = retryDelay.toMillis() * (long) Math.pow(5, attempt - 1);
                LOG.log(Level.INFO, () -> "E-mail to " + mail.to() + " failed (attempt " + attempt + "), retrying in "
                        + delay / 1000 + " s: " + reason(e));
                scheduler.schedule(() -> background(() -> attempt(mail, attempt + 1)), delay, TimeUnit.MILLISECONDS);
            } else {
                LOG.warning(() -> "E-mail to " + mail.to() + " could not be sent after " + attempt + " attempts: " + reason(e));
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

    /** Why an attempt failed, in one line: the exception chain's types and messages (they carry no body or password). */
    private static String reason(Throwable e) {
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
