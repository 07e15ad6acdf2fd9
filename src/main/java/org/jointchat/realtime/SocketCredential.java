package org.jointchat.realtime;

/**
 * The credential a socket was opened with, so that ending it ends the socket: {@code t:<sha-256>} for a
 * bearer token, {@code s:<id>} for a browser session; {@code expiresAtMillis} 0 when it does not expire
 * by itself. {@link HandshakeGuard} offers it and {@link ChatHub#opened} takes it: both run on the
 * handshake's thread (the container calls the endpoint right after the upgrade). Where that does not
 * hold the socket has no key and ends with its user's password change only.
 */
record SocketCredential(String key, long expiresAtMillis) {

    private static final ThreadLocal<SocketCredential> PENDING = new ThreadLocal<>();

    static String ofToken(String tokenHash) {
        return "t:" + tokenHash;
    }

    static String ofSession(String sessionKey) {
        return "s:" + sessionKey;
    }

    static void offer(SocketCredential credential) {
        PENDING.set(credential);
    }

    static SocketCredential take() {
        var credential = PENDING.get();
        PENDING.remove();
        return credential;
    }
}
