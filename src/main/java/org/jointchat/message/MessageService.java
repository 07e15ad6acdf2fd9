package org.jointchat.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jointchat.account.Roles;
import org.jointchat.account.UserRef;
import org.jointchat.room.RoomService;

/**
 * Sending and reading messages, the same for WebSocket and REST: validate, check membership and rate,
 * then commit through the {@link MessageWriter}; the future completes only after the commit.
 */
@ApplicationScoped
public class MessageService {

    public static final int PAGE_MAX = 200;

    @Inject
    RoomService rooms;

    @Inject
    MessageWriter writer;

    @Inject
    MessageStore store;

    @Inject
    SendRateLimiter rateLimiter;

    @Inject
    Roles roles;

    /** Validates synchronously (throwing ChatException); the future carries the committed message. */
    public CompletableFuture<SendResult> send(UserRef author, long roomId, String text, String clientId) {
        return send(author, roomId, text, clientId, null, List.of());
    }

    /** A send that may answer a message of the room ({@code replyTo}) and carry the author's uploads to it. */
    public CompletableFuture<SendResult> send(UserRef author, long roomId, String text, String clientId, Long replyTo,
            List<Long> attachments) {
        return send(author, roomId, text, clientId, replyTo, attachments, null, false);
    }

    /**
     * A send that may also be a thread reply (issue 22, item 1): {@code thread} is the seq of the root or of another
     * reply of the thread, in the same room; {@code alsoToRoom} shows the reply in the room's main list too. The root
     * is checked in the writing transaction ({@link ThreadReplies}).
     */
    public CompletableFuture<SendResult> send(UserRef author, long roomId, String text, String clientId, Long replyTo,
            List<Long> attachments, Long thread, boolean alsoToRoom) {
        if (thread != null && thread < 1) {
            throw new ChatException(ChatError.INVALID, "thread must be the seq of a message");
        }
        String checkedClientId = MessageRules.checkedClientId(clientId);
        var checkedAttachments = MessageRules.checkedAttachments(attachments);
        String checkedText = MessageRules.checkedText(text, !checkedAttachments.isEmpty());
        if (replyTo != null && replyTo < 1) {
            throw new ChatException(ChatError.INVALID, "replyTo must be the seq of a message");
        }
        requireMember(author, roomId);
        if (!rateLimiter.tryAcquire(author.id())) {
            // Resends of stored messages cost no budget: clients resending their pending messages after an
            // outage are answered from the store instead of being slowed down.
            var stored = rateLimiter.tryAcquireLookup(author.id()) ? store.stored(author.id(), checkedClientId) : Optional.<ChatMessage>empty();
            if (stored.isPresent()) {
                return CompletableFuture.completedFuture(new SendResult(stored.get(), true));
            }
            throw new ChatException(ChatError.RATE_LIMITED, "too many messages; slow down");
        }
        return writer.submit(author, roomId, checkedText, checkedClientId, replyTo, checkedAttachments, thread, alsoToRoom).thenApply(result -> {
            if (result.duplicate()) {
                rateLimiter.refund(author.id());
            }
            return result;
        });
    }

    /**
     * Forwarding (issue 22, item 5): a message in {@code roomId} whose text is the forwarder's comment (may be empty)
     * and which carries {@code forwarded}, the original's snapshot, and shares {@code files} (ids of the original's
     * attachments). The rules of the original are {@code forward.ForwardService}'s; the room's are a send's.
     */
    public CompletableFuture<SendResult> forward(UserRef forwarder, long roomId, String comment, String clientId,
            ChatMessage.Forwarded forwarded, List<Long> files) {
        String checkedClientId = MessageRules.checkedClientId(clientId);
        String checkedText = MessageRules.checkedText(comment, true);
        requireMember(forwarder, roomId);
        if (!rateLimiter.tryAcquire(forwarder.id())) {
            throw new ChatException(ChatError.RATE_LIMITED, "too many messages; slow down");
        }
        return writer.submitForward(forwarder, roomId, checkedText, checkedClientId, forwarded, files).thenApply(result -> {
            if (result.duplicate()) {
                rateLimiter.refund(forwarder.id());
            }
            return result;
        });
    }

    /** The message as it is now, for a member of its room (NOT_FOUND for anyone else, and for no such message). */
    public ChatMessage readable(UserRef reader, long roomId, long seq) {
        if (rooms.access(roomId, reader.id()) != RoomService.Access.MEMBER || seq < 1) {
            throw new ChatException(ChatError.NOT_FOUND, "no such message");
        }
        return store.one(roomId, seq).orElseThrow(() -> new ChatException(ChatError.NOT_FOUND, "no such message"));
    }

    /** The author's new text for their message; the future carries the message as it is after the commit. */
    public CompletableFuture<ChatMessage> edit(UserRef editor, long roomId, long seq, String text) {
        String checkedText = MessageRules.checkedText(text);
        return change(editor, roomId, seq, MessageWriter.ChangeKind.EDIT, checkedText);
    }

    /**
     * Deletes a message (the author's own, or as the room's owner, a moderator or an administrator anyone's: the
     * tombstone then says a moderator removed it); it stays as a tombstone.
     */
    public CompletableFuture<ChatMessage> delete(UserRef deleter, long roomId, long seq) {
        return change(deleter, roomId, seq, MessageWriter.ChangeKind.DELETE, null);
    }

    /** Puts the caller's reaction of this kind on a message ({@code on} true), takes it off (false) or turns it over (null). */
    public CompletableFuture<ChatMessage> react(UserRef user, long roomId, long seq, String emoji, Boolean on) {
        String checkedEmoji = MessageRules.checkedEmoji(emoji);
        var kind = on == null ? MessageWriter.ChangeKind.REACT_TOGGLE : on ? MessageWriter.ChangeKind.REACT_ON : MessageWriter.ChangeKind.REACT_OFF;
        return change(user, roomId, seq, kind, checkedEmoji);
    }

    /**
     * Pins (issue 22, item 2) a message ({@code on} true) or unpins it: a change the room sees, with the room's next
     * version. Who may pin is pin.PinService's rule, checked before this.
     */
    public CompletableFuture<ChatMessage> pin(UserRef user, long roomId, long seq, boolean on) {
        return change(user, roomId, seq, on ? MessageWriter.ChangeKind.PIN : MessageWriter.ChangeKind.UNPIN, null);
    }

    /** Changes share the senders' rate limit: a flood of edits or reactions is a flood of frames to the room. */
    private CompletableFuture<ChatMessage> change(UserRef user, long roomId, long seq, MessageWriter.ChangeKind kind, String value) {
        if (seq < 1) {
            throw new ChatException(ChatError.NOT_FOUND, "no such message");
        }
        if (kind != MessageWriter.ChangeKind.DELETE || rooms.access(roomId, user.id()) == RoomService.Access.MEMBER
                || !roles.isAdmin(user.id())) {
            requireMember(user, roomId); // administrators remove messages in rooms they are not in (the writer decides)
        }
        if (!rateLimiter.tryAcquire(user.id())) {
            throw new ChatException(ChatError.RATE_LIMITED, "too many changes; slow down");
        }
        return writer.change(user, roomId, seq, kind, value);
    }

    /** Messages with seq ≤ upToSeq that changed after afterVersion, in version order, at most {@code limit}. */
    public List<ChatMessage> changedAfter(UserRef reader, long roomId, long upToSeq, long afterVersion, int limit) {
        requireMember(reader, roomId);
        return store.changedAfter(roomId, upToSeq, Math.max(0, afterVersion), clamp(limit));
    }

    /** The room's version now: every change up to it is committed. */
    public long roomVersion(UserRef reader, long roomId) {
        requireMember(reader, roomId);
        return store.roomVersion(roomId);
    }

    /** Messages with seq > afterSeq, ascending, at most {@code limit} (capped at {@value #PAGE_MAX}). */
    public List<ChatMessage> after(UserRef reader, long roomId, long afterSeq, int limit) {
        requireMember(reader, roomId);
        return store.after(roomId, Math.max(0, afterSeq), clamp(limit));
    }

    /** The newest messages with seq < beforeSeq (or the newest of all when beforeSeq is null), ascending. */
    public List<ChatMessage> before(UserRef reader, long roomId, Long beforeSeq, int limit) {
        requireMember(reader, roomId);
        return store.before(roomId, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, clamp(limit));
    }

    /** Passes for members; NOT_FOUND for rooms that do not exist or that the user may not know of. */
    public void requireMember(UserRef user, long roomId) {
        switch (rooms.access(roomId, user.id())) {
            case MEMBER -> { }
            case NOT_MEMBER -> throw new ChatException(ChatError.NOT_MEMBER, "you are not a member of this room");
            case NOT_FOUND -> throw new ChatException(ChatError.NOT_FOUND, "no such room");
        }
    }

    private static int clamp(int limit) {
        return Math.max(1, Math.min(PAGE_MAX, limit));
    }
}
