package org.jointchat.realtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which Origins may open a socket: the server's own (same host and port) and configured ones, nothing else. */
class HandshakeGuardTest {

    private static HttpServletRequest withHost(String host) {
        return (HttpServletRequest) Proxy.newProxyInstance(HandshakeGuardTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> "getHeader".equals(method.getName())
                        && "Host".equals(args[0]) ? host : null);
    }

    private static HandshakeGuard guard(String configured) {
        var guard = new HandshakeGuard();
        guard.allowedOrigins = Optional.ofNullable(configured);
        return guard;
    }

    @Test
    void theServersOwnOriginIsAllowed() {
        assertTrue(guard(null).allowed("http://chat.example:8080", withHost("chat.example:8080")));
        assertTrue(guard(null).allowed("https://chat.example", withHost("chat.example")));
        assertTrue(guard(null).allowed("https://chat.example", withHost("chat.example:443")));
    }

    @Test
    void foreignLookAlikeAndMalformedOriginsAreNot() {
        var request = withHost("chat.example:8080");
        for (String origin : new String[] {"http://evil.example", "http://chat.example:8081", "http://chat.example.evil.example:8080",
                "null", "not a uri", "http://evil.example@chat.example:8080x"}) {
            assertFalse(guard(null).allowed(origin, request), origin);
        }
    }

    @Test
    void configuredOriginsAreAllowedExactly() {
        var guard = guard("https://app.example, https://other.example");
        assertTrue(guard.allowed("https://other.example", withHost("chat.example")));
        assertFalse(guard.allowed("https://other.example.evil", withHost("chat.example")));
    }
}
