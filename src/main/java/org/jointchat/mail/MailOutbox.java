package org.jointchat.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.platform.Jdbc;

/**
 * The table {@code mail_outbox}: mails that must not be lost. {@link #add} writes one in the caller's transaction
 * (so it exists exactly when the change that caused it committed); {@link #sendDue} sends the due ones, each
 * instance skipping rows another holds ({@code FOR UPDATE SKIP LOCKED}), deletes what the SMTP server took and
 * moves a failed one to a later attempt: 10 s, 50 s, 4 min, 21 min, then hourly, for
 * {@code jointchat.smtp.outbox-give-up} (48 h); then it is logged and dropped. Never holds a sign-in secret (reset and verification links are not
 * queued here); a queued digest holds its unsubscribe link until sent, which can only turn that mail's e-mail off.
 */
@ApplicationScoped
public class MailOutbox {

    private static final Logger LOG = Logger.getLogger(MailOutbox.class.getName());
    /** Mails one transaction sends at most (each may take up to the SMTP timeout). */
    static final int BATCH = 5;

    @Inject
    Jdbc jdbc;

    @Inject
    Mailer mailer;

    @Inject
    @ConfigProperty(name = "jointchat.smtp.retry-delay", defaultValue = "PT10S")
    Duration retryDelay;

    @Inject
    @ConfigProperty(name = "jointchat.smtp.outbox-give-up", defaultValue = "PT48H")
    Duration giveUp;

    /** Writes a mail on the caller's connection, in its transaction. */
    static void add(Connection c, OutgoingMail mail) throws SQLException {
        try (var insert = c.prepareStatement("""
                INSERT INTO mail_outbox (recipient, language, subject, text_body, html_body, headers) VALUES (?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, mail.to());
            insert.setString(2, mail.locale().toLanguageTag());
            insert.setString(3, mail.subject());
            insert.setString(4, mail.text());
            insert.setString(5, mail.html());
            insert.setString(6, encode(mail.headers()));
            insert.executeUpdate();
        }
    }

    private record Row(long id, OutgoingMail mail, int attempts, boolean tooOld) {
    }

    /** Sends up to {@link #BATCH} due mails; how many rows it handled (sent, moved or dropped). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int sendDue() {
        var due = jdbc.list("""
                SELECT id, recipient, language, subject, text_body, html_body, headers, attempts, created_at < now() - ? * interval '1 second'
                  FROM mail_outbox WHERE next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED""",
                row -> new Row(row.getLong(1), new OutgoingMail(row.getString(2), Locale.forLanguageTag(row.getString(3)), row.getString(4),
                        row.getString(5), row.getString(6), decode(row.getString(7))), row.getInt(8), row.getBoolean(9)),
                giveUp.toSeconds(), BATCH);
        for (var row : due) {
            try {
                mailer.deliver(row.mail());
                jdbc.update("DELETE FROM mail_outbox WHERE id = ?", row.id());
            } catch (Exception e) {
                String reason = Mailer.reason(e);
                if (row.tooOld()) {
                    LOG.warning(() -> "E-mail to " + Mailer.masked(row.mail().to()) + " dropped after " + (row.attempts() + 1)
                            + " attempts over " + giveUp + ": " + reason);
                    jdbc.update("DELETE FROM mail_outbox WHERE id = ?", row.id());
                } else {
                    long pause = pause(row.attempts() + 1).toSeconds();
                    LOG.info(() -> "E-mail to " + Mailer.masked(row.mail().to()) + " failed (attempt " + (row.attempts() + 1)
                            + "), next in " + pause + " s: " + reason);
                    jdbc.update("""
                            UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = now() + ? * interval '1 second'
                             WHERE id = ?""", reason, pause, row.id());
                }
            }
        }
        return due.size();
    }

    /** The pause after the n-th failed attempt: five times longer each time, at most an hour. */
    Duration pause(int failedAttempts) {
        long seconds = Math.max(1, retryDelay.toSeconds());
        for (int i = 1; i < failedAttempts && seconds < 3600; i++) {
            seconds *= 5;
        }
        return Duration.ofSeconds(Math.min(seconds, 3600));
    }

    /** Headers as "Name: value" lines (names and values hold no line break: {@link OutgoingMail} checks). */
    static String encode(Map<String, String> headers) {
        var out = new StringBuilder();
        headers.forEach((name, value) -> out.append(name).append(": ").append(value).append('\n'));
        return out.toString();
    }

    static Map<String, String> decode(String lines) {
        var headers = new LinkedHashMap<String, String>();
        for (String line : lines == null ? new String[0] : lines.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                headers.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return headers;
    }
}
