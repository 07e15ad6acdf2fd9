package org.jointchat.email;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.account.CredentialsChanged;
import org.jointchat.account.FieldError;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.UserRef;
import org.jointchat.audit.AuditLog;
import org.jointchat.mail.MailSettings;
import org.jointchat.platform.Jdbc;
import org.jointchat.platform.TooManyRequestsException;

/**
 * An account's e-mail address: a new one is used only once its owner followed the link sent to it (so nobody can
 * receive another person's reset links by typing their address). {@code users.email} holds only the verified
 * address; the address waiting for its link lives in {@code email_verifications}. A change is verified again, and
 * the address used until then is told. An address another account verified is answered like any other (202, pending)
 * while that address gets a mail saying someone tried to add it: the asker learns nothing; such a pending row can
 * never be verified. A change, a removal and a password change or reset end the account's open reset links; a
 * password change or reset also drops the address pending (issue 23, mail fixes).
 */
@ApplicationScoped
public class EmailAddresses {

    /** What following a verification link did. */
    public enum Outcome {
        VERIFIED, EXPIRED, USED, INVALID, UNAVAILABLE
    }

    /** Verification mails one account may cause per hour (each one goes to an address the user typed). */
    static final int MAILS_PER_HOUR = 5;
    /**
     * Verification (or "in use") mails one address gets a day, whoever asks: registrations are open, so without it a
     * script could bury anyone's inbox. Past it the asker gets the same answer and nothing is sent.
     */
    static final int MAILS_PER_ADDRESS_PER_DAY = 3;

    @Inject
    Jdbc jdbc;

    @Inject
    MailSettings settings;

    @Inject
    AccountMails mails;

    @Inject
    Validator validator;

    @Inject
    AuditLog audit;

    /** How long a verification link works. */
    @Inject
    @ConfigProperty(name = "jointchat.email.verification.ttl", defaultValue = "PT24H")
    Duration ttl;

    private record Pending(String email, OffsetDateTime sentAt) {
    }

    public EmailState state(long userId) {
        var verified = jdbc.one("SELECT email, email_verified_at FROM users WHERE id = ?",
                row -> new Pending(row.getString(1), row.getObject(2, OffsetDateTime.class)), userId)
                .orElse(new Pending(null, null));
        var pending = pending(userId);
        return new EmailState(verified.email(), verified.email() == null ? null : verified.sentAt(),
                pending.map(Pending::email).orElse(null), pending.map(Pending::sentAt).orElse(null), settings.linksEnabled());
    }

    private Optional<Pending> pending(long userId) {
        return jdbc.one("""
                SELECT email, created_at FROM email_verifications
                 WHERE user_id = ? AND used_at IS NULL AND superseded_at IS NULL AND expires_at > now() ORDER BY created_at DESC LIMIT 1""",
                row -> new Pending(row.getString(1), row.getObject(2, OffsetDateTime.class)), userId);
    }

    /**
     * Asks to use an address: checked, then a verification link is sent to it (after the commit) and it waits as
     * pending, replacing any address pending before. The verified address, if any, stays in use until then. The
     * account's own verified address again: nothing to verify (any pending one is dropped).
     *
     * @param base the server's public URL for the link
     */
    @Transactional
    public EmailState requestChange(UserRef user, NewEmailAddress address, Locale locale, String base) {
        var violations = validator.validate(address);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations.stream()
                    .map(v -> new FieldError("email", v.getMessageTemplate())).distinct().toList());
        }
        if (!settings.linksEnabled() || base == null) {
            throw EmailProblem.mailOff();
        }
        String email = address.email();
        String current = currentAddress(user.id());
        if (email.equalsIgnoreCase(current)) {
            supersedePending(user.id());
            return state(user.id());
        }
        // The limit first, and counting every mail of the hour (superseded rows stay for this).
        long recent = jdbc.count("SELECT count(*) FROM email_verifications WHERE user_id = ? AND created_at > now() - interval '1 hour'",
                user.id());
        if (recent >= MAILS_PER_HOUR) {
            throw new TooManyRequestsException("too many verification mails for this account", Duration.ofMinutes(15));
        }
        supersedePending(user.id());
        jdbc.update("DELETE FROM email_verifications WHERE user_id = ? AND created_at < now() - interval '7 days'", user.id());
        endResetLinks(user.id()); // reset links must not outlive a change of where they go
        String secret = EmailLinks.newSecret();
        jdbc.update("""
                INSERT INTO email_verifications (token_hash, user_id, email, language, expires_at)
                VALUES (?, ?, ?, ?, now() + ? * interval '1 second')""",
                EmailLinks.hashOf(secret), user.id(), email, locale.getLanguage(), ttl.toSeconds());
        if (jdbc.count("SELECT count(*) FROM email_verifications WHERE lower(email) = lower(?) AND created_at > now() - interval '1 day'",
                email) > MAILS_PER_ADDRESS_PER_DAY) {
            return state(user.id()); // pending, as always; "send the link again" tomorrow works
        }
        if (takenByAnother(email, user.id())) {
            // The same answer as for any address (nothing tells the asker that it has an account); its owner is told
            // instead. The pending row can never be verified (verify refuses an address another account has).
            mails.inUse(email, locale, base);
        } else {
            mails.verification(email, locale, user.login(), user.displayName(), base, secret, Math.max(1, ttl.toHours()));
        }
        return state(user.id());
    }

    /** Sends the pending address a new link (the old one stops working); false when nothing is pending. */
    @Transactional
    public boolean resend(UserRef user, Locale locale, String base) {
        var pending = pending(user.id());
        if (pending.isEmpty()) {
            return false;
        }
        requestChange(user, new NewEmailAddress(pending.get().email()), locale, base);
        return true;
    }

    /**
     * Removes the verified address and any pending one; the removed address is told. Password reset is then no
     * longer possible for this account.
     */
    @Transactional
    public void remove(UserRef user, Locale locale, String base) {
        String current = currentAddress(user.id());
        supersedePending(user.id());
        endResetLinks(user.id());
        if (current != null) {
            jdbc.update("UPDATE users SET email = NULL, email_verified_at = NULL WHERE id = ?", user.id());
            audit.record(user.login(), "user.email-removed", user.login(), EmailLinks.masked(current));
            mails.changed(current, locale, user.login(), null, base);
        }
    }

    /**
     * Follows a verification link: the address becomes the account's verified one, once; the address used until now
     * is told of the change. An address another account verified meanwhile is refused.
     */
    @Transactional
    public Outcome verify(String secret, String base) {
        String hash = EmailLinks.hashOf(secret);
        if (hash == null) {
            return Outcome.INVALID;
        }
        // Locks in the order every other change takes: the account row, then its links (no deadlock with a change).
        var owner = jdbc.one("SELECT user_id FROM email_verifications WHERE token_hash = ?", row -> row.getLong(1), hash);
        if (owner.isEmpty()) {
            return Outcome.INVALID;
        }
        record Account(String login, String email) {
        }
        var account = jdbc.one("SELECT login, email FROM users WHERE id = ? FOR UPDATE",
                row -> new Account(row.getString(1), row.getString(2)), owner.get()).orElse(null);
        if (account == null) {
            return Outcome.INVALID;
        }
        record Link(long userId, String email, String language, OffsetDateTime expiresAt, OffsetDateTime usedAt,
                boolean superseded) {
        }
        var link = jdbc.one("""
                SELECT user_id, email, language, expires_at, used_at, superseded_at IS NOT NULL
                  FROM email_verifications WHERE token_hash = ? FOR UPDATE""",
                row -> new Link(row.getLong(1), row.getString(2), row.getString(3), row.getObject(4, OffsetDateTime.class),
                        row.getObject(5, OffsetDateTime.class), row.getBoolean(6)), hash);
        var state = link.filter(l -> !l.superseded()).map(l -> LinkState.of(l.expiresAt(), l.usedAt())).orElse(LinkState.INVALID);
        if (state != LinkState.VALID) {
            return switch (state) {
                case EXPIRED -> Outcome.EXPIRED;
                case USED -> Outcome.USED;
                default -> Outcome.INVALID;
            };
        }
        var l = link.get();
        // Two accounts verifying the same address at once: one waits here for the other's commit, then sees it taken
        // (the unique index on lower(email) stays the last guard).
        jdbc.one("SELECT pg_advisory_xact_lock(hashtext(lower(?)))", row -> 1, l.email());
        if (takenByAnother(l.email(), l.userId())) {
            return Outcome.UNAVAILABLE;
        }
        jdbc.update("UPDATE users SET email = ?, email_verified_at = now() WHERE id = ?", l.email(), l.userId());
        jdbc.update("UPDATE email_verifications SET used_at = now() WHERE token_hash = ?", hash);
        supersedePending(l.userId());
        endResetLinks(l.userId());
        audit.record(account.login(), "user.email-changed", account.login(),
                EmailLinks.masked(account.email()) + " -> " + EmailLinks.masked(l.email()));
        if (account.email() != null && !account.email().equalsIgnoreCase(l.email())) {
            mails.changed(account.email(), Locale.forLanguageTag(l.language()), account.login(), l.email(), base);
        }
        return Outcome.VERIFIED;
    }

    /**
     * A password change or reset (issue 23, mail fix): whoever changed the password keeps control of where reset
     * links go — an address pending before stops waiting and open reset links end, in the same transaction.
     */
    void credentialsChanged(@Observes(during = TransactionPhase.IN_PROGRESS) CredentialsChanged change) {
        if (!change.passwordChanged()) {
            return; // a factor added, sign-ins ended: the password and where its reset links go are unchanged
        }
        supersedePending(change.user().id());
        endResetLinks(change.user().id());
    }

    /** Any address still waiting for its link stops waiting; the rows stay (counted by the hourly limit). */
    private void supersedePending(long userId) {
        jdbc.update("UPDATE email_verifications SET superseded_at = now() WHERE user_id = ? AND used_at IS NULL AND superseded_at IS NULL",
                userId);
    }

    /** Open password reset links of the account stop working. */
    private void endResetLinks(long userId) {
        jdbc.update("UPDATE password_resets SET used_at = now() WHERE user_id = ? AND used_at IS NULL", userId);
    }

    /** The state of a verification link and the address it would verify (for the page, before the confirmation). */
    public record LinkView(LinkState state, String email) {
    }

    public LinkView check(String secret) {
        String hash = EmailLinks.hashOf(secret);
        if (hash == null) {
            return new LinkView(LinkState.INVALID, null);
        }
        return jdbc.one("SELECT expires_at, used_at, email FROM email_verifications WHERE token_hash = ? AND superseded_at IS NULL",
                row -> new LinkView(LinkState.of(row.getObject(1, OffsetDateTime.class), row.getObject(2, OffsetDateTime.class)),
                        row.getString(3)), hash).orElse(new LinkView(LinkState.INVALID, null));
    }

    /** The account's verified address (null: none), its row locked for the change. */
    private String currentAddress(long userId) {
        return jdbc.one("SELECT email FROM users WHERE id = ? FOR UPDATE", row -> Optional.ofNullable(row.getString(1)), userId)
                .flatMap(email -> email).orElse(null);
    }

    /** Whether another account (active or not) has this address verified. */
    private boolean takenByAnother(String email, long userId) {
        return jdbc.count("SELECT count(*) FROM users WHERE lower(email) = lower(?) AND id <> ?", email, userId) > 0;
    }
}
