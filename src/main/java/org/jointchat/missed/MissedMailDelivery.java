package org.jointchat.missed;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jointchat.mail.Mailer;
import org.jointchat.mail.OutgoingMail;
import org.jointchat.platform.Database;

/**
 * Mails one due user per call, in a JTA transaction of its own: claim the user's row (skipping users another
 * sweep holds), read their due messages, issue the unsubscribe token(s), move their mark past what the mail
 * tells, and write the mail into the outbox ({@link Mailer#sendDurably}) in the same transaction: it exists exactly
 * when the mark moved, and is retried for hours (across restarts) until the SMTP server took it. A rollback (the
 * database failed) sends nothing and leaves the mark where it was; the next sweep tries again.
 */
@ApplicationScoped
public class MissedMailDelivery {

    private static final Logger LOG = Logger.getLogger(MissedMailDelivery.class.getName());
    /** Due messages one digest takes at most (the rest go in the next one). */
    static final int DIGEST_LIMIT = 200;
    /** Mails of the "each" mode per user and sweep (the rest in the next sweeps). */
    static final int EACH_LIMIT = 10;
    /** How long a user whose mail could not be written waits. */
    static final Duration SET_ASIDE = Duration.ofMinutes(10);
    /** {@link #mailNext}'s answer when nobody is due. */
    static final long NOBODY = -1;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    Mailer mailer;

    /**
     * Mails the next due user after {@code afterUserId}; answers that user's id, or {@link #NOBODY} when nobody after
     * it (not held by another sweep) is due.
     */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = SQLException.class)
    public long mailNext(MissedMail mails, Instant now, Instant cutoff, long afterUserId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            var claimed = MissedMessageClaims.claimDue(c, now, cutoff, afterUserId, 1);
            if (claimed.isEmpty()) {
                return NOBODY;
            }
            var to = claimed.get(0);
            boolean digest = to.mode() == EmailNotificationMode.DIGEST;
            // The oldest due message starts a digest, which then takes everything unread so far: one mail, not one
            // per delay-sized slice. "Each" mails only the messages that are due themselves.
            List<MissedMessage> due = MissedMessageClaims.dueFor(c, to.userId(), now, digest ? now : cutoff,
                    digest ? DIGEST_LIMIT : EACH_LIMIT);
            if (due.isEmpty()) {
                return to.userId(); // read between the claim's check and now
            }
            var outgoing = new ArrayList<OutgoingMail>();
            try {
                if (digest) {
                    outgoing.add(mails.digest(to, due, UnsubscribeTokens.issue(c, to.userId())));
                } else {
                    for (var m : due) {
                        outgoing.add(mails.single(to, m, UnsubscribeTokens.issue(c, to.userId())));
                    }
                }
            } catch (RuntimeException e) {
                // A mail that cannot be written (bad data, a bug): this user waits, the others are not held up.
                LOG.log(Level.WARNING, "Missed-message e-mail for user " + to.userId() + " could not be written; next try in "
                        + SET_ASIDE.toMinutes() + " minutes", e);
                try (var clear = c.prepareStatement("DELETE FROM email_unsubscribe_tokens WHERE user_id = ? AND created_at = now()")) {
                    clear.setLong(1, to.userId());
                    clear.executeUpdate();
                }
                MissedMessageClaims.retryAfter(c, to.userId(), now.plus(SET_ASIDE));
                return to.userId();
            }
            MissedMessageClaims.markNotified(c, to.userId(), due.get(due.size() - 1));
            for (var mail : outgoing) {
                mailer.sendDurably(c, mail); // in this transaction's outbox: sent after the commit, kept until the SMTP server took it
            }
            LOG.fine(() -> "Missed-message e-mail for user " + to.userId() + ": " + due.size() + " message(s), " + to.mode().wire());
            return to.userId();
        }
    }

    /** Rows for users with a verified address and none yet; old unsubscribe tokens forgotten. */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = SQLException.class)
    public void housekeeping(boolean purgeTokens) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            MissedMessageClaims.addMissingRows(c);
            if (purgeTokens) {
                try (var delete = c.prepareStatement("DELETE FROM email_unsubscribe_tokens WHERE created_at < now() - INTERVAL '180 days'")) {
                    delete.executeUpdate();
                }
            }
        }
    }
}
