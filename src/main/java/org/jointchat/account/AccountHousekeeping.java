package org.jointchat.account;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Drops expired API and remember-me tokens and login failures that no longer count, hourly; unused socket tickets every minute. */
@Singleton
public class AccountHousekeeping {

    private static final Logger LOG = Logger.getLogger(AccountHousekeeping.class.getName());

    @Inject
    TokenService tokens;

    @Inject
    LoginThrottle throttle;

    @Inject
    RememberMeStore rememberMe;

    @Inject
    SocketTickets socketTickets;

    @Schedule(hour = "*", minute = "17", persistent = false)
    void purge() {
        int expiredTokens = tokens.purgeExpired() + rememberMe.purgeExpired();
        int oldFailures = throttle.purgeExpired();
        LOG.fine(() -> "Purged " + expiredTokens + " expired tokens and " + oldFailures + " old login failures");
    }

    /** Socket tickets nobody used (issue 24, handshake): they live 30 s, so a minute bounds what is held. */
    @Schedule(hour = "*", minute = "*", persistent = false)
    void forgetUnusedSocketTickets() {
        socketTickets.forgetExpired();
    }
}
