package org.jointchat.email;

import java.security.SecureRandom;
import java.util.Base64;
import org.jointchat.account.TokenService;

/** The secret of an e-mail link: 256 random bits in the URL, only its SHA-256 in the database (as API tokens). */
final class EmailLinks {

    /** Longer texts are not looked up (a real secret is 43 characters). */
    static final int SECRET_TEXT_MAX = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EmailLinks() {
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a secret; null for one that cannot be ours. */
    static String hashOf(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > SECRET_TEXT_MAX) {
            return null;
        }
        return TokenService.hashOf(secret);
    }

    /** An address shown in logs and the audit log without giving it away: {@code j***@example.org}. */
    static String masked(String email) {
        if (email == null) {
            return "(none)";
        }
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }
}
