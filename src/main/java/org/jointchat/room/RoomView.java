package org.jointchat.room;

import java.io.Serializable;
import java.util.List;

/**
 * A room as clients see it. {@code lastReadSeq}, {@code unread} and {@code mentions} (unread messages that
 * mention the viewer) are the viewer's own (absent where
 * no single viewer is meant); {@code members} is filled for direct-message rooms (the pair) and room
 * details (up to a page of members).
 */
public record RoomView(long id, String name, String kind, String topic, String owner, long lastSeq,
        Long memberCount, Long lastReadSeq, Long unread, Long mentions, List<Member> members) implements Serializable {

    /** A member as a room shows it. */
    public record Member(String login, String displayName, boolean owner) implements Serializable {
    }

    RoomView withMembers(long count, List<Member> list) {
        return new RoomView(id, name, kind, topic, owner, lastSeq, count, lastReadSeq, unread, mentions, list);
    }
}
