package org.jointchat.message;

import java.time.Instant;

/** A chat operation refused with a stable code; nothing was stored. */
public class ChatException extends RuntimeException {

    private final ChatError code;
    private final Instant until;

    public ChatException(ChatError code, String message) {
        this(code, message, null);
    }

    /** A refusal that ends at a known time ({@link ChatError#MUTED}: when the mute ends). */
    public ChatException(ChatError code, String message, Instant until) {
        super(message);
        this.code = code;
        this.until = until;
    }

    public ChatError code() {
        return code;
    }

    /** When the refusal ends, or null. */
    public Instant until() {
        return until;
    }
}
