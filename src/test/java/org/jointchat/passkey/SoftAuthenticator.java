package org.jointchat.passkey;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A passkey in software (one P-256 key, "none" attestation) for API tests: it answers a ceremony with whatever
 * challenge, origin and counter the test chooses, so the server's refusals can be provoked one by one.
 */
final class SoftAuthenticator {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final ObjectConverter converter = new ObjectConverter();
    private final KeyPair keys;
    private final byte[] credentialId = new byte[16];
    private final String rpId;

    SoftAuthenticator(String rpId) throws Exception {
        this.rpId = rpId;
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        new java.security.SecureRandom().nextBytes(credentialId);
    }

    /** The answer to registration options: RegistrationResponseJSON. */
    String register(String challenge, String origin) throws Exception {
        var attested = new AttestedCredentialData(AAGUID.ZERO, credentialId,
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
        var authData = new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV | AuthenticatorData.BIT_AT), 0, attested);
        @SuppressWarnings({"unchecked", "rawtypes"})
        var attestation = new AttestationObject((AuthenticatorData) authData, new NoneAttestationStatement());
        var response = Json.createObjectBuilder()
                .add("clientDataJSON", B64.encodeToString(clientData("webauthn.create", challenge, origin)))
                .add("attestationObject", B64.encodeToString(new AttestationObjectConverter(converter).convertToBytes(attestation)))
                .add("transports", Json.createArrayBuilder().add("internal"));
        return credential(response);
    }

    /** The answer to sign-in options: AuthenticationResponseJSON, signed with this counter. */
    String signIn(String challenge, String origin, long counter, byte[] userHandle) throws Exception {
        byte[] authData = new AuthenticatorDataConverter(converter).convert(new AuthenticatorData<>(
                sha256(rpId.getBytes(StandardCharsets.UTF_8)), (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV), counter));
        byte[] clientData = clientData("webauthn.get", challenge, origin);
        var signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(authData);
        signer.update(sha256(clientData));
        var response = Json.createObjectBuilder()
                .add("clientDataJSON", B64.encodeToString(clientData))
                .add("authenticatorData", B64.encodeToString(authData))
                .add("signature", B64.encodeToString(signer.sign()));
        if (userHandle != null) { // null: an answer without a user handle (refused for a password-less sign-in)
            response.add("userHandle", B64.encodeToString(userHandle));
        }
        return credential(response);
    }

    private String credential(jakarta.json.JsonObjectBuilder response) {
        return Json.createObjectBuilder().add("id", B64.encodeToString(credentialId)).add("rawId", B64.encodeToString(credentialId))
                .add("type", "public-key").add("response", response).add("clientExtensionResults", Json.createObjectBuilder())
                .build().toString();
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        return Json.createObjectBuilder().add("type", type).add("challenge", challenge).add("origin", origin)
                .add("crossOrigin", false).build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
