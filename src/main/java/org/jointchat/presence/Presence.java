package org.jointchat.presence;

import java.time.Instant;
import org.jointchat.account.UserRef;

/** Whether a user is online now, or when they were last seen (null: never, or not recorded). */
public record Presence(UserRef user, boolean online, Instant lastSeen) {
}
