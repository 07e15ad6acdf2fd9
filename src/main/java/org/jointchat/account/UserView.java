package org.jointchat.account;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The public face of a user, as every API answer shows it. {@code online} and {@code lastSeen} are
 * present where presence is known (user look-ups), absent on registration.
 */
public record UserView(String login, String displayName, Boolean online, String lastSeen) {

    public static UserView of(User user) {
        return new UserView(user.getLogin(), user.getDisplayName(), null, null);
    }

    public static UserView withPresence(User user, boolean online) {
        var lastSeen = user.getLastSeenAt() == null ? null
                : DateTimeFormatter.ISO_INSTANT.format(user.getLastSeenAt().toInstant().truncatedTo(ChronoUnit.MILLIS));
        return new UserView(user.getLogin(), user.getDisplayName(), online, lastSeen);
    }
}
