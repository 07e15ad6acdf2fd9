package org.jointchat.platform;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.jointchat.account.LoginThrottle;
import org.jointchat.account.RememberMeStore;
import org.jointchat.account.TokenService;
import org.jointchat.message.SendRateLimiter;

/** Drops expired tokens, login failures that no longer count, and idle rate-limit windows. */
@Singleton
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    @Inject
    TokenService tokens;

    @Inject
    LoginThrottle throttle;

    @Inject
    RememberMeStore rememberMe;

    @Inject
    SendRateLimiter rateLimiter;

    @Schedule(hour = "*", minute = "*/5", persistent = false)
    void forgetIdleSenders() {
        rateLimiter.forgetIdle();
    }

    @Schedule(hour = "*", minute = "17", persistent = false)
    void purge() {
        int expiredTokens = tokens.purgeExpired() + rememberMe.purgeExpired();
        int oldFailures = throttle.purgeExpired();
        LOG.fine(() -> "Purged " + expiredTokens + " expired tokens and " + oldFailures + " old login failures");
    }
}
