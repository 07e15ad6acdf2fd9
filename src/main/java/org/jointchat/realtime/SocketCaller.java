package org.jointchat.realtime;

import jakarta.security.enterprise.CallerPrincipal;

/**
 * The caller of a socket's handshake as {@link HandshakeGuard} hands it to the container, carrying the
 * {@link SocketCredential} it was opened with: the endpoint finds it again in {@code Session.getUserPrincipal()} on
 * whichever thread the container opens the socket (issue 25: Undertow calls the endpoint on an I/O thread, not the
 * handshake's, where the thread-local hand-over finds nothing).
 */
final class SocketCaller extends CallerPrincipal {

    private static final long serialVersionUID = 1L;
    private final transient SocketCredential credential;

    SocketCaller(String login, SocketCredential credential) {
        super(login);
        this.credential = credential;
    }

    SocketCredential credential() {
        return credential;
    }
}
