package org.jointchat.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jointchat.account.AccountIdentityStore;
import org.jointchat.account.AccountService;
import org.jointchat.account.TokenService;

/**
 * The one authentication mechanism of the application (Jakarta EE 10 allows one):
 * <ul>
 * <li>a form login, started by the login page through {@code SecurityContext.authenticate}, validated by
 * the identity store and remembered in the HTTP session (whose id changes on login);</li>
 * <li>{@code Authorization: Bearer} tokens for API clients, checked on every request, no session;</li>
 * <li>protected pages without a signed-in user redirect to the login page, which returns afterwards.</li>
 * </ul>
 * API resources are not container-protected: unauthenticated calls reach them and get a 401 problem.
 */
@ApplicationScoped
public class SessionOrTokenAuthentication implements HttpAuthenticationMechanism {

    /** Session attribute holding the signed-in login. */
    public static final String SESSION_LOGIN = "org.jointchat.login";
    /** Session attribute holding the credentials version at sign-in; a password change raises it and ends older sessions. */
    public static final String SESSION_CREDENTIALS = "org.jointchat.credentials";
    public static final String LOGIN_PAGE = "/login.xhtml";
    private static final String BEARER = "Bearer ";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    TokenService tokens;

    @Inject
    AccountService accounts;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        if (context.isAuthenticationRequest() && context.getAuthParameters().getCredential() != null) {
            return formLogin(request, context);
        }
        String bearer = bearerToken(request);
        if (bearer != null) {
            return tokens.loginFor(bearer)
                    .map(login -> context.notifyContainerAboutLogin(login, AccountIdentityStore.GROUPS))
                    .orElseGet(context::doNothing);
        }
        var session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_LOGIN) instanceof String login) {
            if (session.getAttribute(SESSION_CREDENTIALS) instanceof Integer version && version == accounts.credentialsVersion(login)) {
                return context.notifyContainerAboutLogin(login, AccountIdentityStore.GROUPS);
            }
            session.invalidate(); // the password changed since this session signed in
        }
        if (context.isProtected()) {
            return context.redirect(request.getContextPath() + LOGIN_PAGE + "?next="
                    + URLEncoder.encode(pathWithinApplication(request), StandardCharsets.UTF_8));
        }
        return context.doNothing();
    }

    private AuthenticationStatus formLogin(HttpServletRequest request, HttpMessageContext context) {
        var result = identityStores.validate(context.getAuthParameters().getCredential());
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            // No 401 here: the login page renders its own message.
            return AuthenticationStatus.SEND_FAILURE;
        }
        // A new session id on every login defeats session fixation.
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        var session = request.getSession(true);
        String login = result.getCallerPrincipal().getName();
        session.setAttribute(SESSION_LOGIN, login);
        session.setAttribute(SESSION_CREDENTIALS, accounts.credentialsVersion(login));
        return context.notifyContainerAboutLogin(result);
    }

    /** The bearer token of the request, or null. */
    public static String bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return header.substring(BEARER.length()).strip();
        }
        return null;
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getQueryString() == null ? path : path + "?" + request.getQueryString();
    }
}
