package org.jointchat.room;

/**
 * A user marked a room read up to {@code seq} (fired synchronously once the mark is stored): the realtime side
 * tells the user's other tabs and devices, which clear their unread count.
 */
public record ReadMarked(String login, long roomId, long seq) {
}
