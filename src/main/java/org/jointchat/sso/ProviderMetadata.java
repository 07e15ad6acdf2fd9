package org.jointchat.sso;

import jakarta.json.JsonObject;

/**
 * What single sign-on needs from the provider's discovery document (/.well-known/openid-configuration). Signing out
 * ends the JointChat session only (no RP-initiated logout at the provider; docs/operations.md).
 */
public record ProviderMetadata(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri) {

    /** Reads the document; fails when a required entry is missing or names another issuer than the configured one. */
    static ProviderMetadata of(JsonObject document, String expectedIssuer) {
        String issuer = required(document, "issuer");
        if (!issuer.equals(expectedIssuer)) { // exactly (OpenID Connect Discovery 4.3)
            throw new IllegalArgumentException("the discovery document names issuer " + issuer + ", not " + expectedIssuer);
        }
        return new ProviderMetadata(issuer, required(document, "authorization_endpoint"), required(document, "token_endpoint"),
                required(document, "jwks_uri"));
    }

    private static String required(JsonObject document, String name) {
        String value = document.getString(name, null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the discovery document has no " + name);
        }
        return value;
    }

    /** The issuer as the base of a URL below it (discovery): without its trailing slash. */
    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
