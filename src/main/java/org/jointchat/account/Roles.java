package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jointchat.platform.Jdbc;

/**
 * The system administrator role. Read from the database on every question (administration and moderation are
 * rare; a cache would have to follow grants made on other instances and from the machine's command line).
 */
@ApplicationScoped
public class Roles {

    @Inject
    Jdbc jdbc;

    public boolean isAdmin(long userId) {
        return jdbc.one("SELECT is_admin FROM users WHERE id = ? AND deactivated_at IS NULL", row -> row.getBoolean(1), userId)
                .orElse(false);
    }

    public boolean isAdmin(String login) {
        return login != null && jdbc.one("SELECT is_admin FROM users WHERE login = ? AND deactivated_at IS NULL",
                row -> row.getBoolean(1), Registration.normalizeLogin(login)).orElse(false);
    }
}
