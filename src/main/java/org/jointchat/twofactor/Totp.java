package org.jointchat.twofactor;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords as every authenticator app makes them: HMAC-SHA1 over the number of
 * 30-second steps since the epoch, dynamically truncated (RFC 4226) to 6 digits. A code is accepted for the step
 * it was made in and one step either side (clocks drift, people type slowly).
 */
public final class Totp {

    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    /** Steps accepted either side of the current one. */
    public static final int WINDOW = 1;
    public static final int SECRET_BYTES = 20;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp() {
    }

    /** A new secret: 160 random bits (the HMAC-SHA1 block's natural key size, RFC 4226's recommendation). */
    public static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The time step of a moment (seconds since the epoch). */
    public static long step(long epochSeconds) {
        return Math.floorDiv(epochSeconds, STEP_SECONDS);
    }

    public static long currentStep() {
        return step(System.currentTimeMillis() / 1000);
    }

    /** The code of a step, {@code digits} long with leading zeros. */
    public static String code(byte[] secret, long step, int digits) {
        byte[] counter = new byte[8];
        for (int i = 7; i >= 0; i--) {
            counter[i] = (byte) (step >>> (8 * (7 - i)));
        }
        byte[] hash;
        try {
            var mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            hash = mac.doFinal(counter);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java", e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        String text = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - text.length()) + text;
    }

    public static String code(byte[] secret, long step) {
        return code(secret, step, DIGITS);
    }

    /**
     * The step within {@link #WINDOW} of {@code nowStep} whose code {@code code} is (the newest if several), or empty.
     * Compared in constant time, so the answer's timing tells nothing about the digits.
     */
    public static OptionalLong matchingStep(byte[] secret, String code, long nowStep) {
        if (code == null || code.length() != DIGITS || !code.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        long found = Long.MIN_VALUE;
        for (long step = nowStep - WINDOW; step <= nowStep + WINDOW; step++) {
            if (java.security.MessageDigest.isEqual(code(secret, step).getBytes(), code.getBytes())) {
                found = step;
            }
        }
        return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
    }
}
