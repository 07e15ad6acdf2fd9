package org.jointchat.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What crosses the data grid is accepted only when it was sealed with the same secret, for the same channel, unchanged. */
class GridEnvelopeTest {

    static final String SECRET = "3f1c9a0d6b2e4f5a8c7d9e0f1a2b3c4d";
    static final byte[] PAYLOAD = "M{\"type\":\"message\",\"html\":\"<p>hi</p>\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSealedPayloadOpensUnchangedWithTheSameSecret() {
        byte[] sealed = new GridEnvelope(SECRET).seal("chat", PAYLOAD);
        assertEquals(PAYLOAD.length + GridEnvelope.TAG_BYTES, sealed.length, "the payload plus a 32-byte tag");
        assertArrayEquals(PAYLOAD, new GridEnvelope(SECRET).open("chat", sealed).orElseThrow());
    }

    @Test
    void anyChangedByteIsRejected() {
        var envelope = new GridEnvelope(SECRET);
        byte[] sealed = envelope.seal("chat", PAYLOAD);
        for (int i = 0; i < sealed.length; i++) {
            byte[] changed = sealed.clone();
            changed[i] ^= 0x01;
            assertTrue(envelope.open("chat", changed).isEmpty(), "byte " + i + " changed");
        }
        assertTrue(envelope.open("chat", Arrays.copyOf(sealed, sealed.length - 1)).isEmpty(), "cut short");
        assertTrue(envelope.open("chat", Arrays.copyOf(sealed, sealed.length + 1)).isEmpty(), "a byte added");
    }

    @Test
    void aWrongOrMissingKeyIsRejected() {
        byte[] sealed = new GridEnvelope(SECRET).seal("chat", PAYLOAD);
        assertTrue(new GridEnvelope(SECRET + "x").open("chat", sealed).isEmpty(), "another secret");
        assertTrue(new GridEnvelope(SECRET).open("chat", PAYLOAD).isEmpty(), "no tag at all (published without a key)");
        assertTrue(new GridEnvelope(SECRET).open("chat", new byte[0]).isEmpty(), "empty");
        assertTrue(new GridEnvelope(SECRET).open("chat", null).isEmpty(), "not bytes");
        assertThrows(IllegalArgumentException.class, () -> new GridEnvelope(null), "no secret: no envelope");
        assertThrows(IllegalArgumentException.class, () -> new GridEnvelope("short"), "a guessable secret is refused");
    }

    @Test
    void aPayloadSealedForOneChannelIsRejectedOnAnother() {
        byte[] sealed = new GridEnvelope(SECRET).seal("presence", PAYLOAD);
        assertTrue(new GridEnvelope(SECRET).open("chat", sealed).isEmpty());
    }
}
