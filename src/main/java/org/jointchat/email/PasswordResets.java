package org.jointchat.email;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.account.AccountService;
import org.jointchat.account.PasswordSignInGate;
import org.jointchat.account.Registration;
import org.jointchat.account.UserRef;
import org.jointchat.audit.AuditLog;
import org.jointchat.mail.MailSettings;
import org.jointchat.mail.Mailer;
import org.jointchat.platform.AddressBuckets;
import org.jointchat.platform.ClientAddress;
import org.jointchat.platform.Jdbc;
import org.jointchat.platform.TokenBucket;
import org.jointchat.platform.TooManyRequestsException;

/**
 * Password reset by e-mail. Asking ({@link #request}) answers the same whatever was asked — an unknown login, an
 * account without a verified address, a deactivated one, an account over its limit, or e-mail off: nothing tells
 * who has an account. The answer leaves right after the per-address limit; the look-up, the link and the mail
 * happen afterwards on the mailer's threads, so the time does not tell either. Issuing a link ends the account's
 * older open links (only the newest works). The link goes only to the
 * account's VERIFIED address, works once and for {@code jointchat.password-reset.ttl}; using it sets a new
 * password by the usual rules and ends every session, token and socket of the account (in {@code account}).
 * Limits: per client address (a 429: that says nothing about an account) and per account (silently, so the answer
 * stays the same).
 */
@ApplicationScoped
public class PasswordResets {

    private static final Logger LOG = Logger.getLogger(PasswordResets.class.getName());

    @Inject
    Jdbc jdbc;

    @Inject
    Mailer mailer;

    @Inject
    MailSettings settings;

    @Inject
    AccountMails mails;

    @Inject
    AccountService accounts;

    @Inject
    AuditLog audit;

    /** Features that may refuse passwords for an account (single sign-on with local passwords off). */
    @Inject
    Instance<PasswordSignInGate> gates;

    @Inject
    ClientAddress clientAddress;

    /** This bean through its proxy, for the transaction of {@link #issue}. */
    @Inject
    PasswordResets self;

    @Inject
    @ConfigProperty(name = "jointchat.password-reset.ttl", defaultValue = "PT30M")
    Duration ttl;

    /** Reset mails one account gets per hour at most; more requests are answered alike and send nothing. */
    @Inject
    @ConfigProperty(name = "jointchat.password-reset.mails-per-hour", defaultValue = "3")
    int mailsPerHour;

    @Inject
    @ConfigProperty(name = "jointchat.abuse.password-reset.burst", defaultValue = "5")
    int addressBurst;

    @Inject
    @ConfigProperty(name = "jointchat.abuse.password-reset.rate", defaultValue = "5")
    int addressRate;

    @Inject
    @ConfigProperty(name = "jointchat.abuse.password-reset.period", defaultValue = "PT15M")
    Duration addressPeriod;

    @Inject
    @ConfigProperty(name = "jointchat.abuse.exempt-addresses")
    Optional<String> exemptAddresses;

    private AddressBuckets perAddress;

    @PostConstruct
    void configure() {
        perAddress = new AddressBuckets(TokenBucket.of(addressBurst, addressRate, addressPeriod), 100_000,
                ClientAddress.list(exemptAddresses.orElse("")));
    }

    /**
     * Asks for a reset link by login or by e-mail address (one of them). Returns normally whatever was asked; throws
     * {@link TooManyRequestsException} only when this client address asked too often.
     */
    public void request(String login, String email, Locale locale, HttpServletRequest request, String base) {
        long wait = perAddress.take(clientAddress.of(request), TokenBucket.now());
        if (wait > 0) {
            throw new TooManyRequestsException("too many password reset requests from this address",
                    Duration.ofSeconds(TokenBucket.seconds(wait)));
        }
        // The answer leaves now; the look-up and the issue happen on the mail threads, so a known account costs the
        // request no more time than an unknown one.
        mailer.background(() -> {
            try {
                self.issue(login, email, locale, base);
            } catch (RuntimeException e) {
                LOG.warning(() -> "A password reset request failed: " + e);
            }
        });
    }

    /** The part of {@link #request} in a transaction: the same statements run for known and unknown accounts. */
    @Transactional
    public void issue(String login, String email, Locale locale, String base) {
        String secret = EmailLinks.newSecret();
        String hash = EmailLinks.hashOf(secret);
        record Account(long id, String login, String email, boolean active) {
        }
        Optional<Account> account;
        if (login != null && !login.isBlank()) {
            String key = Registration.normalizeLogin(login);
            account = jdbc.one("SELECT id, login, email, deactivated_at IS NULL FROM users WHERE login = ?",
                    row -> new Account(row.getLong(1), row.getString(2), row.getString(3), row.getBoolean(4)),
                    key.length() > 64 ? key.substring(0, 64) : key);
        } else if (email != null && !email.isBlank() && email.length() <= 254) {
            account = jdbc.one("SELECT id, login, email, deactivated_at IS NULL FROM users WHERE lower(email) = lower(?)",
                    row -> new Account(row.getLong(1), row.getString(2), row.getString(3), row.getBoolean(4)), email.strip());
        } else {
            account = Optional.empty();
        }
        long userId = account.map(Account::id).orElse(-1L);
        // One issue per account at a time, before the count (two requests at once must not both pass the limit); the
        // same statement for an unknown account (no row) keeps the timing alike.
        jdbc.one("SELECT id FROM users WHERE id = ? FOR UPDATE", row -> 1, userId);
        long recent = jdbc.count("SELECT count(*) FROM password_resets WHERE user_id = ? AND created_at > now() - interval '1 hour'", userId);
        if (!settings.linksEnabled() || base == null) {
            mailer.noteOff();
            return; // the same answer; the log says why nothing was sent (no SMTP host, or no jointchat.public-url)
        }
        if (account.isEmpty() || account.get().email() == null || !account.get().active() || !passwordsAllowed(userId)) {
            return; // nothing to send; the answer is the same
        }
        if (recent >= mailsPerHour) {
            LOG.info(() -> "Password reset for " + account.get().login() + " not sent: " + mailsPerHour + " mails in the last hour.");
            return;
        }
        jdbc.update("DELETE FROM password_resets WHERE user_id = ? AND created_at < now() - interval '1 day'", userId);
        // Only the newest link works (docs/operations.md): the older open ones end here.
        jdbc.update("UPDATE password_resets SET used_at = now() WHERE user_id = ? AND used_at IS NULL", userId);
        jdbc.update("INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES (?, ?, now() + ? * interval '1 second')",
                hash, userId, ttl.toSeconds());
        mails.reset(account.get().email(), locale, account.get().login(), base, secret, Math.max(1, ttl.toMinutes()));
    }

    /** What a link would do now (the page asks before showing the form). */
    public LinkState check(String secret) {
        String hash = EmailLinks.hashOf(secret);
        if (hash == null) {
            return LinkState.INVALID;
        }
        return jdbc.one("SELECT expires_at, used_at FROM password_resets WHERE token_hash = ?",
                row -> LinkState.of(row.getObject(1, OffsetDateTime.class), row.getObject(2, OffsetDateTime.class)), hash)
                .orElse(LinkState.INVALID);
    }

    /**
     * Uses a link: sets the new password (the rules of registration; {@code InvalidInputException} leaves the link
     * usable) and ends every session, token and socket of the account; the link and any other of the account's
     * links stop working. Throws {@link LinkException} for an expired, used or unknown link.
     */
    @Transactional
    public UserRef complete(String secret, String newPassword) {
        String hash = EmailLinks.hashOf(secret);
        if (hash == null) {
            throw new LinkException(LinkState.INVALID);
        }
        // The account row first, then the link: the order every change of the account takes (no deadlock).
        var owner = jdbc.one("SELECT user_id FROM password_resets WHERE token_hash = ?", row -> row.getLong(1), hash)
                .orElseThrow(() -> new LinkException(LinkState.INVALID));
        boolean active = jdbc.one("SELECT deactivated_at IS NULL FROM users WHERE id = ? FOR UPDATE", row -> row.getBoolean(1), owner)
                .orElse(false);
        record Link(long userId, LinkState state) {
        }
        var link = jdbc.one("SELECT user_id, expires_at, used_at FROM password_resets WHERE token_hash = ? FOR UPDATE",
                row -> new Link(row.getLong(1), LinkState.of(row.getObject(2, OffsetDateTime.class), row.getObject(3, OffsetDateTime.class))),
                hash).orElseThrow(() -> new LinkException(LinkState.INVALID));
        if (link.state() != LinkState.VALID) {
            throw new LinkException(link.state());
        }
        if (!active || !passwordsAllowed(link.userId())) {
            // deactivated, or passwords were turned off for the account since the link was sent
            throw new LinkException(LinkState.INVALID);
        }
        var user = accounts.resetPassword(link.userId(), newPassword);
        jdbc.update("UPDATE password_resets SET used_at = now() WHERE token_hash = ?", hash);
        jdbc.update("UPDATE password_resets SET used_at = now() WHERE user_id = ? AND used_at IS NULL", link.userId());
        audit.record(user.login(), "user.password-reset", user.login(), "by a link sent to the verified e-mail address");
        return user;
    }

    /**
     * Whether the account may sign in with a password at all: an account that signs in only through the identity
     * provider (local passwords off) gets no reset link, and a reset link must not become a way around single sign-on.
     */
    private boolean passwordsAllowed(long userId) {
        var user = accounts.findById(userId);
        return user.isPresent() && gates.stream().allMatch(gate -> gate.allowsPassword(user.get()));
    }
}
