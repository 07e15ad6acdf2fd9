package org.jointchat.passkey;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jointchat.account.AccountService;
import org.jointchat.account.PendingSignIn;
import org.jointchat.account.UserRef;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.passkey.PasskeyChallenges.Issued;
import org.jointchat.passkey.PasskeyChallenges.Purpose;

/**
 * The rules of passkeys: registration (user verification preferred, a discoverable credential required so it can
 * sign in without a user name), the password-less sign-in and the second step after a password. Every answer is
 * verified by webauthn4j against the session's single-use challenge, the relying party's origins and rpId hash, the
 * stored public key and counter (one that goes backwards is refused).
 */
@ApplicationScoped
public class PasskeyService {

    private static final Logger LOG = Logger.getLogger(PasskeyService.class.getName());
    static final int NAME_MAX = 64;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    /** ES256, EdDSA, RS256: what authenticators offer, in order of preference. */
    private static final List<COSEAlgorithmIdentifier> ALGORITHMS = List.of(COSEAlgorithmIdentifier.ES256,
            COSEAlgorithmIdentifier.EdDSA, COSEAlgorithmIdentifier.RS256);

    private final ObjectConverter converter = new ObjectConverter();
    // Attestation is not checked ("none" asked for): any authenticator the user trusts will do.
    private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager(converter);

    @Inject
    PasskeyStore store;

    @Inject
    RelyingParty relyingParty;

    @Inject
    AccountService accounts;

    @Inject
    org.jointchat.account.TwoFactorPolicy policy;

    @Inject
    org.jointchat.account.OtherSignIns otherSignIns;

    /** What the signed-in account sees of its passkeys. */
    public List<Passkey> list(long userId) {
        return store.of(userId);
    }

    public JsonObject registrationOptions(UserRef user, HttpServletRequest request) {
        byte[] challenge = PasskeyChallenges.issue(request.getSession(true), Purpose.REGISTER, user.id(), false);
        var algorithms = Json.createArrayBuilder();
        ALGORITHMS.forEach(a -> algorithms.add(Json.createObjectBuilder().add("type", "public-key").add("alg", a.getValue())));
        var exclude = Json.createArrayBuilder();
        store.of(user.id()).forEach(p -> exclude.add(descriptor(p)));
        return Json.createObjectBuilder()
                .add("challenge", B64.encodeToString(challenge))
                .add("rp", Json.createObjectBuilder().add("id", relyingParty.rpId(request)).add("name", relyingParty.name()))
                .add("user", Json.createObjectBuilder().add("id", B64.encodeToString(userHandle(user.id())))
                        .add("name", user.login()).add("displayName", user.displayName()))
                .add("pubKeyCredParams", algorithms)
                .add("timeout", PasskeyChallenges.VALID.toMillis())
                .add("excludeCredentials", exclude)
                .add("authenticatorSelection", Json.createObjectBuilder().add("residentKey", "required")
                        .add("requireResidentKey", true).add("userVerification", "preferred"))
                .add("attestation", "none")
                .build();
    }

    /**
     * Verifies a new passkey's answer (the browser's RegistrationResponseJSON) and stores it under this name; in one
     * transaction with the end of the sign-ins made before it (no new factor beside a surviving older session).
     */
    @jakarta.transaction.Transactional
    public Passkey register(UserRef user, String name, String responseJson, HttpServletRequest request) {
        String cleanName = name(name);
        Issued issued = PasskeyChallenges.take(request.getSession(false), Purpose.REGISTER)
                .filter(i -> i.userId() == user.id())
                .orElseThrow(PasskeyService::expired);
        RegistrationData data;
        try {
            data = webAuthn.parseRegistrationResponseJSON(responseJson);
            var parameters = new RegistrationParameters(serverProperty(request, issued.challenge()),
                    ALGORITHMS.stream().map(a -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, a)).toList(),
                    false, true);
            webAuthn.verify(data, parameters);
        } catch (VerificationException e) {
            LOG.log(Level.FINE, "passkey registration refused", e);
            throw refused();
        } catch (RuntimeException malformed) { // webauthn4j's DataConversionException and the like
            LOG.log(Level.FINE, "passkey registration unreadable", malformed);
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        var authenticatorData = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData credential = authenticatorData.getAttestedCredentialData();
        if (store.exists(credential.getCredentialId())) {
            throw new ProblemException(ProblemType.VALIDATION, "passkey.alreadyRegistered");
        }
        String transports = data.getTransports() == null ? "" : data.getTransports().stream()
                .map(AuthenticatorTransport::getValue).sorted().collect(Collectors.joining(","));
        try {
            store.add(user.id(), credential.getCredentialId(), converter.getCborConverter().writeValueAsBytes(credential.getCOSEKey()),
                credential.getAaguid().getValue() == null ? new java.util.UUID(0, 0) : credential.getAaguid().getValue(),
                authenticatorData.getSignCount(), authenticatorData.isFlagUV(), authenticatorData.isFlagBE(),
                authenticatorData.isFlagBS(), transports.length() > 200 ? "" : transports, cleanName);
        } catch (RuntimeException e) {
            if (org.jointchat.platform.Database.hasSqlState(e, "23505")) { // the same passkey registered twice at once
                throw new ProblemException(ProblemType.VALIDATION, "passkey.alreadyRegistered");
            }
            throw e;
        }
        otherSignIns.end(user.id()); // a sign-in remembered before this factor ends (issue 23 review, authfix)
        return store.byCredentialId(credential.getCredentialId()).orElseThrow();
    }

    /**
     * Options for a sign-in: without a pending password ({@code SIGN_IN}) any discoverable passkey of this site
     * (no user name asked); as the second step, only the pending account's passkeys.
     */
    public JsonObject signInOptions(Purpose purpose, boolean rememberMe, HttpServletRequest request) {
        var session = request.getSession(true);
        var allow = Json.createArrayBuilder();
        long userId = 0;
        boolean remember = rememberMe;
        if (purpose == Purpose.SECOND_STEP) {
            var pending = pending(request);
            userId = pending.id();
            remember = PendingSignIn.of(session).rememberMe();
            store.of(userId).forEach(p -> allow.add(descriptor(p)));
        }
        byte[] challenge = PasskeyChallenges.issue(session, purpose, userId, remember);
        return Json.createObjectBuilder()
                .add("challenge", B64.encodeToString(challenge))
                .add("rpId", relyingParty.rpId(request))
                .add("timeout", PasskeyChallenges.VALID.toMillis())
                .add("allowCredentials", allow)
                // A password-less sign-in is both factors at once: the authenticator must verify the user.
                .add("userVerification", purpose == Purpose.SIGN_IN ? "required" : "preferred")
                .build();
    }

    /** A verified sign-in: the account's login and whether to keep it signed in. */
    public record SignedIn(String login, boolean rememberMe) {
    }

    /** Verifies a sign-in answer (the browser's AuthenticationResponseJSON) for the purpose its challenge was for. */
    public SignedIn signIn(Purpose purpose, String responseJson, HttpServletRequest request) {
        UserRef pendingUser = purpose == Purpose.SECOND_STEP ? pending(request) : null;
        Issued issued = PasskeyChallenges.take(request.getSession(false), purpose).orElseThrow(PasskeyService::expired);
        if (pendingUser != null && issued.userId() != pendingUser.id()) {
            throw expired(); // the options were asked for another pending sign-in of this session
        }
        AuthenticationData data;
        try {
            data = webAuthn.parseAuthenticationResponseJSON(responseJson);
        } catch (RuntimeException malformed) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        Passkey passkey = store.byCredentialId(data.getCredentialId())
                .filter(p -> pendingUser == null || p.userId() == pendingUser.id())
                .orElseThrow(() -> new ProblemException(ProblemType.INVALID_CREDENTIALS, "passkey.unknown"));
        // A password-less sign-in names its account by the user handle: required, and it must be the passkey's.
        if ((purpose == Purpose.SIGN_IN && data.getUserHandle() == null)
                || (data.getUserHandle() != null && !Arrays.equals(data.getUserHandle(), userHandle(passkey.userId())))) {
            throw refused();
        }
        try {
            var record = new CredentialRecordImpl(null, passkey.uvInitialized(), passkey.backupEligible(), passkey.backedUp(),
                    passkey.signCount(), new AttestedCredentialData(new AAGUID(passkey.aaguid()), passkey.credentialId(),
                            converter.getCborConverter().readValue(passkey.publicKey(), COSEKey.class)),
                    null, null, null, transports(passkey));
            webAuthn.verify(data, new AuthenticationParameters(serverProperty(request, issued.challenge()), record,
                    purpose == Purpose.SECOND_STEP ? List.of(passkey.credentialId()) : null,
                    purpose == Purpose.SIGN_IN, true));
        } catch (VerificationException e) {
            LOG.log(Level.FINE, "passkey sign-in refused", e);
            throw refused();
        }
        long newCount = data.getAuthenticatorData().getSignCount();
        if (!store.used(passkey.id(), passkey.signCount(), newCount, data.getAuthenticatorData().isFlagBS())) {
            throw refused(); // removed, or used by another sign-in meanwhile
        }
        var user = accounts.findById(passkey.userId()).orElseThrow(() -> new ProblemException(ProblemType.INVALID_CREDENTIALS, "passkey.unknown"));
        return new SignedIn(user.getLogin(), issued.rememberMe());
    }

    public void rename(long userId, long id, String name) {
        if (!store.rename(userId, id, name(name))) {
            throw new ProblemException(ProblemType.NOT_FOUND, "passkey.notFound");
        }
    }

    @jakarta.transaction.Transactional
    public void remove(long userId, long id) {
        // The two-factor policy's last factor stays (issue 23 review, authfix).
        if (store.of(userId).size() == 1 && store.of(userId).get(0).id() == id) {
            accounts.findById(userId).ifPresent(policy::refuseRemovingLastFactor);
        }
        if (!store.remove(userId, id)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "passkey.notFound");
        }
    }

    /** The account of this session's pending sign-in (a right password waiting for its second step). */
    private UserRef pending(HttpServletRequest request) {
        var pending = PendingSignIn.of(request.getSession(false));
        if (pending == null || pending.credentialsVersion() != accounts.credentialsVersion(pending.login())) {
            throw new ProblemException(ProblemType.INVALID_CREDENTIALS, "passkey.noPendingSignIn");
        }
        return accounts.ref(pending.login()).orElseThrow(() -> new ProblemException(ProblemType.INVALID_CREDENTIALS, "passkey.noPendingSignIn"));
    }

    private ServerProperty serverProperty(HttpServletRequest request, byte[] challenge) {
        Set<Origin> origins = relyingParty.origins(request).stream().map(Origin::new).collect(Collectors.toSet());
        return new ServerProperty(origins, relyingParty.rpId(request), new DefaultChallenge(challenge));
    }

    private static JsonObject descriptor(Passkey p) {
        var json = Json.createObjectBuilder().add("type", "public-key").add("id", B64.encodeToString(p.credentialId()));
        if (!p.transports().isEmpty()) {
            var transports = Json.createArrayBuilder();
            Arrays.stream(p.transports().split(",")).forEach(transports::add);
            json.add("transports", transports);
        }
        return json.build();
    }

    private static Set<AuthenticatorTransport> transports(Passkey p) {
        return p.transports().isEmpty() ? Set.of() : Arrays.stream(p.transports().split(","))
                .map(AuthenticatorTransport::create).collect(Collectors.toSet());
    }

    /** The WebAuthn user handle of an account: its id in 8 bytes (no personal data, stable). */
    static byte[] userHandle(long userId) {
        return ByteBuffer.allocate(Long.BYTES).putLong(userId).array();
    }

    static String name(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > NAME_MAX || clean.chars().anyMatch(Character::isISOControl)) {
            throw new ProblemException(ProblemType.VALIDATION, "passkey.nameInvalid", NAME_MAX);
        }
        return clean;
    }

    private static ProblemException expired() {
        return new ProblemException(ProblemType.INVALID_CREDENTIALS, "passkey.expired");
    }

    private static ProblemException refused() {
        return new ProblemException(ProblemType.INVALID_CREDENTIALS, "passkey.refused");
    }
}
