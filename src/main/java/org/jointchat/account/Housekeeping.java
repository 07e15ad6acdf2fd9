package org.jointchat.account;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Drops expired tokens and login failures that no longer count. */
@Singleton
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    @Inject
    TokenService tokens;

    @Inject
    LoginThrottle throttle;

    @Schedule(hour = "*", minute = "17", persistent = false)
    void purge() {
        int expiredTokens = tokens.purgeExpired();
        int oldFailures = throttle.purgeExpired();
        LOG.fine(() -> "Purged " + expiredTokens + " expired tokens and " + oldFailures + " old login failures");
    }
}
