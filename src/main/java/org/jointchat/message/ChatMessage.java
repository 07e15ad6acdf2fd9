package org.jointchat.message;

import java.time.Instant;
import java.util.List;
import org.jointchat.attachment.AttachmentRef;

/**
 * A committed message as it is now: the room's sequence number is final and gap-free; {@code version} is
 * the room's version at its last change (new, edited, deleted, reacted to). A deleted message keeps its
 * seq and loses its text, mentions, reactions and attachments. {@code html} is the text as safe HTML
 * ({@link MessageMarkdown}), rendered before a new message reaches the single writer thread.
 */
public record ChatMessage(long id, long roomId, long seq, long version, String author, String authorName, String text,
        String html, Instant sentAt, String clientId, Instant editedAt, boolean deleted, Quote replyTo, List<String> mentions,
        List<Reaction> reactions, List<AttachmentRef> attachments, boolean removedByModerator, SystemEvent system,
        // Threads (issue 22, item 1): thread is the root's seq on a reply (null otherwise), alsoToRoom whether the reply
        // also shows in the room's main list; threadSummary is set on a root with replies (null otherwise).
        Long thread, boolean alsoToRoom, ThreadSummary threadSummary,
        // Pins (issue 22, item 2): who pinned it and when, null when not pinned.
        Pinned pinned,
        // Forwarding (issue 22, item 5): the original a forward carries (null otherwise).
        Forwarded forwarded) {

    /** A thread root's summary: how many replies, the last one's time, who took part (most recent first). */
    public record ThreadSummary(int replies, Instant lastReplyAt, List<Participant> participants) {
        /** The most participants a summary names. */
        public static final int PARTICIPANTS_SHOWN = 5;

        public ThreadSummary {
            participants = participants == null ? List.of() : List.copyOf(participants);
        }
    }

    /** Someone who replied in a thread. */
    public record Participant(String login, String displayName) {
    }

    /**
     * Forwarding (issue 22, item 5): the original a forwarded message carries, as it was when forwarded (null for a
     * message that is not a forward). {@code roomId}/{@code seq}, the link back, are null unless every member of the
     * forward's room can read the original (its room is public or general, or the same room).
     */
    public record Forwarded(String author, String authorName, Instant sentAt, String text, String html, Long roomId, Long seq) {
    }

    /** A message that is neither pinned nor a forward, with its thread fields. */
    public ChatMessage(long id, long roomId, long seq, long version, String author, String authorName, String text, String html,
            Instant sentAt, String clientId, Instant editedAt, boolean deleted, Quote replyTo, List<String> mentions,
            List<Reaction> reactions, List<AttachmentRef> attachments, boolean removedByModerator, SystemEvent system,
            Long thread, boolean alsoToRoom, ThreadSummary threadSummary) {
        this(id, roomId, seq, version, author, authorName, text, html, sentAt, clientId, editedAt, deleted, replyTo, mentions,
                reactions, attachments, removedByModerator, system, thread, alsoToRoom, threadSummary, null, null);
    }

    /** A message outside any thread (or before threads are read): the fields before threads. */
    public ChatMessage(long id, long roomId, long seq, long version, String author, String authorName, String text, String html,
            Instant sentAt, String clientId, Instant editedAt, boolean deleted, Quote replyTo, List<String> mentions,
            List<Reaction> reactions, List<AttachmentRef> attachments, boolean removedByModerator, SystemEvent system) {
        this(id, roomId, seq, version, author, authorName, text, html, sentAt, clientId, editedAt, deleted, replyTo, mentions,
                reactions, attachments, removedByModerator, system, null, false, null, null, null);
    }

    /**
     * What a system line says (null for what a person wrote): a membership or room change, stored as data and
     * rendered and translated by the page. The author is the actor.
     *
     * @param type joined, added, left, removed, banned, renamed, topic or owner ({@code room.SystemLines})
     * @param target whom it happened to (added, removed, banned, the new owner), or null
     * @param targetName the target's display name, or null
     * @param value the room's new name (renamed) or topic (topic; empty when cleared), or null
     */
    public record SystemEvent(String type, String target, String targetName, String value) {
    }

    /** The start of the message a reply answers. */
    public record Quote(long seq, String author, String authorName, String text, boolean deleted) {
        static final int TEXT_MAX = 200;
    }

    /** One kind of reaction: how many, and the first {@value #USERS_SHOWN} logins in the order they reacted. */
    public record Reaction(String emoji, int count, List<String> users) {
        static final int USERS_SHOWN = 20;
    }

    /** Pins (issue 22, item 2): who pinned the message and when; {@code by} is null when that account is gone. */
    public record Pinned(String by, String byName, Instant at) {
    }

    /** A message a person wrote. */
    public ChatMessage(long id, long roomId, long seq, long version, String author, String authorName, String text, String html,
            Instant sentAt, String clientId, Instant editedAt, boolean deleted, Quote replyTo, List<String> mentions,
            List<Reaction> reactions, List<AttachmentRef> attachments, boolean removedByModerator) {
        this(id, roomId, seq, version, author, authorName, text, html, sentAt, clientId, editedAt, deleted, replyTo, mentions,
                reactions, attachments, removedByModerator, (SystemEvent) null);
    }

    /** A system line: cannot be edited, deleted, replied to, reacted to or reported, and counts as nobody's unread. */
    public boolean isSystem() {
        return system != null;
    }

    /** A thread reply that stays out of the room's main list (and its unread count). */
    public boolean isThreadOnly() {
        return thread != null && !alsoToRoom;
    }

    public ChatMessage {
        mentions = mentions == null ? List.of() : mentions;
        reactions = reactions == null ? List.of() : reactions;
        attachments = attachments == null ? List.of() : attachments;
    }
}
