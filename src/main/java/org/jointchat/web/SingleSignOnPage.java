package org.jointchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jointchat.account.AccountService;
import org.jointchat.account.AddressLimits;
import org.jointchat.account.LoginOutcome;
import org.jointchat.account.VerifiedSignIn;
import org.jointchat.platform.AuthenticationState;
import org.jointchat.platform.TooManyRequestsException;
import org.jointchat.sso.OidcSettings;
import org.jointchat.sso.SignOnFailure;
import org.jointchat.sso.SingleSignOn;

/**
 * Single sign-on (issue 23, item 2) on the pages: the login page's "Sign in with …" link leads to sso/start.xhtml,
 * which sends the browser to the provider; the provider sends it back to sso/callback.xhtml, which signs the account
 * in (a {@link VerifiedSignIn} through Jakarta Security, like a form login). Whatever goes wrong ends on the login
 * page with a message that says what, and no stack trace.
 */
@Named
@RequestScoped
public class SingleSignOnPage {

    private static final Logger LOG = Logger.getLogger(SingleSignOnPage.class.getName());

    @Inject
    OidcSettings settings;

    @Inject
    SingleSignOn singleSignOn;

    @Inject
    SecurityContext securityContext;

    @Inject
    AccountService accounts;

    @Inject
    LoginPage loginPage;

    @Inject
    FacesContext faces;

    @Inject
    LoginOutcome outcome;

    @Inject
    AddressLimits limits;

    /** Whether the login page shows the button. */
    public boolean isEnabled() {
        return settings.enabled();
    }

    public String getButtonLabel() {
        return FacesText.text("oidc.signInWith", settings.displayName());
    }

    /** sso/start.xhtml: off to the provider, or back to the login page saying why not. */
    public void start() throws IOException {
        var external = faces.getExternalContext();
        var request = (HttpServletRequest) external.getRequest();
        try {
            limits.signIn(request); // each start costs the provider a look-up and this server a session
        } catch (TooManyRequestsException tooMany) {
            // 429 on this page itself (no session, no redirect): it shows the message and a way back.
            var response = (HttpServletResponse) external.getResponse();
            response.setStatus(RetryLater.TOO_MANY_REQUESTS);
            response.setHeader("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
            FacesText.error(null, "oidc.error.tooMany", settings.displayName());
            return;
        }
        try {
            external.redirect(singleSignOn.begin(request, request.getParameter("next")).toString());
            faces.responseComplete();
        } catch (SignOnFailure failure) {
            backToLogin(failure);
        }
    }

    /** sso/callback.xhtml: the provider's answer; signed in and on to the chat, or back to the login page. */
    public void callback() throws IOException {
        var external = faces.getExternalContext();
        var request = (HttpServletRequest) external.getRequest();
        try {
            var completed = singleSignOn.complete(request);
            var status = securityContext.authenticate(request, (HttpServletResponse) external.getResponse(),
                    AuthenticationParameters.withParams().credential(new VerifiedSignIn(completed.login(), "oidc", false))
                            .newAuthentication(true));
            if (status != AuthenticationStatus.SUCCESS && outcome.isSecondStepRequired()) {
                // The account has a second factor: the provider stood for the password only (docs/operations.md).
                external.redirect(request.getContextPath() + SecondStepPage.PAGE + "?next="
                        + URLEncoder.encode(LoginPage.safeNext(completed.next()), StandardCharsets.UTF_8));
                faces.responseComplete();
                return;
            }
            if (status != AuthenticationStatus.SUCCESS) {
                throw new SignOnFailure("login.deactivated", "the sign-in of " + completed.login() + " was refused");
            }
            loginPage.setNext(completed.next());
            boolean mustChange = accounts.mustChangePassword(completed.login());
            external.redirect(request.getContextPath() + (mustChange ? PasswordChangeFilter.PROFILE : loginPage.safeNext()));
            faces.responseComplete();
        } catch (SignOnFailure failure) {
            backToLogin(failure);
        } catch (RuntimeException unexpected) {
            LOG.log(Level.SEVERE, "Single sign-on failed", unexpected);
            backToLogin(new SignOnFailure("oidc.error.provider", "unexpected", unexpected));
        }
    }

    private void backToLogin(SignOnFailure failure) throws IOException {
        LOG.info(() -> "Single sign-on not completed: " + failure.getMessage());
        var arguments = new Object[failure.arguments().length + 1];
        arguments[0] = settings.displayName();
        System.arraycopy(failure.arguments(), 0, arguments, 1, failure.arguments().length);
        FacesText.error(null, failure.messageKey(), arguments);
        var external = faces.getExternalContext();
        external.redirect(((HttpServletRequest) external.getRequest()).getContextPath() + AuthenticationState.LOGIN_PAGE);
        faces.responseComplete();
    }
}
