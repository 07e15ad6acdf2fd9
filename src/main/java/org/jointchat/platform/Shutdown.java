package org.jointchat.platform;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the application has begun to stop. From then on it takes no new sockets, readiness says DOWN
 * (a load balancer sends nobody new), and what was already accepted is finished before sockets close.
 */
@ApplicationScoped
public class Shutdown {

    private volatile boolean begun;

    public void begin() {
        begun = true;
    }

    public boolean hasBegun() {
        return begun;
    }
}
