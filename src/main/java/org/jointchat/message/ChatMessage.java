package org.jointchat.message;

import java.time.Instant;

/** A committed message: the room's sequence number is final and gap-free. */
public record ChatMessage(long id, long roomId, long seq, String author, String authorName, String text,
        Instant sentAt, String clientId) {
}
