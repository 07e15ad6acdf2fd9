package org.jointchat.passkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The relying party's defaults (issue 23, item 4): a host name, never an IP address; the allowed origins too. */
class RelyingPartyTest {

    @Test
    void theRpIdIsTheSettingElseTheRequestsHostNameElseOneOfTheAllowedOrigins() {
        assertEquals("chat.example.org", RelyingParty.rpId(Optional.of("Chat.Example.org"), "10.0.0.1", Optional.empty()));
        assertEquals("localhost", RelyingParty.rpId(Optional.empty(), "localhost", Optional.empty()));
        assertEquals("chat.example.org", RelyingParty.rpId(Optional.empty(), "127.0.0.1",
                Optional.of("http://127.0.0.1:8080, https://chat.example.org")));
        assertEquals("localhost", RelyingParty.rpId(Optional.empty(), "::1", Optional.empty()));
    }

    @Test
    void theOriginsAreTheSettingElseTheRequestsOwnAndTheAllowedOnes() {
        assertEquals(List.of("https://chat.example.org"), List.copyOf(RelyingParty.origins(Optional.of("https://chat.example.org/"),
                "http://internal:8080", Optional.of("http://x"))));
        assertEquals(List.of("http://localhost:18080", "http://127.0.0.1:18080"), List.copyOf(RelyingParty.origins(Optional.empty(),
                "http://localhost:18080", Optional.of("http://localhost:18080,http://127.0.0.1:18080"))));
    }

    /** Issue 23 review (authfix): a server reached by a real name without the setting logs SEVERE; development does not. */
    @Test
    void anUnsetRpIdIsReportedOutsideTheDevelopersMachineOnly() {
        for (String host : new String[] {"localhost", "127.0.0.1", "::1", "LocalHost", "app.localhost"}) {
            assertFalse(RelyingParty.needsSetting(Optional.empty(), host), host);
        }
        assertTrue(RelyingParty.needsSetting(Optional.empty(), "chat.example.org"));
        assertTrue(RelyingParty.needsSetting(Optional.of("  "), "10.0.0.7"));
        assertFalse(RelyingParty.needsSetting(Optional.of("chat.example.org"), "chat.example.org"));
    }
}
