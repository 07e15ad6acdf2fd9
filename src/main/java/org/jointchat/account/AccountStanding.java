package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jointchat.platform.Jdbc;

/**
 * The flags of an account that administration changes, written here because {@code users} is the account's table.
 * Each call joins the caller's transaction, where the action's audit entry is written too.
 */
@ApplicationScoped
public class AccountStanding {

    @Inject
    Jdbc jdbc;

    public void deactivate(long userId) {
        jdbc.update("UPDATE users SET deactivated_at = now() WHERE id = ?", userId);
    }

    public void reactivate(long userId) {
        jdbc.update("UPDATE users SET deactivated_at = NULL WHERE id = ?", userId);
    }

    /** A password only good for choosing a new one at the next sign-in. */
    public void setTemporaryPassword(long userId, String passwordHash) {
        jdbc.update("UPDATE users SET password_hash = ?, must_change_password = true WHERE id = ?", passwordHash, userId);
    }

    public void setAdmin(long userId, boolean admin) {
        jdbc.update("UPDATE users SET is_admin = ? WHERE id = ?", admin, userId);
    }

    /** Every session signed in before this ends on its next request (the mechanism compares the version). */
    public void endSignIns(long userId) {
        jdbc.update("UPDATE users SET credentials_version = credentials_version + 1 WHERE id = ?", userId);
    }
}
