package org.jointchat.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * Whether a browser request comes from the server's own pages: its {@code Origin} names the same host and
 * port as the request's {@code Host} (or one configured in {@code jointchat.allowed-origins}). Used by the
 * WebSocket handshake and by cookie-authenticated unsafe REST calls, so that another site's page cannot ride
 * on the user's cookies.
 */
public final class SameOrigin {

    private SameOrigin() {
    }

    /** The server's own origin (same host and port as the request), or one configured in jointchat.allowed-origins. */
    public static boolean allowed(String origin, HttpServletRequest request, Optional<String> allowedOrigins) {
        String host = request.getHeader("Host");
        try {
            var uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            String defaultPortAuthority = uri.getHost() + ":" + ("https".equals(uri.getScheme()) ? 443 : 80);
            if (host != null && (host.equalsIgnoreCase(authority) || host.equalsIgnoreCase(defaultPortAuthority))) {
                return true;
            }
        } catch (IllegalArgumentException | NullPointerException malformed) {
            return false;
        }
        return allowedOrigins.map(list -> Arrays.stream(list.split(",")).map(String::strip)
                .anyMatch(origin::equalsIgnoreCase)).orElse(false);
    }

    /**
     * A request a browser sent from this server's own pages: an allowed {@code Origin}, or, without one,
     * {@code Sec-Fetch-Site: same-origin}. Neither header: not shown to come from here.
     */
    public static boolean fromOwnPages(HttpServletRequest request, Optional<String> allowedOrigins) {
        String origin = request.getHeader("Origin");
        if (origin != null) {
            return allowed(origin, request, allowedOrigins);
        }
        return "same-origin".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"));
    }
}
