package org.jointchat.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What one instance publishes on a grid channel, authenticated with the cluster's shared secret: the payload,
 * then HMAC-SHA256 over the channel's name and the payload (so nothing published on one channel is accepted on
 * another). A member of the grid that does not know the secret can still reach the topics; what it publishes is
 * dropped by {@link #open}, and it learns nothing it could forge with.
 */
public final class GridEnvelope {

    /** The bytes of the HMAC-SHA256 tag at the end of every envelope. */
    public static final int TAG_BYTES = 32;
    /** A secret shorter than this is refused (the scripts generate 64 hex digits). */
    public static final int MIN_SECRET_LENGTH = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final Mac prototype;

    /** {@code secret}: the shared secret ({@code jointchat.cluster.secret}), as configured. */
    public GridEnvelope(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("the grid secret must have at least " + MIN_SECRET_LENGTH + " characters");
        }
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The payload followed by its tag. */
    public byte[] seal(String channel, byte[] payload) {
        byte[] sealed = Arrays.copyOf(payload, payload.length + TAG_BYTES);
        System.arraycopy(tag(channel, payload, payload.length), 0, sealed, payload.length, TAG_BYTES);
        return sealed;
    }

    /** The payload when the tag verifies for this channel; empty for anything else (short, changed, other key). */
    public Optional<byte[]> open(String channel, byte[] sealed) {
        if (sealed == null || sealed.length < TAG_BYTES) {
            return Optional.empty();
        }
        int length = sealed.length - TAG_BYTES;
        byte[] expected = tag(channel, sealed, length);
        byte[] actual = Arrays.copyOfRange(sealed, length, sealed.length);
        // Constant time: how many bytes matched never shows in the timing.
        return MessageDigest.isEqual(expected, actual) ? Optional.of(Arrays.copyOf(sealed, length)) : Optional.empty();
    }

    private byte[] tag(String channel, byte[] bytes, int length) {
        Mac mac = mac();
        mac.update(channel.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(bytes, 0, length);
        return mac.doFinal();
    }

    /** A Mac of its own for the calling thread's use (a Mac is not thread-safe; cloning skips the key setup). */
    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC-SHA256 cannot be cloned", e);
        }
    }
}
