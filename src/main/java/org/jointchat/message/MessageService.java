package org.jointchat.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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

    /** Validates synchronously (throwing ChatException); the future carries the committed message. */
    public CompletableFuture<SendResult> send(UserRef author, long roomId, String text, String clientId) {
        String checkedClientId = MessageRules.checkedClientId(clientId);
        String checkedText = MessageRules.checkedText(text);
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
        return writer.submit(author, roomId, checkedText, checkedClientId).thenApply(result -> {
            if (result.duplicate()) {
                rateLimiter.refund(author.id());
            }
            return result;
        });
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
