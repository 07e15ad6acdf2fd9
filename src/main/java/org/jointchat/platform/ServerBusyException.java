package org.jointchat.platform;

import java.time.Duration;

/** A bounded pool of costly work (password hashing) is full: answered 503 with Retry-After. */
public class ServerBusyException extends RuntimeException {

    private final transient Duration retryAfter;

    public ServerBusyException(String what, Duration retryAfter) {
        super(what);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
