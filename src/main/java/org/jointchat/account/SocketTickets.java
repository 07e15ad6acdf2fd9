package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.platform.Cluster;

/**
 * One-use tickets for the WebSocket handshake (issue 24, item 1, "handshake"): a client signed in by a bearer
 * token or a browser session asks {@code POST /api/v1/ws-ticket} for a short random ticket and opens
 * {@code /ws?ticket=…} with it within {@code jointchat.ws.ticket-ttl} (30 s), once. The handshake then carries
 * 22 characters instead of a long credential, and needs neither the token's nor the session's lookup.
 * <p>
 * A ticket stands for the credential it was issued with: the socket it opens ends with that token or session
 * ({@link Redeemed#tokenHash()}, {@link Redeemed#sessionKey()}), and a ticket whose credential ended before it
 * was used (revoked token, signed-out session, changed password, deactivated account) opens nothing. The
 * sign-in rules themselves stay in {@link SessionOrTokenAuthentication}: a ticket is issued only to a request
 * it signed in. Tickets live in memory, by SHA-256; in a cluster in the data grid, so any instance redeems one.
 */
@ApplicationScoped
public class SocketTickets {

    /** 128 random bits: unguessable within a ticket's few seconds of life. */
    private static final int TICKET_BYTES = 16;
    private static final int TICKET_TEXT_MAX = 64;
    /** At most this many unused tickets held on one instance (a client asking for tickets in a loop gets 503). */
    private static final int MAX_OUTSTANDING = 100_000;
    private static final String GRID_MAP = "ws-tickets";
    private static final String ENDED = "ended:";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "jointchat.ws.ticket-ttl", defaultValue = "PT30S")
    Duration ttl;

    @Inject
    AccountService accounts;

    @Inject
    TokenService tokens;

    @Inject
    Cluster cluster;

    /** A ticket redeemed: who, and the credential it stands for (a token's hash or a session's key, the other null). */
    public record Redeemed(String login, String tokenHash, String sessionKey, long credentialExpiresAtMillis) {
    }

    /** A freshly issued ticket. */
    public record Issued(String ticket, Instant expiresAt) {
    }

    private record Held(String value, long expiresAtMillis) {
    }

    private final Map<String, Held> local = new ConcurrentHashMap<>();

    /** For tests without a container. */
    public void configure(Duration ttl, AccountService accounts, TokenService tokens, Cluster cluster) {
        this.ttl = ttl;
        this.accounts = accounts;
        this.tokens = tokens;
        this.cluster = cluster;
    }

    /** A ticket for the signed-in {@code login}, standing for its bearer token (plain) or, when null, its session key. */
    public Issued issue(String login, String bearerToken, String sessionKey) {
        String tokenHash = bearerToken == null ? "" : TokenService.hashOf(bearerToken);
        long credentialExpires = 0;
        if (bearerToken != null) {
            var expires = tokens.expiryOf(bearerToken);
            credentialExpires = expires == null ? 0 : expires.toInstant().toEpochMilli();
        }
        byte[] secret = new byte[TICKET_BYTES];
        RANDOM.nextBytes(secret);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long now = System.currentTimeMillis();
        // login, credentials version (a password change in between voids the ticket), token hash, session key, expiry
        String value = String.join("\n", login, Integer.toString(accounts.credentialsVersion(login)), tokenHash,
                sessionKey == null ? "" : sessionKey, Long.toString(credentialExpires));
        if (cluster.enabled()) {
            cluster.putShared(GRID_MAP, TokenService.hashOf(ticket), value, ttl);
        } else {
            if (local.size() >= MAX_OUTSTANDING) {
                local.values().removeIf(held -> held.expiresAtMillis() <= now);
                if (local.size() >= MAX_OUTSTANDING) {
                    throw new org.jointchat.platform.ServerBusyException("too many unused socket tickets", Duration.ofSeconds(5));
                }
            }
            local.put(TokenService.hashOf(ticket), new Held(value, now + ttl.toMillis()));
        }
        return new Issued(ticket, Instant.ofEpochMilli(now + ttl.toMillis()));
    }

    /** The ticket's sign-in, once: empty when unknown, used, expired, or its credential ended meanwhile. */
    public Optional<Redeemed> redeem(String ticket) {
        if (ticket == null || ticket.isEmpty() || ticket.length() > TICKET_TEXT_MAX) {
            return Optional.empty();
        }
        String key = TokenService.hashOf(ticket);
        String value;
        if (cluster.enabled()) {
            value = cluster.takeShared(GRID_MAP, key);
        } else {
            var held = local.remove(key);
            value = held == null || held.expiresAtMillis() <= System.currentTimeMillis() ? null : held.value();
        }
        if (value == null) {
            return Optional.empty();
        }
        String[] f = value.split("\n", -1);
        String login = f[0];
        int version = Integer.parseInt(f[1]);
        String tokenHash = f[2].isEmpty() ? null : f[2];
        String sessionKey = f[3].isEmpty() ? null : f[3];
        if (version < 0 || accounts.credentialsVersion(login) != version) {
            return Optional.empty(); // deactivated, or the password changed since
        }
        if (tokenHash != null && !tokens.validHash(tokenHash)) {
            return Optional.empty(); // revoked or expired since
        }
        if (sessionKey != null && ended(sessionKey)) {
            return Optional.empty(); // signed out since
        }
        return Optional.of(new Redeemed(login, tokenHash, sessionKey, Long.parseLong(f[4])));
    }

    /** A session that ended (signed out) voids the tickets it was issued: remembered for a ticket's lifetime. */
    public void sessionEnded(String sessionKey) {
        if (cluster.enabled()) {
            cluster.putShared(GRID_MAP, ENDED + sessionKey, "", ttl);
        } else {
            local.put(ENDED + sessionKey, new Held("", System.currentTimeMillis() + ttl.toMillis()));
        }
    }

    private boolean ended(String sessionKey) {
        if (cluster.enabled()) {
            return cluster.peekShared(GRID_MAP, ENDED + sessionKey) != null;
        }
        var held = local.get(ENDED + sessionKey);
        return held != null && held.expiresAtMillis() > System.currentTimeMillis();
    }

    /** Forgets expired tickets and marks (a ticket nobody used); the grid's expire by themselves. */
    public void forgetExpired() {
        long now = System.currentTimeMillis();
        local.values().removeIf(held -> held.expiresAtMillis() <= now);
    }
}
