package org.jointchat.attachment;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jointchat.platform.DatabaseException;

/** Once an hour, deletes the uploads that no message carried within a day. */
@Singleton
public class UnclaimedUploads {

    private static final Logger LOG = Logger.getLogger(UnclaimedUploads.class.getName());

    @Inject
    AttachmentService attachments;

    /** Outside a transaction: each batch of deletions commits on its own and holds its locks briefly. */
    @Schedule(hour = "*", minute = "23", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void purge() {
        try {
            int purged = attachments.purgeUnclaimed();
            LOG.fine(() -> "Purged " + purged + " unclaimed uploads");
        } catch (DatabaseException e) {
            LOG.log(Level.WARNING, "Could not purge unclaimed uploads; next hour again", e);
        }
    }
}
