package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.platform.AfterCommit;
import org.jointchat.platform.BoundedCache;
import org.jointchat.platform.Jdbc;

/**
 * API tokens: 256 random bits, handed out once, stored as SHA-256 (a fast hash is enough for a
 * random secret of that size), valid until they expire or are revoked. Every request and handshake
 * asks for its token, so valid tokens are cached (bounded, by hash); a revocation drops them before and
 * after it commits, so it takes effect at once.
 */
@ApplicationScoped
public class TokenService {

    private static final int TOKEN_BYTES = 32;
    private static final int TOKEN_TEXT_MAX = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "jointchat")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "jointchat.token.ttl", defaultValue = "P7D")
    Duration ttl;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Jdbc jdbc;

    @Inject
    Event<TokenRevoked> revoked;

    /** A valid token as the cache keeps it. */
    private record Valid(String hash, long userId, String login, OffsetDateTime expiresAt) {
    }

    private final BoundedCache<String, Valid> valid = new BoundedCache<>(100_000);

    @Transactional
    public IssuedToken issue(User user) {
        byte[] secret = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        var now = OffsetDateTime.now(ZoneOffset.UTC);
        var stored = new ApiToken(hashOf(token), user.getId(), now, now.plus(ttl));
        em.persist(stored);
        return new IssuedToken(token, stored.getExpiresAt());
    }

    /** The login a valid, unexpired token belongs to. */
    public Optional<String> loginFor(String token) {
        if (token == null || token.isEmpty() || token.length() > TOKEN_TEXT_MAX) {
            return Optional.empty();
        }
        var found = valid.get(hashOf(token), this::load);
        if (found == null || !found.expiresAt().isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
            return Optional.empty();
        }
        return Optional.of(found.login());
    }

    private Valid load(String hash) {
        // Plain SQL: asked once per new token on every handshake, where JPA's overhead showed.
        return jdbc.one("""
                SELECT t.user_id, u.login, t.expires_at FROM api_tokens t JOIN users u ON u.id = t.user_id
                 WHERE t.token_hash = ? AND t.expires_at > now() AND u.deactivated_at IS NULL""",
                row -> new Valid(hash, row.getLong(1), row.getString(2), row.getObject(3, OffsetDateTime.class)), hash)
                .orElse(null);
    }

    /** When a valid token was issued (by a password sign-in, with its second factor if the account has one). */
    public Optional<OffsetDateTime> issuedAt(String token) {
        if (token == null || token.isEmpty() || token.length() > TOKEN_TEXT_MAX) {
            return Optional.empty();
        }
        return jdbc.one("SELECT created_at FROM api_tokens WHERE token_hash = ? AND expires_at > now()",
                row -> row.getObject(1, OffsetDateTime.class), hashOf(token));
    }

    /** Ends a token at once; true when it existed. */
    @Transactional
    public boolean revoke(String token) {
        if (token == null || token.length() > TOKEN_TEXT_MAX) {
            return false;
        }
        String hash = hashOf(token);
        valid.invalidate(hash);
        afterCommit.run(() -> valid.invalidate(hash));
        boolean existed = em.createQuery("delete from ApiToken t where t.tokenHash = :hash")
                .setParameter("hash", hash)
                .executeUpdate() > 0;
        if (existed) {
            revoked.fire(new TokenRevoked(hash)); // sockets opened with it close after the commit
        }
        return existed;
    }

    /** A token revoked here or on another instance of the cluster is not served from this cache again. */
    void forgetRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) TokenRevoked revoked) {
        valid.invalidate(revoked.tokenHash());
    }

    /** A new password (here or on another instance) revoked the user's other tokens: read them again. */
    void forgetUserTokens(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialsChanged change) {
        valid.invalidateIf(t -> t.userId() == change.user().id());
    }

    /** Ends every token of a user except one (null: all). */
    @Transactional
    public int revokeAllExcept(long userId, String keepToken) {
        String keep = keepToken == null ? "" : hashOf(keepToken);
        Runnable forget = () -> valid.invalidateIf(t -> t.userId() == userId && !keep.equals(t.hash()));
        forget.run();
        afterCommit.run(forget);
        return em.createQuery("delete from ApiToken t where t.userId = :user and t.tokenHash <> :keep")
                .setParameter("user", userId)
                .setParameter("keep", keep)
                .executeUpdate();
    }

    @Transactional
    public int purgeExpired() {
        return em.createQuery("delete from ApiToken t where t.expiresAt <= :now")
                .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
    }

    /** When a valid token expires (from the cache the handshake just filled), or null. */
    public OffsetDateTime expiryOf(String token) {
        if (token == null || token.isEmpty() || token.length() > TOKEN_TEXT_MAX) {
            return null;
        }
        var found = valid.get(hashOf(token), this::load);
        return found == null ? null : found.expiresAt();
    }

    /** Whether the token of this hash is still valid (from the cache): a socket ticket checks its token once more. */
    public boolean validHash(String tokenHash) {
        var found = valid.get(tokenHash, this::load);
        return found != null && found.expiresAt().isAfter(OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** The SHA-256 (hex) a token is known by: in the database, and in {@link TokenRevoked}. */
    public static String hashOf(String token) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
