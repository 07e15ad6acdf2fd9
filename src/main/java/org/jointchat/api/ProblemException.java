package org.jointchat.api;

import java.time.Duration;

/** Ends a request with a problem document. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final transient Duration retryAfter;
    private final String detailKey;
    private final transient Object[] detailArguments;

    public ProblemException(ProblemType type) {
        this(type, (Duration) null);
    }

    public ProblemException(ProblemType type, Duration retryAfter) {
        super(type.uri());
        this.type = type;
        this.retryAfter = retryAfter;
        this.detailKey = null;
        this.detailArguments = new Object[0];
    }

    /** A problem whose detail is the localized message {@code detailKey} (with its arguments). */
    public ProblemException(ProblemType type, String detailKey, Object... detailArguments) {
        super(type.uri());
        this.type = type;
        this.retryAfter = null;
        this.detailKey = detailKey;
        this.detailArguments = detailArguments;
    }

    /** The message key of the detail, or null. */
    public String detailKey() {
        return detailKey;
    }

    public Object[] detailArguments() {
        return detailArguments;
    }

    public ProblemType type() {
        return type;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
