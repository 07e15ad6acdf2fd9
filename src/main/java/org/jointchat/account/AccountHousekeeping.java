package org.jointchat.account;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Drops expired API and remember-me tokens and login failures that no longer count, hourly. */
@Singleton
public class AccountHousekeeping {

    private static final Logger LOG = Logger.getLogger(AccountHousekeeping.class.getName());

    @Inject
    TokenService tokens;

    @Inject
    LoginThrottle throttle;

    @Inject
    RememberMeStore rememberMe;

    @Schedule(hour = "*", minute = "17", persistent = false)
    void purge() {
        int expiredTokens = tokens.purgeExpired() + rememberMe.purgeExpired();
        int oldFailures = throttle.purgeExpired();
        LOG.fine(() -> "Purged " + expiredTokens + " expired tokens and " + oldFailures + " old login failures");
    }
}
