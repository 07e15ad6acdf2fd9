package org.jointchat.missed;

import java.time.Instant;

/** A direct message or a mention still unread, as a mail tells of it. {@code roomName} is null for direct rooms. */
public record MissedMessage(long id, long roomId, boolean direct, String roomName, long seq, Long threadSeq, Instant sentAt,
        String authorLogin, String authorName, String text, boolean mention) {
}
