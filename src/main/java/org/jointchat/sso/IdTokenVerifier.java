package org.jointchat.sso;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Validates an ID token (a JWS in compact form) as OpenID Connect Core 3.1.3.7 asks: the RS256 signature against
 * the provider's key (from its JWKS, by "kid"; no "crit" extensions, no "none"), the issuer (exactly), the audience
 * and "azp" (when there are several audiences or it is present), the expiry and the issue time (a minute of clock
 * skew), and the nonce this sign-in sent. Plain java.security: no JWT library.
 * Pure logic, so that its refusals are unit-tested.
 */
public final class IdTokenVerifier {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private IdTokenVerifier() {
    }

    /**
     * The token's claims when it is valid; otherwise an {@link IllegalArgumentException} saying why (for the log).
     *
     * @param keys the provider's key for a "kid" (null kid: the only key), empty when it has none such
     */
    public static JsonObject verify(String idToken, Function<String, Optional<PublicKey>> keys, String issuer,
            String clientId, String nonce, Instant now) {
        String[] parts = idToken == null ? new String[0] : idToken.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a signed JWT");
        }
        JsonObject header = json(parts[0]);
        if (!"RS256".equals(header.getString("alg", null))) { // "none" and HMAC among them
            throw new IllegalArgumentException("unsupported signature algorithm " + header.get("alg"));
        }
        if (header.containsKey("crit")) { // RFC 7515 4.1.11: extensions this code does not understand
            throw new IllegalArgumentException("critical header extensions " + header.get("crit"));
        }
        if (parts[2].isEmpty()) {
            throw new IllegalArgumentException("no signature");
        }
        PublicKey key = keys.apply(header.getString("kid", null))
                .orElseThrow(() -> new IllegalArgumentException("no key " + header.get("kid") + " in the provider's JWKS"));
        try {
            var signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new IllegalArgumentException("bad signature");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("signature not verifiable: " + e.getMessage(), e);
        }
        JsonObject claims = json(parts[1]);
        if (!issuer.equals(claims.getString("iss", null))) { // exactly, as OIDC Core 3.1.3.7 asks
            throw new IllegalArgumentException("issuer " + claims.get("iss") + " is not " + issuer);
        }
        if (!audienceContains(claims.get("aud"), clientId)) {
            throw new IllegalArgumentException("audience " + claims.get("aud") + " does not contain " + clientId);
        }
        if ((claims.get("aud") instanceof JsonArray audiences && audiences.size() > 1 || claims.containsKey("azp"))
                && !clientId.equals(claims.getString("azp", null))) {
            throw new IllegalArgumentException("azp " + claims.get("azp") + " is not " + clientId);
        }
        if (!(claims.get("exp") instanceof JsonNumber exp)
                || Instant.ofEpochSecond(exp.longValue()).plus(CLOCK_SKEW).isBefore(now)) {
            throw new IllegalArgumentException("expired or without exp");
        }
        if (!(claims.get("iat") instanceof JsonNumber iat)) {
            throw new IllegalArgumentException("without iat");
        }
        if (Instant.ofEpochSecond(iat.longValue()).minus(CLOCK_SKEW).isAfter(now)) {
            throw new IllegalArgumentException("issued in the future");
        }
        if (nonce == null || !nonce.equals(claims.getString("nonce", null))) {
            throw new IllegalArgumentException("nonce does not match this sign-in");
        }
        if (claims.getString("sub", "").isEmpty()) {
            throw new IllegalArgumentException("no subject");
        }
        return claims;
    }

    /** An RSA public key from a JWK ("kty": "RSA", "n", "e"); empty for any other kind of key. */
    static Optional<PublicKey> rsaKey(JsonObject jwk) {
        if (!"RSA".equals(jwk.getString("kty", null)) || (jwk.containsKey("use") && !"sig".equals(jwk.getString("use", null)))) {
            return Optional.empty();
        }
        try {
            var n = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("n")));
            var e = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("e")));
            return Optional.of(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
        } catch (GeneralSecurityException | RuntimeException broken) {
            return Optional.empty();
        }
    }

    private static boolean audienceContains(JsonValue aud, String clientId) {
        if (aud instanceof JsonString single) {
            return single.getString().equals(clientId);
        }
        return aud instanceof JsonArray many
                && many.stream().anyMatch(a -> a instanceof JsonString s && s.getString().equals(clientId));
    }

    private static JsonObject json(String base64url) {
        try (var reader = Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (RuntimeException broken) {
            throw new IllegalArgumentException("not a JWT: " + broken.getMessage(), broken);
        }
    }
}
