package org.jointchat.presence;

/**
 * A user came online (first socket anywhere on this instance) or went offline (last socket closed and
 * none opened within the grace period). Fired synchronously, in order per user; observers only queue.
 */
public record PresenceChanged(Presence now) {
}
