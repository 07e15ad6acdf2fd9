package org.jointchat.thread;

import java.io.Serializable;

/**
 * A followed thread changed for one user: a reply came, or they read, followed or unfollowed it. Realtime sends it to
 * that user's own sockets as a {@code thread} frame (docs/protocol.md, "Threads"), so every tab agrees; fired outside
 * a transaction or inside one (then observers take it after the commit).
 *
 * @param login whose news it is
 * @param room the thread's room
 * @param root the root's seq
 * @param replies how many replies the thread has
 * @param unread replies after the user's read mark, not their own
 * @param lastReplyAt the last reply's time (ISO-8601), or null
 * @param following whether the user follows the thread now
 */
public record ThreadNews(String login, long room, long root, int replies, long unread, String lastReplyAt, boolean following)
        implements Serializable {
}
