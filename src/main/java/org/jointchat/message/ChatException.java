package org.jointchat.message;

import java.time.Instant;
import java.util.Locale;
import org.jointchat.api.ProblemSource;
import org.jointchat.api.ProblemType;

/** A chat operation refused with a stable code; nothing was stored. */
public class ChatException extends RuntimeException implements ProblemSource {

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

    @Override
    public ProblemType problemType() {
        return switch (code) {
            case INVALID -> ProblemType.VALIDATION;
            case EMPTY -> ProblemType.EMPTY;
            case TOO_LONG -> ProblemType.TOO_LONG;
            case FORBIDDEN -> ProblemType.FORBIDDEN;
            case NOT_MEMBER -> ProblemType.NOT_MEMBER;
            case RATE_LIMITED -> ProblemType.RATE_LIMITED;
            case NOT_FOUND -> ProblemType.NOT_FOUND;
            case UNAVAILABLE -> ProblemType.UNAVAILABLE;
            case MUTED -> ProblemType.MUTED;
            case ARCHIVED -> ProblemType.ARCHIVED;
            case ANNOUNCEMENT_ONLY -> ProblemType.ANNOUNCEMENT_ONLY;
        };
    }

    /** The protocol's own (English) message, as the WebSocket error frame says it. */
    @Override
    public String problemDetail(Locale locale) {
        return getMessage();
    }

    @Override
    public Integer retryAfterSeconds() {
        return code == ChatError.UNAVAILABLE ? 5 : null;
    }
}
