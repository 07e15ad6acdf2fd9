package org.jointchat.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** X-Forwarded-For is believed only from a trusted proxy, and then only as far as the proxies go. */
class ClientAddressTest {

    private static final Set<String> PROXY = ClientAddress.list("127.0.0.9, ::1");

    @Test
    void anUntrustedPeerIsTheClientWhateverItClaims() {
        assertEquals("192.0.2.7", ClientAddress.resolve("192.0.2.7", List.of("203.0.113.1"), PROXY));
        assertEquals("192.0.2.7", ClientAddress.resolve("192.0.2.7", List.of(), Set.of()));
    }

    @Test
    void behindTheTrustedProxyTheClientIsTheHopItSaw() {
        assertEquals("203.0.113.1", ClientAddress.resolve("127.0.0.9", List.of("203.0.113.1"), PROXY));
        // The client wrote a fake first hop itself; the proxy appended the address it really saw.
        assertEquals("203.0.113.1", ClientAddress.resolve("127.0.0.9", List.of("10.9.9.9, 203.0.113.1"), PROXY));
        assertEquals("203.0.113.1", ClientAddress.resolve("127.0.0.9", List.of("10.9.9.9", "203.0.113.1"), PROXY));
        // A chain of trusted proxies is skipped.
        assertEquals("203.0.113.1", ClientAddress.resolve("127.0.0.9", List.of("203.0.113.1, ::1"), PROXY));
        // No header: the proxy itself.
        assertEquals("127.0.0.9", ClientAddress.resolve("127.0.0.9", List.of(), PROXY));
    }

    @Test
    void oneSpellingPerAddress() {
        assertEquals("0:0:0:0:0:0:0:1", ClientAddress.normalize("::1"));
        assertEquals("0:0:0:0:0:0:0:1", ClientAddress.normalize("[0:0:0:0:0:0:0:1]"));
        assertEquals("fe80:0:0:0:0:0:0:1", ClientAddress.normalize("fe80::1%eth0"));
        assertEquals("192.0.2.7", ClientAddress.normalize(" 192.0.2.7 "));
        assertEquals("unknown", ClientAddress.normalize("UNKNOWN"));
        assertEquals(Set.of("127.0.0.1", "0:0:0:0:0:0:0:1"), ClientAddress.list("127.0.0.1,::1"));
        assertEquals(Set.of(), ClientAddress.list(""));
    }

    @Test
    void ipv6AddressesAreLimitedByTheirSlash64AndExemptOnesStayExempt() {
        assertEquals("2001:db8:0:7::/64", ClientAddress.limitKey(ClientAddress.normalize("2001:db8:0:7::1")));
        assertEquals("192.0.2.7", ClientAddress.limitKey("192.0.2.7"));
        var buckets = new AddressBuckets(TokenBucket.of(2, 1, java.time.Duration.ofHours(1)), 100, ClientAddress.list("::1"));
        long now = TokenBucket.now();
        assertEquals(0, buckets.take(ClientAddress.normalize("2001:db8:0:7::1"), now));
        assertEquals(0, buckets.take(ClientAddress.normalize("2001:db8:0:7::2"), now));
        // A third address of the same /64 is the same client: over its burst.
        assertTrue(buckets.take(ClientAddress.normalize("2001:db8:0:7:ffff::3"), now) > 0);
        // Another /64 is someone else.
        assertEquals(0, buckets.take(ClientAddress.normalize("2001:db8:0:8::1"), now));
        for (int i = 0; i < 5; i++) {
            assertEquals(0, buckets.take(ClientAddress.normalize("::1"), now));
        }
    }
}
