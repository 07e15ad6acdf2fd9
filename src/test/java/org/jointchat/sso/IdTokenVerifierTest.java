package org.jointchat.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The ID token checks of OpenID Connect Core 3.1.3.7, each refusal on its own. */
class IdTokenVerifierTest {

    static final String ISSUER = "https://sso.example.test/realms/acme";
    static final String CLIENT = "jointchat";
    static final String NONCE = "n-0S6_WzA2Mj";
    static final KeyPair KEYS = generate();
    static final KeyPair OTHER_KEYS = generate();
    final Instant now = Instant.parse("2026-12-07T08:00:00Z");
    final Function<String, Optional<PublicKey>> jwks = kid -> "k1".equals(kid) ? Optional.of(KEYS.getPublic()) : Optional.empty();

    @Test
    void aTokenSignedByTheProviderForThisClientAndSignInIsValid() {
        var claims = IdTokenVerifier.verify(token(KEYS, "k1", "RS256", claims()), jwks, ISSUER, CLIENT, NONCE, now);
        assertEquals("248289761001", claims.getString("sub"));
        assertEquals("alice", claims.getString("preferred_username"));
    }

    @Test
    void aForgedSignatureIsRefused() {
        assertRefused(token(OTHER_KEYS, "k1", "RS256", claims()), "bad signature");
    }

    @Test
    void anUnknownKeyOrAnotherAlgorithmIsRefused() {
        assertRefused(token(KEYS, "k9", "RS256", claims()), "no key");
        assertRefused(token(KEYS, "k1", "HS256", claims()), "unsupported signature algorithm");
        assertRefused("a.b", "not a signed JWT");
    }

    @Test
    void anotherIssuerAudienceOrNonceIsRefused() {
        assertRefused(token(KEYS, "k1", "RS256", claims().add("iss", "https://evil.example.test")), "issuer");
        assertRefused(token(KEYS, "k1", "RS256", claims().add("aud", "another-client")), "audience");
        assertRefused(token(KEYS, "k1", "RS256", claims().add("aud", Json.createArrayBuilder().add(CLIENT).add("other"))
                .add("azp", "other")), "azp");
        assertRefused(token(KEYS, "k1", "RS256", claims().add("nonce", "replayed")), "nonce");
        assertRefused(token(KEYS, "k1", "RS256", claims().remove("nonce")), "nonce");
    }

    @Test
    void theIssuerMustMatchExactlyAndAPresentAzpMustBeThisClient() {
        assertRefused(token(KEYS, "k1", "RS256", claims().add("iss", ISSUER + "/")), "issuer");
        assertRefused(token(KEYS, "k1", "RS256", claims().add("azp", "other")), "azp");
        IdTokenVerifier.verify(token(KEYS, "k1", "RS256", claims().add("azp", CLIENT)), jwks, ISSUER, CLIENT, NONCE, now);
    }

    @Test
    void aTokenWithoutIatOrIssuedInTheFutureIsRefused() {
        assertRefused(token(KEYS, "k1", "RS256", claims().remove("iat")), "without iat");
        assertRefused(token(KEYS, "k1", "RS256", claims().add("iat", now.getEpochSecond() + 120)), "in the future");
        IdTokenVerifier.verify(token(KEYS, "k1", "RS256", claims().add("iat", now.getEpochSecond() + 30)), jwks, ISSUER, CLIENT, NONCE, now);
    }

    @Test
    void anUnsignedTokenOrACriticalHeaderIsRefused() {
        String signed = token(KEYS, "k1", "RS256", claims());
        String unsigned = signed.substring(0, signed.lastIndexOf('.') + 1);
        assertRefused(unsigned, "no signature");
        String none = b64(Json.createObjectBuilder().add("alg", "none").build().toString().getBytes(StandardCharsets.UTF_8))
                + unsigned.substring(unsigned.indexOf('.'));
        assertRefused(none, "unsupported signature algorithm");
        var critical = Json.createObjectBuilder().add("alg", "RS256").add("kid", "k1")
                .add("crit", Json.createArrayBuilder().add("exp-ext")).add("exp-ext", true).build();
        assertRefused(token(KEYS, critical, claims()), "critical");
    }

    @Test
    void anExpiredTokenIsRefusedAfterAMinuteOfClockSkew() {
        long exp = now.getEpochSecond() - 30;
        IdTokenVerifier.verify(token(KEYS, "k1", "RS256", claims().add("exp", exp)), jwks, ISSUER, CLIENT, NONCE, now);
        assertRefused(token(KEYS, "k1", "RS256", claims().add("exp", now.getEpochSecond() - 61)), "expired");
        assertRefused(token(KEYS, "k1", "RS256", claims().remove("exp")), "expired");
    }

    @Test
    void aJwkBecomesTheSameRsaKey() {
        var rsa = (RSAPublicKey) KEYS.getPublic();
        var jwk = Json.createObjectBuilder().add("kty", "RSA").add("use", "sig").add("kid", "k1")
                .add("n", b64(unsigned(rsa.getModulus().toByteArray()))).add("e", b64(rsa.getPublicExponent().toByteArray())).build();
        assertEquals(KEYS.getPublic(), IdTokenVerifier.rsaKey(jwk).orElseThrow());
        assertTrue(IdTokenVerifier.rsaKey(Json.createObjectBuilder().add("kty", "EC").build()).isEmpty());
        assertTrue(IdTokenVerifier.rsaKey(Json.createObjectBuilder(jwk).add("use", "enc").build()).isEmpty());
    }

    @Test
    void thePkceChallengeIsRfc7636s() {
        // RFC 7636, appendix B.
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", SingleSignOn.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    private void assertRefused(String token, String why) {
        var refusal = assertThrows(IllegalArgumentException.class, () -> IdTokenVerifier.verify(token, jwks, ISSUER, CLIENT, NONCE, now));
        assertTrue(refusal.getMessage().contains(why), refusal.getMessage());
    }

    private JsonObjectBuilder claims() {
        return Json.createObjectBuilder().add("iss", ISSUER).add("sub", "248289761001").add("aud", CLIENT)
                .add("exp", now.getEpochSecond() + 300).add("iat", now.getEpochSecond()).add("nonce", NONCE)
                .add("preferred_username", "alice");
    }

    private static String token(KeyPair keys, String kid, String alg, JsonObjectBuilder claims) {
        return token(keys, Json.createObjectBuilder().add("alg", alg).add("kid", kid).add("typ", "JWT").build(), claims);
    }

    private static String token(KeyPair keys, JsonObject header, JsonObjectBuilder claims) {
        String signingInput = b64(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.build().toString().getBytes(StandardCharsets.UTF_8));
        try {
            var signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair generate() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
