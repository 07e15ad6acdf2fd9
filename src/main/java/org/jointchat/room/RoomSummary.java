package org.jointchat.room;

/** A room as its members' room lists show it. */
public record RoomSummary(long id, String name, String kind, String topic, long lastSeq) {
}
