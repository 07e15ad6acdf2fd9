package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jointchat.platform.Jdbc;

/**
 * Reads and writes {@code users.share_read_receipts} (issue 22, read receipts), a column of the account's table, for
 * the receipts feature: whether a user shares their read marks ("Seen by …") and so sees others' (on by default).
 */
@ApplicationScoped
public class ReadReceiptSharing {

    @Inject
    Jdbc jdbc;

    /** Whether the user shares read receipts; true for an unknown id (the column's default). */
    public boolean shares(long userId) {
        return jdbc.one("SELECT share_read_receipts FROM users WHERE id = ?", row -> row.getBoolean(1), userId).orElse(true);
    }

    /** Turns sharing on or off for the user. */
    public void setShares(long userId, boolean share) {
        jdbc.update("UPDATE users SET share_read_receipts = ? WHERE id = ?", share, userId);
    }
}
