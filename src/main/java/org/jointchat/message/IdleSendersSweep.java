package org.jointchat.message;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/** Drops the rate-limit windows of senders who have been quiet, every five minutes. */
@Singleton
public class IdleSendersSweep {

    @Inject
    SendRateLimiter rateLimiter;

    @Schedule(hour = "*", minute = "*/5", persistent = false)
    void forgetIdleSenders() {
        rateLimiter.forgetIdle();
    }
}
