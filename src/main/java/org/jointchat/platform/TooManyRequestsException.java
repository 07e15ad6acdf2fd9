package org.jointchat.platform;

import java.time.Duration;

/** A client (by its address) went beyond a rate limit: answered 429 with Retry-After. */
public class TooManyRequestsException extends RuntimeException {

    private final transient Duration retryAfter;

    public TooManyRequestsException(String what, Duration retryAfter) {
        super(what);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
