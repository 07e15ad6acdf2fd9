package org.jointchat.sso;

import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * What single sign-on needs from the provider's discovery document (/.well-known/openid-configuration).
 *
 * @param endSessionEndpoint the provider's logout (RP-initiated logout), when it has one
 */
public record ProviderMetadata(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri,
        Optional<String> endSessionEndpoint) {

    /** Reads the document; fails when a required entry is missing or names another issuer than the configured one. */
    static ProviderMetadata of(JsonObject document, String expectedIssuer) {
        String issuer = required(document, "issuer");
        if (!trimSlash(issuer).equals(trimSlash(expectedIssuer))) {
            throw new IllegalArgumentException("the discovery document names issuer " + issuer + ", not " + expectedIssuer);
        }
        return new ProviderMetadata(issuer, required(document, "authorization_endpoint"), required(document, "token_endpoint"),
                required(document, "jwks_uri"), Optional.ofNullable(document.getString("end_session_endpoint", null)));
    }

    private static String required(JsonObject document, String name) {
        String value = document.getString(name, null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the discovery document has no " + name);
        }
        return value;
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
