package org.jointchat.account;

import static org.jointchat.platform.AuthenticationState.LOGIN_PAGE;
import static org.jointchat.platform.AuthenticationState.MUST_CHANGE_PASSWORD;
import static org.jointchat.platform.AuthenticationState.SESSION_CREDENTIALS;
import static org.jointchat.platform.AuthenticationState.SESSION_ENDED;
import static org.jointchat.platform.AuthenticationState.SESSION_KEY;
import static org.jointchat.platform.AuthenticationState.SESSION_LAST_USED;
import static org.jointchat.platform.AuthenticationState.SESSION_LOGIN;
import static org.jointchat.platform.AuthenticationState.bearerToken;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.platform.AuthenticationState;
import org.jointchat.platform.WarmupPass;

/**
 * The one authentication mechanism of the application (Jakarta EE 10 allows one):
 * <ul>
 * <li>a form login, started by the login page through {@code SecurityContext.authenticate}, validated by
 * the identity store and remembered in the HTTP session (whose id changes on login);</li>
 * <li>"keep me signed in": a form login asked to remember the caller also sets an HttpOnly cookie holding a
 * token of the {@link RememberMeStore}; a request without a signed-in session but with a valid cookie (after
 * a restart, or once the session timed out) gets a new signed-in session from it, once;</li>
 * <li>{@code Authorization: Bearer} tokens for API clients, checked on every request, no session;</li>
 * <li>protected pages without a signed-in user redirect to the login page, which returns afterwards.</li>
 * </ul>
 * What it leaves on requests and sessions is named in {@link AuthenticationState}, which the filters and
 * sockets below this package read.
 * API resources are not container-protected: unauthenticated calls reach them and get a 401 problem.
 */
@ApplicationScoped
public class SessionOrTokenAuthentication implements HttpAuthenticationMechanism {

    /** The "keep me signed in" cookie. */
    public static final String REMEMBER_COOKIE = "JREMEMBERMEID";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    TokenService tokens;

    @Inject
    AccountService accounts;

    @Inject
    RememberMeStore rememberMe;

    // Two-factor sign-in (issue 23, item 3, "totp"): a right password of an account with a second factor only
    // starts a PendingSignIn; a covered account without one is signed in but must enrol first.
    @Inject
    SecondFactors secondFactors;

    @Inject
    TwoFactorPolicy twoFactorPolicy;

    @Inject
    LoginOutcome outcome;

    @Inject
    WarmupPass warmupPass;

    /** "true": the remember-me cookie is always Secure (behind a TLS-terminating proxy); otherwise when the request is. */
    @Inject
    @ConfigProperty(name = "jointchat.cookies.secure", defaultValue = "auto")
    String secureCookies;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        if (context.isAuthenticationRequest() && context.getAuthParameters().getCredential() instanceof VerifiedSignIn verified) {
            return verifiedSignIn(request, context, verified);
        }
        if (context.isAuthenticationRequest() && context.getAuthParameters().getCredential() != null) {
            return formLogin(request, context);
        }
        String bearer = bearerToken(request);
        if (warmupPass.accepts(bearer, request)) { // the server's own warm-up (issue 24, item 3): no account, /ws only
            return context.notifyContainerAboutLogin(WarmupPass.LOGIN, AccountIdentityStore.GROUPS);
        }
        if (bearer != null) {
            return tokens.loginFor(bearer)
                    .map(login -> signedIn(request, context, login))
                    .orElseGet(context::doNothing);
        }
        var session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_LOGIN) instanceof String login) {
            if (session.getAttribute(SESSION_CREDENTIALS) instanceof Integer version && version == accounts.credentialsVersion(login)) {
                touch(session);
                return signedIn(request, context, login);
            }
            session.setAttribute(SESSION_ENDED, Boolean.TRUE);
            session.invalidate(); // the password changed since this session signed in
        }
        String remembered = cookie(request, REMEMBER_COOKIE);
        if (remembered != null) {
            // Login and credentials version from one query: a password change cannot slip in between.
            var found = rememberMe.find(remembered);
            if (found.isPresent()) {
                startSession(request, found.get().login(), found.get().credentialsVersion());
                markTwoFactorEnrolment(request, found.get().login()); // two-factor policy (issue 23, item 3)
                return signedIn(request, context, found.get().login());
            }
            forgetCookie(request, context.getResponse()); // expired, or ended by a logout or a password change
        }
        if (context.isProtected()) {
            return context.redirect(request.getContextPath() + LOGIN_PAGE + "?next="
                    + URLEncoder.encode(pathWithinApplication(request), StandardCharsets.UTF_8));
        }
        return context.doNothing();
    }

    /** The caller is this login; marked when they must change a temporary password first (cached with the version). */
    private AuthenticationStatus signedIn(HttpServletRequest request, HttpMessageContext context, String login) {
        if (accounts.mustChangePassword(login)) {
            request.setAttribute(MUST_CHANGE_PASSWORD, Boolean.TRUE);
        }
        return context.notifyContainerAboutLogin(login, AccountIdentityStore.GROUPS);
    }

    private AuthenticationStatus formLogin(HttpServletRequest request, HttpMessageContext context) {
        var result = identityStores.validate(context.getAuthParameters().getCredential());
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            // No 401 here: the login page renders its own message.
            return AuthenticationStatus.SEND_FAILURE;
        }
        String login = result.getCallerPrincipal().getName();
        // Two-factor sign-in (issue 23, item 3, "totp"): not signed in yet; the login page asks for the second step.
        var user = accounts.findByLogin(login);
        if (user.isPresent() && secondFactors.any(user.get().getId())) {
            return awaitSecondStep(request, login, context.getAuthParameters().isRememberMe());
        }
        startSession(request, login, accounts.credentialsVersion(login));
        user.ifPresent(u -> twoFactorPolicy.markSession(request.getSession(), u));
        RecentProof.mark(request.getSession()); // authfix: a recent proof for changing second factors
        rememberBrowser(request, context, result.getCallerPrincipal(), result.getCallerGroups(), context.getAuthParameters().isRememberMe());
        return context.notifyContainerAboutLogin(result);
    }

    /**
     * A sign-in verified by the application itself (a second factor, a passkey, single sign-on): a new signed-in
     * session, and the remember-me cookie when it was asked for, as after a form login.
     */
    private AuthenticationStatus verifiedSignIn(HttpServletRequest request, HttpMessageContext context, VerifiedSignIn verified) {
        var user = accounts.findByLogin(verified.login());
        if (user.isEmpty() || user.get().isDeactivated()) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        // Two-factor sign-in (issue 23): a provider's sign-in stands for the password, not for the second factor. An
        // account with a local second factor finishes on the second step, as after its password.
        if (VerifiedSignIn.FIRST_FACTOR_METHODS.contains(verified.method()) && secondFactors.any(user.get().getId())) {
            return awaitSecondStep(request, verified.login(), verified.rememberMe());
        }
        PendingSignIn.clear(request.getSession(false));
        startSession(request, verified.login(), accounts.credentialsVersion(verified.login()));
        twoFactorPolicy.markSession(request.getSession(), user.get()); // the enrolment hold, as after a password
        RecentProof.mark(request.getSession()); // authfix: a recent proof for changing second factors
        rememberBrowser(request, context, new CallerPrincipal(verified.login()), AccountIdentityStore.GROUPS, verified.rememberMe());
        return signedIn(request, context, verified.login());
    }

    /** The first factor is right and the account has a second: not signed in yet; the second step asks for it. */
    private AuthenticationStatus awaitSecondStep(HttpServletRequest request, String login, boolean rememberMe) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        PendingSignIn.start(request.getSession(true), login, accounts.credentialsVersion(login), rememberMe);
        outcome.secondStepRequired();
        return AuthenticationStatus.SEND_FAILURE;
    }

    /**
     * This browser's earlier remembered sign-in (perhaps someone else's) ends with a new sign-in; a new one is
     * remembered when asked for.
     */
    private void rememberBrowser(HttpServletRequest request, HttpMessageContext context, CallerPrincipal principal,
            java.util.Set<String> groups, boolean remember) {
        rememberMe.removeLoginToken(cookie(request, REMEMBER_COOKIE));
        if (remember) {
            setCookie(request, context.getResponse(), rememberMe.generateLoginToken(principal, groups), rememberMe.ttl().toSeconds());
        } else if (cookie(request, REMEMBER_COOKIE) != null) {
            forgetCookie(request, context.getResponse());
        }
    }

    /** Two-factor policy (issue 23, item 3): a session signed in without a second factor the policy asks for is held back. */
    private void markTwoFactorEnrolment(HttpServletRequest request, String login) {
        accounts.findByLogin(login).ifPresent(user -> twoFactorPolicy.markSession(request.getSession(), user));
    }

    /** A signed-in session; a new session id every time, which defeats session fixation (form login and cookie alike). */
    private static void startSession(HttpServletRequest request, String login, int credentialsVersion) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        var session = request.getSession(true);
        session.setAttribute(SESSION_LOGIN, login);
        session.setAttribute(SESSION_CREDENTIALS, credentialsVersion);
        session.setAttribute(SESSION_KEY, UUID.randomUUID().toString());
        session.setAttribute(SESSION_LAST_USED, System.currentTimeMillis());
    }

    /** Records the session's use, at most once a minute (to tell an idle timeout from a server stop). */
    private static void touch(HttpSession session) {
        long now = System.currentTimeMillis();
        if (!(session.getAttribute(SESSION_LAST_USED) instanceof Long last) || now - last > 60_000) {
            session.setAttribute(SESSION_LAST_USED, now);
        }
    }

    /** Ends this browser's remembered sign-in (at logout): the token is deleted and the cookie expired. */
    public void forgetRememberedSignIn(HttpServletRequest request, HttpServletResponse response) {
        String token = cookie(request, REMEMBER_COOKIE);
        forgetCookie(request, response);
        rememberMe.removeLoginToken(token);
    }

    private void forgetCookie(HttpServletRequest request, HttpServletResponse response) {
        setCookie(request, response, "", 0);
    }

    /** HttpOnly (no script reads it), SameSite=Lax (not sent with cross-site posts), Secure when served over HTTPS. */
    private void setCookie(HttpServletRequest request, HttpServletResponse response, String value, long maxAgeSeconds) {
        var cookie = new Cookie(REMEMBER_COOKIE, value);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure() || "true".equalsIgnoreCase(secureCookies));
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setMaxAge((int) Math.min(Integer.MAX_VALUE, maxAgeSeconds));
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }

    private static String cookie(HttpServletRequest request, String name) {
        if (request.getCookies() != null) {
            for (var cookie : request.getCookies()) {
                if (name.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getQueryString() == null ? path : path + "?" + request.getQueryString();
    }
}
