package org.jointchat.realtime;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/** Every 15 s: ping all sockets and close the silent ones, so a crashed client goes offline within a minute. */
@Singleton
public class Heartbeat {

    @Inject
    ChatHub hub;

    @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false)
    void beat() {
        hub.heartbeat();
    }

    /** Sockets whose token expired are closed within a second. */
    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void expire() {
        hub.closeExpired();
    }
}
