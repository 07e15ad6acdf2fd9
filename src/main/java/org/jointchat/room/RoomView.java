package org.jointchat.room;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A room as clients see it. {@code lastReadSeq}, {@code unread} and {@code mentions} (unread messages that
 * mention the viewer) are the viewer's own (absent where
 * no single viewer is meant); {@code members} is filled for direct-message rooms (the pair) and room
 * details (up to a page of members).
 * <p>
 * Moderation: {@code announcement} (only the owner, moderators and administrators post), {@code archived}
 * (read-only for everyone) and {@code moderators} (logins) are the room's; {@code mutedUntil} (when the viewer's
 * mute ends), {@code canModerate} and {@code canPost} are the viewer's own, absent where no single viewer is meant.
 */
public record RoomView(long id, String name, String kind, String topic, String owner, long lastSeq,
        Long memberCount, Long lastReadSeq, Long unread, Long mentions, List<Member> members,
        Boolean announcement, Boolean archived, List<String> moderators, Instant mutedUntil, Boolean canModerate,
        Boolean canPost) implements Serializable {

    /** A member as a room shows it. */
    public record Member(String login, String displayName, boolean owner) implements Serializable {
    }

    /** A room without moderation fields (they are added by {@link #withModeration}); one constructor, for JSON-B. */
    static RoomView of(long id, String name, String kind, String topic, String owner, long lastSeq, Long memberCount,
            Long lastReadSeq, Long unread, Long mentions, List<Member> members) {
        return new RoomView(id, name, kind, topic, owner, lastSeq, memberCount, lastReadSeq, unread, mentions, members, null, null, null,
                null, null, null);
    }

    RoomView withMembers(long count, List<Member> list) {
        return new RoomView(id, name, kind, topic, owner, lastSeq, count, lastReadSeq, unread, mentions, list, announcement,
                archived, moderators, mutedUntil, canModerate, canPost);
    }

    RoomView withModeration(boolean announcementRoom, boolean archivedRoom, List<String> moderatorLogins) {
        return new RoomView(id, name, kind, topic, owner, lastSeq, memberCount, lastReadSeq, unread, mentions, members,
                announcementRoom, archivedRoom, moderatorLogins, mutedUntil, canModerate, canPost);
    }

    /** The room as a muted member is told about it: when their mute ends. */
    RoomView withMute(Instant until) {
        return new RoomView(id, name, kind, topic, owner, lastSeq, memberCount, lastReadSeq, unread, mentions, members,
                announcement, archived, moderators, until, canModerate, false);
    }

    /** The viewer's own standing: when their mute ends (null: not muted) and whether they moderate the room. */
    RoomView forViewer(Instant viewerMutedUntil, boolean viewerModerates) {
        boolean posts = !Boolean.TRUE.equals(archived) && viewerMutedUntil == null
                && (!Boolean.TRUE.equals(announcement) || viewerModerates);
        return new RoomView(id, name, kind, topic, owner, lastSeq, memberCount, lastReadSeq, unread, mentions, members,
                announcement, archived, moderators, viewerMutedUntil, viewerModerates, posts);
    }
}
