package org.jointchat.sso;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OpenID Connect authorization-code flow (what {@code @OpenIdAuthenticationMechanismDefinition} would do, in code):
 * {@link #begin} sends the browser to the provider with PKCE (S256), a state and a nonce kept in the session;
 * {@link #complete} checks the state on the way back, exchanges the code (with the client secret and the PKCE
 * verifier), validates the ID token and finds, links or creates the account. Signing in is left to the caller
 * (the Faces adapter hands a {@code VerifiedSignIn} to Jakarta Security).
 */
@ApplicationScoped
public class SingleSignOn {

    private static final Logger LOG = Logger.getLogger(SingleSignOn.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String SESSION_REQUEST = "jointchat.sso.request";
    /** A sign-in left at the provider's form for longer starts again. */
    static final Duration REQUEST_TTL = Duration.ofMinutes(10);
    /** The callback's path within the application (registered at the provider as the redirect URI). */
    public static final String CALLBACK_PATH = "/sso/callback.xhtml";

    @Inject
    OidcSettings settings;

    @Inject
    OidcProvider provider;

    @Inject
    LinkedAccounts linked;

    /** One sign-in under way, kept in the session until its callback (once). */
    record AuthorizationRequest(String state, String nonce, String codeVerifier, String redirectUri, String next,
            Instant startedAt) implements Serializable {
    }

    /** A sign-in that ended well: the account, and where the user was going. */
    public record Completed(String login, String next) {
    }

    /** The provider's authorization URL for a new sign-in; the provider must answer now (a clear error otherwise). */
    public URI begin(HttpServletRequest request, String next) {
        if (!settings.enabled()) {
            throw new SignOnFailure("oidc.error.off", "single sign-on is off");
        }
        var metadata = provider.metadataForStart(); // read again at most every few seconds, not per start
        String verifier = random(32);
        var pending = new AuthorizationRequest(random(24), random(24), verifier, redirectUri(request), next, Instant.now());
        request.getSession(true).setAttribute(SESSION_REQUEST, pending);
        var query = new LinkedHashMap<String, String>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", pending.redirectUri());
        query.put("scope", settings.scopes());
        query.put("state", pending.state());
        query.put("nonce", pending.nonce());
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        String endpoint = metadata.authorizationEndpoint();
        return URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + OidcProvider.formBody(query));
    }

    /** The way back from the provider (its redirect to {@link #CALLBACK_PATH}). */
    public Completed complete(HttpServletRequest request) {
        var session = request.getSession(false);
        var pending = session == null ? null : session.getAttribute(SESSION_REQUEST) instanceof AuthorizationRequest r ? r : null;
        if (pending != null) {
            session.removeAttribute(SESSION_REQUEST); // a state is used once
        }
        String state = request.getParameter("state");
        if (pending == null || state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                pending.state().getBytes(StandardCharsets.UTF_8)) || pending.startedAt().plus(REQUEST_TTL).isBefore(Instant.now())) {
            throw new SignOnFailure("oidc.error.expired", "no sign-in under way in this session, or another state");
        }
        String error = request.getParameter("error");
        if (error != null) {
            LOG.info(() -> "Single sign-on: the provider answered " + oneLine(error) + ": " + oneLine(request.getParameter("error_description")));
            throw new SignOnFailure("access_denied".equals(error) ? "oidc.error.denied" : "oidc.error.provider", "provider error " + error);
        }
        String issuer = settings.issuer().orElseThrow(() -> new SignOnFailure("oidc.error.off", "single sign-on is off"));
        String iss = request.getParameter("iss"); // RFC 9207: who answers, when the provider says
        if (iss != null && !iss.equals(issuer)) {
            throw new SignOnFailure("oidc.error.provider", "callback from issuer " + iss);
        }
        String code = request.getParameter("code");
        if (code == null || code.isBlank()) {
            throw new SignOnFailure("oidc.error.provider", "callback without a code");
        }
        String idToken = provider.exchange(code, pending.codeVerifier(), pending.redirectUri());
        JsonObject claims;
        try {
            claims = IdTokenVerifier.verify(idToken, provider::key, issuer, settings.clientId(), pending.nonce(), Instant.now());
        } catch (IllegalArgumentException invalid) {
            LOG.log(Level.WARNING, "Single sign-on: ID token refused: " + invalid.getMessage());
            throw new SignOnFailure("oidc.error.invalidToken", "ID token refused: " + invalid.getMessage(), invalid);
        }
        return new Completed(linked.accountFor(issuer, claims), pending.next());
    }

    /** The callback's absolute URL: the configured one, else this request's scheme, host and port. */
    String redirectUri(HttpServletRequest request) {
        return settings.redirectUri().orElseGet(() -> {
            int port = request.getServerPort();
            boolean defaultPort = ("http".equals(request.getScheme()) && port == 80) || ("https".equals(request.getScheme()) && port == 443);
            return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port)
                    + request.getContextPath() + CALLBACK_PATH;
        });
    }

    /** The PKCE S256 challenge of a verifier (RFC 7636). */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The provider's text without CR/LF (nobody forges a log line through it), and not too long. */
    static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        String line = text.replaceAll("[\\r\\n]+", " ");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
