package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
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

/**
 * API tokens: 256 random bits, handed out once, stored as SHA-256 (a fast hash is enough for a
 * random secret of that size), valid until they expire or are revoked.
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
        return em.createQuery("""
                        select u.login from ApiToken t, User u
                         where t.userId = u.id and t.tokenHash = :hash and t.expiresAt > :now""", String.class)
                .setParameter("hash", hashOf(token))
                .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                .getResultStream()
                .findFirst();
    }

    /** Ends a token at once; true when it existed. */
    @Transactional
    public boolean revoke(String token) {
        if (token == null || token.length() > TOKEN_TEXT_MAX) {
            return false;
        }
        return em.createQuery("delete from ApiToken t where t.tokenHash = :hash")
                .setParameter("hash", hashOf(token))
                .executeUpdate() > 0;
    }

    /** Ends every token of a user except one (null: all). */
    @Transactional
    public int revokeAllExcept(long userId, String keepToken) {
        return em.createQuery("delete from ApiToken t where t.userId = :user and t.tokenHash <> :keep")
                .setParameter("user", userId)
                .setParameter("keep", keepToken == null ? "" : hashOf(keepToken))
                .executeUpdate();
    }

    @Transactional
    public int purgeExpired() {
        return em.createQuery("delete from ApiToken t where t.expiresAt <= :now")
                .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
    }

    static String hashOf(String token) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
