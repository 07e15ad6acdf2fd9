/**
 * Rooms, memberships, direct rooms, read marks and moderation. {@link org.jointchat.room.RoomService} holds the rules
 * and the per-room caches; {@code RoomStanding} and {@code RoomSequence} are the message writer's way into the
 * tables this package owns. Fires {@code RoomChanged} and {@code ReadMarked} after commit.
 */
package org.jointchat.room;
