package org.jointchat.missed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.mail.MailSettings;
import org.jointchat.platform.Jdbc;

/**
 * A user's missed-message e-mail setting (never / digest / each; digest when never chosen) and the one-click
 * unsubscribe. The profile page and {@code /users/me/email-notifications} both change it here.
 */
@ApplicationScoped
public class EmailNotifications {

    /**
     * The setting as the user sees it: the mode, the verified address mails go to (null: none, so nothing is sent),
     * how long a message stays unread before it is mailed, and whether this server sends e-mail at all.
     */
    public record Setting(EmailNotificationMode mode, String email, Duration delay, boolean mailEnabled) {
    }

    @Inject
    Jdbc jdbc;

    @Inject
    MailSettings mail;

    @Inject
    @ConfigProperty(name = "jointchat.missed-mail.delay", defaultValue = "PT10M")
    Duration delay;

    public Setting of(long userId) {
        var mode = jdbc.one("SELECT mode FROM email_notifications WHERE user_id = ?", row -> row.getString(1), userId)
                .flatMap(EmailNotificationMode::parse).orElse(EmailNotificationMode.DIGEST);
        // The row is there; its email may be null (findFirst cannot hold a null, hence the Optional inside).
        String email = jdbc.one("SELECT email FROM users WHERE id = ?", row -> Optional.ofNullable(row.getString(1)), userId)
                .flatMap(e -> e).orElse(null);
        return new Setting(mode, email, delay, mail.enabled());
    }

    /**
     * Sets the mode and the language of the mails. Turned on again after {@code never}, it starts from now: what
     * went unread while it was off is not mailed.
     */
    public Setting change(long userId, EmailNotificationMode mode, Locale language) {
        jdbc.update("""
                INSERT INTO email_notifications AS n (user_id, mode, language) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET mode = EXCLUDED.mode, language = EXCLUDED.language, changed_at = now(),
                    notified_at = CASE WHEN n.mode = 'never' AND EXCLUDED.mode <> 'never' THEN greatest(n.notified_at, now()) ELSE n.notified_at END,
                    notified_id = CASE WHEN n.mode = 'never' AND EXCLUDED.mode <> 'never' THEN 0 ELSE n.notified_id END,
                    retry_after = NULL""", userId, mode.wire(), language == null ? "en" : language.getLanguage());
        return of(userId);
    }

    /**
     * Turns the mails off for the holder of an unsubscribe link (no sign-in); false when the token is unknown or
     * too old. Using a link twice is fine.
     */
    public boolean unsubscribe(String token) {
        if (!UnsubscribeTokens.wellFormed(token)) {
            return false;
        }
        return jdbc.update("""
                UPDATE email_notifications n SET mode = 'never', changed_at = now()
                  FROM email_unsubscribe_tokens t
                 WHERE t.token_hash = ? AND t.user_id = n.user_id AND t.created_at > now() - INTERVAL '180 days'""",
                UnsubscribeTokens.hash(token)) > 0;
    }

    /** Whether an unsubscribe link is one this server gave out (and still honours). */
    public boolean knows(String token) {
        return UnsubscribeTokens.wellFormed(token) && jdbc.count(
                "SELECT count(*) FROM email_unsubscribe_tokens WHERE token_hash = ? AND created_at > now() - INTERVAL '180 days'",
                UnsubscribeTokens.hash(token)) > 0;
    }
}
