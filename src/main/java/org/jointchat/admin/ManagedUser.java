package org.jointchat.admin;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** A user as the administration pages and API list them. */
public record ManagedUser(String login, String displayName, boolean admin, OffsetDateTime deactivatedAt,
        boolean mustChangePassword, OffsetDateTime createdAt, OffsetDateTime lastSeenAt) implements Serializable {

    public boolean isDeactivated() {
        return deactivatedAt != null;
    }
}
