package org.jointchat.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.jointchat.account.AccountService;
import org.jointchat.account.SocketTickets;
import org.jointchat.platform.Cluster;
import org.junit.jupiter.api.Test;

/** The rules of one-use socket tickets, without a server: once, until they expire, while their credential holds. */
class SocketTicketsTest {

    private int version = 1;

    private SocketTickets tickets(Duration ttl) {
        var tickets = new SocketTickets();
        tickets.configure(ttl, new AccountService() {
            @Override
            public int credentialsVersion(String login) {
                return version;
            }
        }, null, new Cluster());
        return tickets;
    }

    @Test
    void aTicketIsRedeemedOnceForItsSession() {
        var tickets = tickets(Duration.ofSeconds(30));
        String ticket = tickets.issue("ann", null, "session-key").ticket();
        var redeemed = tickets.redeem(ticket).orElseThrow();
        assertEquals("ann", redeemed.login());
        assertEquals("session-key", redeemed.sessionKey());
        assertTrue(tickets.redeem(ticket).isEmpty(), "used already");
        assertTrue(tickets.redeem("not-a-ticket").isEmpty(), "never issued");
        assertTrue(tickets.redeem(null).isEmpty(), "no ticket");
    }

    @Test
    void anExpiredTicketOpensNothing() throws InterruptedException {
        var tickets = tickets(Duration.ofMillis(1));
        String ticket = tickets.issue("ann", null, "session-key").ticket();
        Thread.sleep(20);
        assertTrue(tickets.redeem(ticket).isEmpty());
    }

    @Test
    void aTicketOfAnEndedSessionOrChangedPasswordOpensNothing() {
        var tickets = tickets(Duration.ofSeconds(30));
        String signedOut = tickets.issue("ann", null, "ended-session").ticket();
        tickets.sessionEnded("ended-session");
        assertTrue(tickets.redeem(signedOut).isEmpty(), "signed out since");
        String beforeChange = tickets.issue("ann", null, "other-session").ticket();
        version = 2;
        assertTrue(tickets.redeem(beforeChange).isEmpty(), "password changed since");
    }
}
