package org.jointchat.realtime;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/**
 * Once a second: closes the sockets whose token expired, and every ping interval (15 s by default) pings
 * all sockets and closes the silent ones, so a crashed client goes offline within the idle timeout.
 */
@Singleton
public class Heartbeat {

    @Inject
    ChatHub hub;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void everySecond() {
        hub.closeExpired();
        hub.heartbeatIfDue();
    }
}
