package org.jointchat.realtime;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.jointchat.platform.AuthenticationState;

/**
 * A browser session that ends (sign-out, expiry) ends the sockets it opened, at once (close 1008), on whichever
 * instance they are. Sessions
 * that the server drops because it is stopping are not ended by anyone: their sockets get the graceful
 * 1012 ({@link ChatHub}) and stay signed in through the session cookie or "keep me signed in".
 */
@WebListener
public class SessionEndCloser implements HttpSessionListener {

    @Inject
    ClusteredFanout fanout;

    @Inject
    org.jointchat.account.SocketTickets tickets;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        var session = event.getSession();
        String key;
        boolean ended;
        try {
            if (!(session.getAttribute(AuthenticationState.SESSION_KEY) instanceof String k)) {
                return; // never signed in
            }
            key = k;
            boolean signedOut = session.getAttribute(AuthenticationState.SESSION_ENDED) != null;
            // Timed out: unused (by a signed-in request) for its whole timeout, give or take the minute the mark
            // is refreshed in. A session the server drops because it stops was used recently: not ended.
            boolean timedOut = session.getMaxInactiveInterval() > 0
                    && session.getAttribute(AuthenticationState.SESSION_LAST_USED) instanceof Long lastUsed
                    && System.currentTimeMillis() - lastUsed >= session.getMaxInactiveInterval() * 1000L - 60_000;
            ended = signedOut || timedOut;
        } catch (IllegalStateException alreadyInvalid) {
            return;
        }
        if (ended) {
            tickets.sessionEnded(key); // issue 24 (handshake): its unused socket tickets open nothing now
            fanout.closeOpenedWith(SocketCredential.ofSession(key), "signed out"); // on every instance of a cluster
        }
    }
}
