package org.jointchat.realtime;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.jointchat.platform.SessionOrTokenAuthentication;

/**
 * A browser session that ends (sign-out, expiry) ends the sockets it opened, at once (close 1008). Sessions
 * that the server drops because it is stopping are not ended by anyone: their sockets get the graceful
 * 1012 ({@link ChatHub}) and stay signed in through the session cookie or "keep me signed in".
 */
@WebListener
public class SessionEndCloser implements HttpSessionListener {

    @Inject
    ConnectionRegistry connections;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        var session = event.getSession();
        boolean ended;
        try {
            boolean signedOut = session.getAttribute(SessionOrTokenAuthentication.SESSION_ENDED) != null;
            boolean timedOut = session.getMaxInactiveInterval() > 0
                    && System.currentTimeMillis() - session.getLastAccessedTime() >= session.getMaxInactiveInterval() * 1000L;
            ended = signedOut || timedOut;
        } catch (IllegalStateException alreadyInvalid) {
            ended = true;
        }
        String key = sessionKey(session);
        if (ended && key != null) {
            connections.closeOpenedWith(SocketCredential.ofSession(key), "signed out");
        }
    }

    /** The session's own key (its id changes at logout); null for sessions that never signed in. */
    private static String sessionKey(HttpSession session) {
        try {
            return session.getAttribute(SessionOrTokenAuthentication.SESSION_KEY) instanceof String key ? key : null;
        } catch (IllegalStateException alreadyInvalid) {
            return null;
        }
    }
}
