package org.jointchat.twofactor;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How TOTP secrets are stored. With {@code jointchat.two-factor.key} set (best from a Payara password alias or the
 * environment, never the database) they are sealed with AES-256-GCM under a key derived from it (SHA-256), as
 * {@code a1:<base64 of iv and ciphertext>}: a copy of the database alone does not give anyone the codes. Without it
 * they are stored as they are ({@code plain:…}) and a warning is logged at start; either way the secret is shown to
 * the user only during enrolment. Secrets stored plain stay readable after a key is set (new ones are sealed).
 * <p>
 * Since the issue 23 review (authfix) a secret is sealed as {@code a2:…}: the account's id is GCM's associated data,
 * so a sealed secret copied into another account's row does not open there. {@code a1:} values (no associated data)
 * stay readable; they become {@code a2:} when TOTP is set up again.
 */
@ApplicationScoped
public class SecretSealing {

    private static final Logger LOG = Logger.getLogger(SecretSealing.class.getName());
    private static final String SEALED = "a1:";
    private static final String SEALED_FOR_USER = "a2:";
    private static final String PLAIN = "plain:";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "jointchat.two-factor.key")
    Optional<String> keyText;

    private SecretKeySpec key;

    @PostConstruct
    void init() {
        key = keyText.filter(text -> !text.isBlank()).map(SecretSealing::keyOf).orElse(null);
        if (key == null) {
            LOG.warning("jointchat.two-factor.key is not set: TOTP secrets are stored unencrypted (docs/operations.md)");
        }
    }

    static SecretKeySpec keyOf(String text) {
        try {
            return new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seals the secret of this account (its id bound in as associated data). */
    public String seal(byte[] secret, long userId) {
        return seal(secret, key, userId);
    }

    /** Opens the stored secret of this account: {@code a2:} of this very account, {@code a1:} or {@code plain:}. */
    public byte[] open(String stored, long userId) {
        return open(stored, key, userId);
    }

    static String seal(byte[] secret, SecretKeySpec key, long userId) {
        if (key == null) {
            return seal(secret, null);
        }
        return SEALED_FOR_USER + encrypt(secret, key, associatedData(userId));
    }

    static byte[] open(String stored, SecretKeySpec key, long userId) {
        if (!stored.startsWith(SEALED_FOR_USER)) {
            return open(stored, key);
        }
        if (key == null) {
            throw new IllegalStateException("a sealed TOTP secret, and jointchat.two-factor.key is not set");
        }
        return decrypt(Base64.getDecoder().decode(stored.substring(SEALED_FOR_USER.length())), key, associatedData(userId));
    }

    private static byte[] associatedData(long userId) {
        return ("jointchat totp secret of user " + userId).getBytes(StandardCharsets.UTF_8);
    }

    static String seal(byte[] secret, SecretKeySpec key) {
        if (key == null) {
            return PLAIN + Base64.getEncoder().encodeToString(secret);
        }
        return SEALED + encrypt(secret, key, null);
    }

    /** Base64 of a random IV and the AES-GCM ciphertext (with its tag), bound to {@code associated} if given. */
    private static String encrypt(byte[] secret, SecretKeySpec key, byte[] associated) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            if (associated != null) {
                cipher.updateAAD(associated);
            }
            byte[] sealed = cipher.doFinal(secret);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java", e);
        }
    }

    private static byte[] decrypt(byte[] data, SecretKeySpec key, byte[] associated) {
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, data, 0, IV_BYTES));
            if (associated != null) {
                cipher.updateAAD(associated);
            }
            return cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a TOTP secret sealed with another jointchat.two-factor.key, or for another account", e);
        }
    }

    /** The secret; throws when it was sealed and the key is missing or another one. */
    static byte[] open(String stored, SecretKeySpec key) {
        if (stored.startsWith(PLAIN)) {
            return Base64.getDecoder().decode(stored.substring(PLAIN.length()));
        }
        if (!stored.startsWith(SEALED) || key == null) {
            throw new IllegalStateException("a sealed TOTP secret, and jointchat.two-factor.key is not set");
        }
        return decrypt(Base64.getDecoder().decode(stored.substring(SEALED.length())), key, null);
    }
}
