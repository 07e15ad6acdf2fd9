package org.jointchat.platform;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What the authentication mechanism ({@code account.SessionOrTokenAuthentication}) leaves on requests and
 * sessions, and how a request's bearer token is read: the floor's part of signing in, so that filters, pages
 * and sockets read it without knowing the accounts.
 */
public final class AuthenticationState {

    /** Session attribute holding the signed-in login. */
    public static final String SESSION_LOGIN = "org.jointchat.login";
    /** Session attribute holding the credentials version at sign-in; a password change raises it and ends older sessions. */
    public static final String SESSION_CREDENTIALS = "org.jointchat.credentials";
    public static final String LOGIN_PAGE = "/login.xhtml";
    /**
     * Session attribute: a random key of the signed-in session that stays when the container changes the
     * session id (at login and logout); sockets opened in the session are known by it.
     */
    public static final String SESSION_KEY = "org.jointchat.sessionKey";
    /** Session attribute: when the session was last used by a signed-in request (ms, refreshed once a minute). */
    public static final String SESSION_LAST_USED = "org.jointchat.lastUsed";
    /** Session attribute set just before a session is ended on purpose (sign-out, a changed password). */
    public static final String SESSION_ENDED = "org.jointchat.ended";
    /**
     * Request attribute set (to {@code Boolean.TRUE}) when the signed-in user still has a temporary password set by an
     * administrator: the API answers 403 password-change-required and the WebSocket handshake 403, except for what
     * changing the password needs; the pages send them to their profile ({@code PasswordChangeFilter}).
     */
    public static final String MUST_CHANGE_PASSWORD = "org.jointchat.mustChangePassword";
    private static final String BEARER = "Bearer ";

    private AuthenticationState() {
    }

    /** The bearer token of the request, or null. */
    public static String bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return header.substring(BEARER.length()).strip();
        }
        return null;
    }
}
