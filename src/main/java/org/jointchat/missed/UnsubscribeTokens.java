package org.jointchat.missed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The secret of an unsubscribe link (RFC 8058): 256 random bits per mail, in the link only; the tokens table keeps its
 * SHA-256 (a digest waiting in the outbox holds its link until it is sent). Whoever holds the mail may turn its recipient's missed-message
 * e-mail off, and nothing else.
 */
public final class UnsubscribeTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** What a token looks like (43 characters of base64url): anything else is refused before a lookup. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private UnsubscribeTokens() {
    }

    /** A new token for a mail to the user, stored (hashed) in the sweep's transaction. */
    static String issue(Connection c, long userId) throws SQLException {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try (var insert = c.prepareStatement("INSERT INTO email_unsubscribe_tokens (token_hash, user_id) VALUES (?, ?)")) {
            insert.setString(1, hash(token));
            insert.setLong(2, userId);
            insert.executeUpdate();
        }
        return token;
    }

    /** Whether the text could be a token at all. */
    static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
