package org.jointchat.api;

import java.time.Duration;

/** Ends a request with a problem document. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final transient Duration retryAfter;

    public ProblemException(ProblemType type) {
        this(type, null);
    }

    public ProblemException(ProblemType type, Duration retryAfter) {
        super(type.uri());
        this.type = type;
        this.retryAfter = retryAfter;
    }

    public ProblemType type() {
        return type;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
