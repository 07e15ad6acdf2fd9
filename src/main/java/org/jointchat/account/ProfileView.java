package org.jointchat.account;

import java.util.List;

/**
 * A user's profile page: who they are, whether they are here, and the rooms the viewer shares with them. The last four
 * are the status's emoji and expiry and do-not-disturb (issue 22, item 4); {@code status} reads "" once it expired.
 */
public record ProfileView(String login, String displayName, String about, String status, String joined,
        boolean online, String lastSeen, List<SharedRoom> sharedRooms,
        String statusEmoji, String statusExpiresAt, boolean dnd, String dndUntil) {

    public record SharedRoom(long id, String name, String kind) {
    }
}
