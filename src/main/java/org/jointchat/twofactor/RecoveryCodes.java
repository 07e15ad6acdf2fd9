package org.jointchat.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * One-time recovery codes: ten per account, each 12 characters from an alphabet without look-alikes (60 random
 * bits), shown as {@code xxxx-xxxx-xxxx} once and stored as SHA-256 of the account id and the code (a fast hash is
 * enough for a random secret of that size, and it still takes the password to use one).
 */
final class RecoveryCodes {

    static final int COUNT = 10;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // 31 letters: no i, l, o, 0, 1
    private static final int LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    static List<String> generate() {
        return IntStream.range(0, COUNT).mapToObj(i -> one()).toList();
    }

    private static String one() {
        var code = new StringBuilder(LENGTH + 2);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** As typed: case, spaces and dashes do not matter. */
    static String normalize(String typed) {
        return typed == null ? "" : typed.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
    }

    /** Whether the text could be a recovery code at all (else it is not looked up). */
    static boolean looksLikeOne(String normalized) {
        return normalized.length() == LENGTH && normalized.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    static String hash(long userId, String normalized) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((userId + ":" + normalized).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
