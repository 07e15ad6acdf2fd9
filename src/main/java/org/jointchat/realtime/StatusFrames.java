package org.jointchat.realtime;

import java.time.Instant;
import org.jointchat.account.UserRef;
import org.jointchat.presence.Presence;
import org.jointchat.status.UserStatus;

/**
 * Status and do-not-disturb (issue 22, item 4) in the frames that describe a user: the {@code presence} frame's
 * entries and the {@code profile} frame carry {@code status}, {@code statusEmoji}, {@code statusExpiresAt},
 * {@code dnd} and {@code dndUntil} (docs/protocol.md).
 */
final class StatusFrames {

    private StatusFrames() {
    }

    /** A presence entry ({@link Frames#presenceEntry}) with the user's status as it reads now. */
    static String presenceEntry(Presence p, UserStatus s) {
        String entry = Frames.presenceEntry(p);
        var json = new StringBuilder(entry.length() + 96).append(entry, 0, entry.length() - 1);
        return fields(json, s).append('}').toString();
    }

    /** The {@code profile} frame: display name and status; {@code text} is the status text as just stored. */
    static String profile(UserRef user, UserStatus s) {
        var json = new StringBuilder(160).append("{\"type\":\"profile\",\"user\":{\"login\":");
        Frames.quote(json, user.login()).append(",\"displayName\":");
        Frames.quote(json, user.displayName());
        return fields(json, s).append("}}").toString();
    }

    private static StringBuilder fields(StringBuilder json, UserStatus s) {
        json.append(",\"status\":");
        Frames.quote(json, s.text()).append(",\"statusEmoji\":");
        Frames.quote(json, s.emoji()).append(",\"statusExpiresAt\":");
        time(json, s.expiresAt()).append(",\"dnd\":").append(s.dnd()).append(",\"dndUntil\":");
        return time(json, s.dndUntil());
    }

    private static StringBuilder time(StringBuilder json, Instant t) {
        return t == null ? json.append("null") : Frames.quote(json, Frames.time(t));
    }
}
