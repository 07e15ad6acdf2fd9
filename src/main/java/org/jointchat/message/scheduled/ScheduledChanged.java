package org.jointchat.message.scheduled;

import java.io.Serializable;

/**
 * One of a user's scheduled messages was scheduled, changed, sent, failed or cancelled: their sockets are told
 * (realtime observes it, {@code @Observes(during = AFTER_SUCCESS)}; fired after the commit, outside a JTA transaction).
 *
 * @param login the author
 * @param message the scheduled message as it is now (as it was, when cancelled)
 * @param state pending, sent, failed or cancelled
 */
public record ScheduledChanged(String login, ScheduledMessage message, String state) implements Serializable {

    /** The {@code scheduled} frame (docs/protocol.md, "Scheduled messages"). */
    public String frame() {
        return message.json().add("type", "scheduled").add("state", state).build().toString();
    }
}
