package org.jointchat.passkey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who the passkeys belong to (the WebAuthn relying party): its id, a host name the credentials are bound to, and the
 * page origins a ceremony may come from. Both from settings, with defaults that work without any:
 * <ul>
 * <li>{@code jointchat.passkeys.rp-id}: else the request's host, else (an IP address is no valid rpId) the first
 * host name of {@code jointchat.allowed-origins}, else {@code localhost};</li>
 * <li>{@code jointchat.passkeys.origins}: else the request's own origin plus {@code jointchat.allowed-origins}.</li>
 * </ul>
 * Changing the rpId later orphans every registered passkey (they are bound to the old one).
 */
@ApplicationScoped
public class RelyingParty {

    @Inject
    @ConfigProperty(name = "jointchat.passkeys.rp-id")
    Optional<String> configuredRpId;

    @Inject
    @ConfigProperty(name = "jointchat.passkeys.origins")
    Optional<String> configuredOrigins;

    @Inject
    @ConfigProperty(name = "jointchat.passkeys.rp-name", defaultValue = "JointChat")
    String name;

    @Inject
    @ConfigProperty(name = "jointchat.allowed-origins")
    Optional<String> allowedOrigins;

    public String name() {
        return name;
    }

    public String rpId(HttpServletRequest request) {
        warnIfUnset(request.getServerName());
        return rpId(configuredRpId, request.getServerName(), allowedOrigins);
    }

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RelyingParty.class.getName());
    private final java.util.concurrent.atomic.AtomicBoolean warned = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Outside development (a host other than localhost / 127.0.0.1) the rpId must be set: taken from the Host header
     * it follows whatever name a request arrives under, and passkeys registered under one name fail under another.
     * Logged once, SEVERE; nothing is refused (development keeps working without settings).
     */
    private void warnIfUnset(String requestHost) {
        if (needsSetting(configuredRpId, requestHost) && warned.compareAndSet(false, true)) {
            LOG.severe("jointchat.passkeys.rp-id is not set while the server is reached as " + requestHost
                    + ": passkeys are bound to the Host header of each request; set JOINTCHAT_PASSKEYS_RP_ID to the site's host name");
        }
    }

    /** Whether a request to this host, with this setting, calls for the SEVERE warning. */
    static boolean needsSetting(Optional<String> configured, String requestHost) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return false;
        }
        String host = requestHost == null ? "" : requestHost.strip().toLowerCase();
        return !(host.isEmpty() || host.equals("localhost") || host.endsWith(".localhost") || host.equals("127.0.0.1")
                || host.equals("::1") || host.equals("[::1]"));
    }

    public Set<String> origins(HttpServletRequest request) {
        return origins(configuredOrigins, ownOrigin(request), allowedOrigins);
    }

    static String rpId(Optional<String> configured, String requestHost, Optional<String> allowedOrigins) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return configured.get().strip().toLowerCase();
        }
        if (requestHost != null && !requestHost.isBlank() && !isIpAddress(requestHost)) {
            return requestHost.toLowerCase();
        }
        return list(allowedOrigins).stream().map(o -> URI.create(o).getHost())
                .filter(h -> h != null && !isIpAddress(h)).findFirst().orElse("localhost");
    }

    static Set<String> origins(Optional<String> configured, String ownOrigin, Optional<String> allowedOrigins) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return list(configured);
        }
        var origins = new LinkedHashSet<String>();
        if (ownOrigin != null) {
            origins.add(ownOrigin);
        }
        origins.addAll(list(allowedOrigins));
        return origins;
    }

    /** The origin the browser shows for this request: scheme, host and the port unless it is the scheme's default. */
    private static String ownOrigin(HttpServletRequest request) {
        String host = request.getHeader("Host");
        if (host == null || host.isBlank()) {
            return null;
        }
        return request.getScheme() + "://" + host.toLowerCase();
    }

    static boolean isIpAddress(String host) {
        return host.contains(":") || host.matches("[0-9.]+") || host.startsWith("[");
    }

    private static Set<String> list(Optional<String> commaSeparated) {
        var result = new LinkedHashSet<String>();
        commaSeparated.ifPresent(s -> Arrays.stream(s.split(",")).map(String::strip).filter(o -> !o.isEmpty())
                .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o).forEach(result::add));
        return result;
    }
}
