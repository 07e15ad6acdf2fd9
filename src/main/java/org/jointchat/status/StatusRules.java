package org.jointchat.status;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import org.jointchat.account.AccountService;
import org.jointchat.account.FieldError;
import org.jointchat.account.InvalidInputException;
import org.jointchat.platform.VisibleText;

/** What a status may be: the text rules of statuses, one emoji, times in the future and at most 30 days ahead. */
public final class StatusRules {

    /** How far ahead an expiry or the end of do-not-disturb may be. */
    public static final Duration MAX_AHEAD = Duration.ofDays(30);

    private StatusRules() {
    }

    /**
     * The status asked for, checked at {@code now}; every broken rule is reported at once, by field
     * ({@code text}, {@code emoji}, {@code expiresAt}, {@code dndUntil}), and nothing is returned.
     */
    public static UserStatus check(String text, String emoji, String expiresAt, String dndUntil, Instant now) {
        var errors = new ArrayList<FieldError>();
        String t = text == null ? "" : text.strip();
        if (t.codePointCount(0, t.length()) > AccountService.STATUS_MAX) {
            errors.add(new FieldError("text", "profile.status.tooLong"));
        } else if (VisibleText.hasHiddenCharacters(t, false)) {
            errors.add(new FieldError("text", "profile.status.invalid"));
        }
        String e = emoji == null ? "" : emoji.strip();
        if (!e.isEmpty() && !EmojiGrapheme.isOne(e)) {
            errors.add(new FieldError("emoji", "status.emoji.invalid"));
        }
        Instant expires = time("expiresAt", expiresAt, now, errors);
        Instant dnd = time("dndUntil", dndUntil, now, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new UserStatus(t, e, expires, dnd);
    }

    /** An ISO-8601 instant (or date-time with offset) after now and within {@link #MAX_AHEAD}; null stays null. */
    private static Instant time(String field, String value, Instant now, ArrayList<FieldError> errors) {
        if (value == null) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "status.time.invalid"));
            return null;
        }
        if (!at.isAfter(now)) {
            errors.add(new FieldError(field, "status.time.past"));
        } else if (at.isAfter(now.plus(MAX_AHEAD))) {
            errors.add(new FieldError(field, "status.time.tooFar"));
        }
        return at;
    }
}
