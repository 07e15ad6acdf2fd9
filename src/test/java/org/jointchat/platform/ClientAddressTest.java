package org.jointchat.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
