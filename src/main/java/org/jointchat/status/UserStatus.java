package org.jointchat.status;

import java.io.Serializable;
import java.time.Instant;

/**
 * A user's status (text and emoji, until {@code expiresAt} or, when null, until changed) and do-not-disturb (on
 * until {@code dndUntil}; null: off). What runs out reads as none: {@link #at} is what everyone is shown.
 */
public record UserStatus(String text, String emoji, Instant expiresAt, Instant dndUntil) implements Serializable {

    public static final UserStatus NONE = new UserStatus("", "", null, null);

    public UserStatus {
        text = text == null ? "" : text;
        emoji = emoji == null ? "" : emoji;
        if (text.isEmpty() && emoji.isEmpty()) {
            expiresAt = null; // nothing to expire
        }
    }

    /** The status as it reads at {@code now}: an expired status and an ended do-not-disturb are none. */
    public UserStatus at(Instant now) {
        boolean statusOver = expiresAt != null && !expiresAt.isAfter(now);
        boolean dndOver = dndUntil != null && !dndUntil.isAfter(now);
        if (!statusOver && !dndOver) {
            return this;
        }
        return new UserStatus(statusOver ? "" : text, statusOver ? "" : emoji, statusOver ? null : expiresAt,
                dndOver ? null : dndUntil);
    }

    /** Do-not-disturb is on (read it from {@link #at}). */
    public boolean dnd() {
        return dndUntil != null;
    }

    public boolean isNone() {
        return text.isEmpty() && emoji.isEmpty() && dndUntil == null;
    }

    /** The same status with another text (a profile change sets only the text). */
    public UserStatus withText(String newText) {
        return new UserStatus(newText, emoji, expiresAt, dndUntil);
    }

    /** When something of it runs out next (null: nothing does). */
    public Instant nextRunOut() {
        if (expiresAt == null) {
            return dndUntil;
        }
        return dndUntil == null || expiresAt.isBefore(dndUntil) ? expiresAt : dndUntil;
    }
}
