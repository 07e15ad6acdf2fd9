package org.jointchat.forward;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jointchat.account.UserRef;
import org.jointchat.attachment.AttachmentRef;
import org.jointchat.message.ChatError;
import org.jointchat.message.ChatException;
import org.jointchat.message.ChatMessage;
import org.jointchat.message.MessageService;
import org.jointchat.message.SendResult;
import org.jointchat.room.RoomService;
import org.jointchat.room.RoomView;

/**
 * The rules of forwarding a message:
 * <ul>
 * <li>the forwarder reads the original: a member of its room (anyone else: NOT_FOUND, as for no such message);
 *     a deleted message is not there (NOT_FOUND), a system line is nobody's words (FORBIDDEN);</li>
 * <li>the new message is a send to the target room by the forwarder, under every rule of a send there (member, not
 *     muted, not archived, announcement rooms) — checked by the message writer in its transaction;</li>
 * <li>the link back (room, seq) is stored only when every member of the target room can read the original: its room
 *     is public or general, or it is the target room itself. Otherwise the forward carries author, time and text
 *     only. Decided once, when forwarding (docs/api.md, "Forwarding");</li>
 * <li>the original's files go along (shared, not copied): the forwarder may read them, being a member of its room;</li>
 * <li>a forward of a forward without a comment forwards the same original (its author, not the middle one's).</li>
 * </ul>
 */
@ApplicationScoped
public class ForwardService {

    @Inject
    MessageService messages;

    @Inject
    RoomService rooms;

    /** Sends the forward; the future carries the committed message (the ack). {@code clientId} may be null. */
    public CompletableFuture<SendResult> forward(UserRef forwarder, long fromRoom, long seq, Long toRoom, String comment,
            String clientId) {
        if (toRoom == null || toRoom < 1) {
            throw new ChatException(ChatError.INVALID, "to must be the id of a room you are in");
        }
        var original = messages.readable(forwarder, fromRoom, seq);
        if (original.isSystem()) {
            throw new ChatException(ChatError.FORBIDDEN, "a system line cannot be forwarded");
        }
        if (original.deleted()) {
            throw new ChatException(ChatError.NOT_FOUND, "no such message");
        }
        var snapshot = snapshotOf(original, toRoom);
        var files = original.attachments().stream().map(AttachmentRef::id).toList();
        String id = clientId == null ? "fwd-" + UUID.randomUUID() : clientId;
        return messages.forward(forwarder, toRoom, comment == null ? "" : comment, id, snapshot, files);
    }

    /** What the forward carries of the original (of the first original, for a bare forward of a forward). */
    private ChatMessage.Forwarded snapshotOf(ChatMessage original, long toRoom) {
        var inner = original.forwarded();
        if (inner != null && original.text().isEmpty()) {
            boolean link = inner.roomId() != null && everyoneThereReads(inner.roomId(), toRoom);
            return new ChatMessage.Forwarded(inner.author(), inner.authorName(), inner.sentAt(), inner.text(), inner.html(),
                    link ? inner.roomId() : null, link ? inner.seq() : null);
        }
        boolean link = everyoneThereReads(original.roomId(), toRoom);
        return new ChatMessage.Forwarded(original.author(), original.authorName(), original.sentAt(), original.text(),
                original.html(), link ? original.roomId() : null, link ? original.seq() : null);
    }

    /** Whether every member of {@code toRoom} may read the messages of {@code roomId}. */
    private boolean everyoneThereReads(long roomId, long toRoom) {
        if (roomId == toRoom) {
            return true;
        }
        String kind = rooms.find(roomId).map(RoomView::kind).orElse(null);
        return "public".equals(kind) || "global".equals(kind);
    }

}
