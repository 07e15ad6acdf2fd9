package org.jointchat.realtime;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/** A browser session that ends (sign-out, expiry) ends the sockets it opened, at once (close 1008). */
@WebListener
public class SessionEndCloser implements HttpSessionListener {

    @Inject
    ConnectionRegistry connections;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        connections.closeOpenedWith(SocketCredential.ofSession(event.getSession().getId()), "signed out");
    }
}
