package org.jointchat.realtime;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.account.AccountService;
import org.jointchat.account.SocketTickets;
import org.jointchat.account.TokenService;
import org.jointchat.platform.AuthenticationState;
import org.jointchat.platform.SameOrigin;
import org.jointchat.platform.Shutdown;
import org.jointchat.platform.WarmupPass;
import org.jointchat.platform.Callers;

/**
 * Refuses WebSocket handshakes before the upgrade: 403 for a foreign {@code Origin} (another site's page
 * must not ride on the user's cookie), 401 without a signed-in user (session cookie or bearer token),
 * 403 with a text body for a user who must first change a temporary password set by an administrator,
 * 429 with {@code Retry-After} and a text body when the user holds {@code jointchat.ws.max-sockets-per-user}
 * sockets already ({@link ConnectionRegistry#hasRoomFor}), 503 with {@code Retry-After} when more sockets
 * arrive than the server takes now ({@link Admission}) and while the server warms itself ({@link Warmup}).
 * Declared in web.xml so that it runs before the container's WebSocket upgrade filter.
 */
public class HandshakeGuard extends HttpFilter {

    @Inject
    @ConfigProperty(name = "jointchat.allowed-origins")
    Optional<String> allowedOrigins;

    @Inject
    Admission admission;

    @Inject
    Shutdown shutdown;

    @Inject
    Warmup warmup;

    @Inject
    TokenService tokens;

    @Inject
    ConnectionRegistry connections;

    @Inject
    org.jointchat.account.EnrolmentHold enrolmentHold;

    /** Retry-After of a handshake refused for too many sockets of one user. */
    private static final int TOO_MANY_SOCKETS_RETRY_SECONDS = 30;

    private static final int UPGRADED_BUFFER_BYTES = 2048;

    @Inject
    SocketTickets tickets;

    @Inject
    AccountService accounts;

    /** The servlet context as Tyrus is shown it ({@link UpgradeRequest#tyrusContext}). */
    private ServletContext tyrusContext;

    @Override
    public void init() throws ServletException {
        tyrusContext = UpgradeRequest.tyrusContext(getServletContext());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origin != null && !allowed(origin, request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Origin not allowed");
            return;
        }
        boolean ownWarmup = WarmupPass.isWarmup(request);
        if (warmup.warming() && !ownWarmup) { // issue 24, item 3: nobody meets a cold server; come back shortly
            response.setHeader("Retry-After", Integer.toString(warmup.retryAfterSeconds()));
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Server warming up; retry later");
            return;
        }
        // Issue 24 (handshake): a one-use ticket from POST /api/v1/ws-ticket stands for the credential it was issued to.
        String ticket = ticketOf(request.getQueryString());
        Principal caller;
        SocketCredential credential;
        if (ticket != null) {
            var redeemed = tickets.redeem(ticket);
            if (redeemed.isEmpty()) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"jointchat\"");
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Ticket unknown, used or expired; ask for a new one");
                return;
            }
            var r = redeemed.get();
            caller = new CallerPrincipal(r.login());
            credential = r.tokenHash() != null
                    ? new SocketCredential(SocketCredential.ofToken(r.tokenHash()), r.credentialExpiresAtMillis())
                    : new SocketCredential(r.sessionKey() == null ? null : SocketCredential.ofSession(r.sessionKey()), 0);
            if (accounts.mustChangePassword(r.login())) { // set by an administrator since the ticket was issued
                passwordChangeRequired(response);
                return;
            }
        } else {
            caller = Callers.signedIn(request.getUserPrincipal());
            if (caller == null) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"jointchat\"");
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Sign in first");
                return;
            }
            if (Boolean.TRUE.equals(request.getAttribute(AuthenticationState.MUST_CHANGE_PASSWORD))) {
                passwordChangeRequired(response);
                return;
            }
            if (enrolmentHold.holds(request)) { // two-factor policy (issue 23 review, authfix): set a factor up first
                response.setContentType("text/plain;charset=UTF-8");
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                response.getWriter().write("Two-factor enrolment required: set up a second factor on your profile page first\n");
                return;
            }
            credential = credentialOf(request);
        }
        if (!connections.hasRoomFor(caller.getName())) {
            response.setHeader("Retry-After", Integer.toString(TOO_MANY_SOCKETS_RETRY_SECONDS));
            response.setContentType("text/plain;charset=UTF-8");
            response.setStatus(429);
            response.getWriter().write("Too many open sockets for this user (at most " + connections.maxSocketsPerUser()
                    + "); close one first\n");
            return;
        }
        if (shutdown.hasBegun()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, IdleTimerScheduler.startupSeconds)));
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Server restarting; retry later");
            return;
        }
        if (!admission.tryAdmit()) {
            response.setHeader("Retry-After", Integer.toString(admission.retryAfterSeconds()));
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Too many connections at once; retry later");
            return;
        }
        SocketCredential.offer(credential);
        try {
            // After the upgrade every frame sent allocates one output buffer of this size: most frames are small.
            response.setBufferSize(UPGRADED_BUFFER_BYTES);
            chain.doFilter(UpgradeRequest.of(request, caller, tyrusContext), response);
            if (response.getStatus() == HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
                UpgradedRequestTrim.afterUpgrade(request); // issue 24: 4 KB per socket the container keeps for nothing
            }
        } finally {
            admission.done();
        }
    }

    private static void passwordChangeRequired(HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.getWriter().write("Password change required: an administrator set a temporary password for this account;"
                + " choose a new one on your profile page first\n");
    }

    /** The value of {@code ticket=} in the query string, or null. */
    static String ticketOf(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("ticket=")) {
                return pair.substring("ticket=".length());
            }
        }
        return null;
    }

    /** The credential this handshake is signed in with; its end ends the socket. */
    private SocketCredential credentialOf(HttpServletRequest request) {
        String bearer = AuthenticationState.bearerToken(request);
        if (bearer != null) {
            var expires = tokens.expiryOf(bearer);
            return new SocketCredential(SocketCredential.ofToken(TokenService.hashOf(bearer)),
                    expires == null ? 0 : expires.toInstant().toEpochMilli());
        }
        var session = request.getSession(false);
        var key = session == null ? null : session.getAttribute(AuthenticationState.SESSION_KEY);
        return new SocketCredential(key instanceof String k ? SocketCredential.ofSession(k) : null, 0);
    }

    /** The server's own origin (same host and port as the request), or one configured in jointchat.allowed-origins. */
    boolean allowed(String origin, HttpServletRequest request) {
        return SameOrigin.allowed(origin, request, allowedOrigins);
    }
}
