package org.jointchat.twofactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The TOTP algorithm against RFC 6238's test vectors, the ±1 step window, Base32, recovery codes and sealing. */
class TotpTest {

    /** RFC 6238 appendix B: the SHA-1 secret is the ASCII of "12345678901234567890", codes of 8 digits. */
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc6238TestVectorsForSha1() {
        long[] times = {59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L};
        String[] codes = {"94287082", "07081804", "14050471", "89005924", "69279037", "65353130"};
        for (int i = 0; i < times.length; i++) {
            assertEquals(codes[i], Totp.code(RFC_SECRET, Totp.step(times[i]), 8), "T = " + times[i]);
        }
        // Six digits are the last six of the eight (the modulus is a power of ten).
        assertEquals("287082", Totp.code(RFC_SECRET, Totp.step(59)));
        assertEquals("081804", Totp.code(RFC_SECRET, Totp.step(1111111109L)), "leading zero kept");
    }

    @Test
    void acceptsTheStepBeforeAndAfterButNoFurther() {
        long now = Totp.step(1234567890L);
        for (int offset = -1; offset <= 1; offset++) {
            assertEquals(OptionalLong.of(now + offset), Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, now + offset), now), "offset " + offset);
        }
        assertTrue(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, now - 2), now).isEmpty());
        assertTrue(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, now + 2), now).isEmpty());
        assertTrue(Totp.matchingStep(RFC_SECRET, "12345", now).isEmpty());
        assertTrue(Totp.matchingStep(RFC_SECRET, "abcdef", now).isEmpty());
        assertTrue(Totp.matchingStep(RFC_SECRET, null, now).isEmpty());
    }

    @Test
    void base32AsAuthenticatorAppsReadIt() {
        // RFC 4648 section 10 vectors (without padding).
        assertEquals("", Base32.encode(new byte[0]));
        assertEquals("MY", Base32.encode("f".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXW6YQ", Base32.encode("foob".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXW6YTBOI", Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.encode(RFC_SECRET));
        assertArrayEquals(RFC_SECRET, Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"));
        assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Base32.decode("MZXW6YTBOI======"));
        byte[] secret = Totp.newSecret();
        assertEquals(32, Base32.encode(secret).length(), "20 bytes are 32 characters");
        assertArrayEquals(secret, Base32.decode(Base32.encode(secret)));
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZ1W"));
    }

    @Test
    void recoveryCodesAreTenDistinctAndReadAsTyped() {
        var codes = RecoveryCodes.generate();
        assertEquals(10, codes.size());
        assertEquals(10, codes.stream().distinct().count());
        String code = codes.get(0);
        assertTrue(code.matches("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}"), code);
        String typed = " " + code.toUpperCase().replace("-", " ") + " ";
        assertEquals(RecoveryCodes.normalize(code), RecoveryCodes.normalize(typed));
        assertTrue(RecoveryCodes.looksLikeOne(RecoveryCodes.normalize(typed)));
        assertNotEquals(RecoveryCodes.hash(1, RecoveryCodes.normalize(code)), RecoveryCodes.hash(2, RecoveryCodes.normalize(code)),
                "the same code of another account hashes differently");
    }

    @Test
    void secretsAreSealedWithTheKeyAndReadableOnlyWithIt() {
        byte[] secret = Totp.newSecret();
        var key = SecretSealing.keyOf("a key from a password alias");
        String sealed = SecretSealing.seal(secret, key);
        assertTrue(sealed.startsWith("a1:"), sealed);
        assertArrayEquals(secret, SecretSealing.open(sealed, key));
        assertThrows(IllegalStateException.class, () -> SecretSealing.open(sealed, SecretSealing.keyOf("another key")));
        assertThrows(IllegalStateException.class, () -> SecretSealing.open(sealed, null));
        String plain = SecretSealing.seal(secret, null);
        assertArrayEquals(secret, SecretSealing.open(plain, key), "stored before a key was set: still readable");
    }

    /** Issue 23 review (authfix): the account's id is bound in; values sealed before (a1:) stay readable. */
    @Test
    void aSealedSecretOpensOnlyForItsOwnAccount() {
        byte[] secret = Totp.newSecret();
        var key = SecretSealing.keyOf("a key from a password alias");
        String sealed = SecretSealing.seal(secret, key, 7);
        assertTrue(sealed.startsWith("a2:"), sealed);
        assertArrayEquals(secret, SecretSealing.open(sealed, key, 7));
        assertThrows(IllegalStateException.class, () -> SecretSealing.open(sealed, key, 8), "copied into another account's row");
        assertThrows(IllegalStateException.class, () -> SecretSealing.open(sealed, null, 7));
        String old = SecretSealing.seal(secret, key);
        assertArrayEquals(secret, SecretSealing.open(old, key, 7), "sealed before the account was bound in: still readable");
        assertArrayEquals(secret, SecretSealing.open(SecretSealing.seal(secret, null, 7), key, 7), "plain: still readable");
    }
}
