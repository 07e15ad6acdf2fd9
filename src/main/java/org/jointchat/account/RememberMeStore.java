package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.RememberMeCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.RememberMeIdentityStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.platform.Jdbc;

/**
 * "Keep me signed in": long-lived sign-in tokens for browsers (the cookie of
 * {@link SessionOrTokenAuthentication}), 256 random bits each, stored as SHA-256 in
 * PostgreSQL so that they survive restarts. They end when they expire, at logout (that one), and when the
 * password changes (all of the user's).
 */
@ApplicationScoped
public class RememberMeStore implements RememberMeIdentityStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Jdbc jdbc;

    @Inject
    @ConfigProperty(name = "jointchat.remember-me.ttl", defaultValue = "P30D")
    Duration ttl;

    public Duration ttl() {
        return ttl;
    }

    @Override
    public String generateLoginToken(CallerPrincipal caller, Set<String> groups) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        int stored = jdbc.update("""
                INSERT INTO remember_tokens (token_hash, user_id, expires_at)
                SELECT ?, id, ? FROM users WHERE login = ?""",
                TokenService.hashOf(token), OffsetDateTime.now(ZoneOffset.UTC).plus(ttl), caller.getName());
        if (stored != 1) {
            throw new IllegalStateException("no such user: " + caller.getName());
        }
        return token;
    }

    /** Whose remembered sign-in a token is, with their credentials version, read together. */
    public record Remembered(String login, int credentialsVersion) {
    }

    /** The user a valid, unexpired token signs in; empty otherwise. */
    public Optional<Remembered> find(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.one("""
                SELECT u.login, u.credentials_version FROM remember_tokens t JOIN users u ON u.id = t.user_id
                 WHERE t.token_hash = ? AND t.expires_at > now() AND u.deactivated_at IS NULL""",
                row -> new Remembered(row.getString(1), row.getInt(2)), TokenService.hashOf(token));
    }

    @Override
    public CredentialValidationResult validate(RememberMeCredential credential) {
        return find(credential.getToken())
                .map(found -> new CredentialValidationResult(found.login(), AccountIdentityStore.GROUPS))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    @Override
    public void removeLoginToken(String token) {
        if (token != null && !token.isBlank()) {
            jdbc.update("DELETE FROM remember_tokens WHERE token_hash = ?", TokenService.hashOf(token));
        }
    }

    /**
     * A new password ends every remembered sign-in of the user (in the password change's transaction; only where
     * it was made, not when another instance of a cluster hears of it).
     */
    void passwordChanged(@Observes(during = TransactionPhase.IN_PROGRESS) @Default CredentialsChanged change) {
        jdbc.update("DELETE FROM remember_tokens WHERE user_id = ?", change.user().id());
    }

    public int purgeExpired() {
        return jdbc.update("DELETE FROM remember_tokens WHERE expires_at <= now()");
    }
}
