package org.jointchat.missed;

import java.util.Locale;
import java.util.Optional;

/** What a user wants to hear by e-mail of direct messages and mentions left unread. */
public enum EmailNotificationMode {
    /** Nothing. */
    NEVER,
    /** One mail with everything that became due since the last one (the default). */
    DIGEST,
    /** One mail per message. */
    EACH;

    /** As written in the API and the database: {@code never}, {@code digest}, {@code each}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EmailNotificationMode> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (var mode : values()) {
            if (mode.wire().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
