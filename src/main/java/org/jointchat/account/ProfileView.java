package org.jointchat.account;

import java.util.List;

/** A user's profile page: who they are, whether they are here, and the rooms the viewer shares with them. */
public record ProfileView(String login, String displayName, String about, String status, String joined,
        boolean online, String lastSeen, List<SharedRoom> sharedRooms) {

    public record SharedRoom(long id, String name, String kind) {
    }
}
