package org.jointchat.realtime;

import java.util.List;
import org.jointchat.account.UserRef;
import org.jointchat.message.ChatMessage;
import org.jointchat.presence.Presence;
import org.jointchat.room.RoomChanged;

/**
 * Delivers what happened to the sockets that should see it. The one seam between the chat and the sockets:
 * those of this instance ({@link LocalFanout}) and, in a cluster, those of the others ({@link ClusteredFanout}).
 */
public interface Fanout {

    /** Committed messages, in commit order, to every connected member of their rooms. */
    void messagesCommitted(List<ChatMessage> messages);

    /** Messages edited, deleted or reacted to, in commit (version) order, to every connected member of their rooms. */
    void messagesChanged(List<ChatMessage> messages);

    /** A user came online or went offline, to the sockets that watch them (coalesced, at most a frame a second). */
    void presenceChanged(Presence now);

    /** Someone is typing in a room, to the room's other connected members. */
    void typing(long roomId, UserRef user);

    /** A committed room change: sockets start or stop receiving the room, its members are told. */
    void roomChanged(RoomChanged change);

    /** A user read a room up to seq: their other tabs and devices clear the unread count. */
    void readUpTo(String login, long roomId, long seq);

    /** A user's display name or status changed, to their own sockets and the sockets that watch them. */
    void profileChanged(UserRef user, String status);

    // ---- per-user frames (issue 22: drafts, item 6) ----

    /** A frame for one user only (their draft changed, ...): to every socket of theirs, on every instance. */
    void toUser(String login, String frame);
}
