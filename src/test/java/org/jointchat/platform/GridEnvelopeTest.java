package org.jointchat.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What crosses the data grid is accepted only when it was sealed with the same secret, for the same channel, unchanged;
 * a subscriber of the grid gets only such payloads, and the rest is dropped (and counted) before it.
 */
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

    /** A message frame as an instance publishes it (kind, count, room, version, seq, created, the frame's JSON with its html). */
    static byte[] frame(String html) {
        return Cluster.message((byte) 'M', out -> {
            out.writeInt(1);
            out.writeLong(42);
            out.writeLong(7);
            out.writeLong(7);
            out.writeBoolean(true);
            byte[] json = ("{\"type\":\"message\",\"html\":\"" + html + "\"}").getBytes(StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
        });
    }

    /** A relayed event (kind, registered name, JSON): the one that closes a user's sockets everywhere. */
    static byte[] event(long userId) {
        return Cluster.message((byte) 'E', out -> {
            out.writeUTF("credentials");
            byte[] json = ("{\"credentialsVersion\":2,\"user\":{\"id\":" + userId + ",\"login\":\"ann\",\"displayName\":\"Ann\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
        });
    }

    @Test
    void theGridsSubscriberGetsOnlyVerifiedFramesAndEventsAndEverythingElseIsDropped() {
        var delivered = new ArrayList<byte[]>();
        var dropped = new ArrayList<String>();
        var left = new ArrayList<String>();
        var subscriber = Cluster.verifying("chat", new GridEnvelope(SECRET), new Cluster.Receiver() {
            @Override
            public void received(String from, byte[] payload) {
                delivered.add(payload);
            }

            @Override
            public void memberLeft(String member) {
                left.add(member);
            }
        }, (channel, from) -> dropped.add(channel + " from " + from));
        var ours = new GridEnvelope(SECRET);
        byte[] frame = frame("<p>hi</p>");
        byte[] event = event(7);

        subscriber.received("instance-2", ours.seal("chat", frame));
        subscriber.received("instance-2", ours.seal("chat", event));

        // A member that joined the grid without the cluster's secret, or one replaying and changing what it saw:
        subscriber.received("intruder", new GridEnvelope("not this cluster's secret at all").seal("chat", frame(
                "<img src=x onerror=alert(1)>")));
        subscriber.received("intruder", frame);                                       // no tag at all
        subscriber.received("intruder", event(1));                                    // an event, unsealed
        byte[] sealedHtml = ours.seal("chat", frame);
        byte[] changed = ours.seal("chat", frame("<b>hi</b>"));                       // same length, another html...
        System.arraycopy(sealedHtml, sealedHtml.length - GridEnvelope.TAG_BYTES, changed, changed.length - GridEnvelope.TAG_BYTES,
                GridEnvelope.TAG_BYTES);                                              // ...under the tag of the original
        subscriber.received("intruder", changed);
        subscriber.received("intruder", ours.seal("presence", event));                // another channel's, replayed here
        subscriber.received("intruder", new byte[0]);                                 // not bytes (HazelcastGrid passes empty)
        subscriber.memberLeft("instance-3");

        assertEquals(2, delivered.size(), "only the two sealed with the secret for this channel");
        assertArrayEquals(frame, delivered.get(0));
        assertArrayEquals(event, delivered.get(1));
        assertEquals(List.of("chat from intruder", "chat from intruder", "chat from intruder", "chat from intruder",
                "chat from intruder", "chat from intruder"), dropped, "each of the others dropped and told");
        assertEquals(List.of("instance-3"), left, "membership news passes through");
    }
}
