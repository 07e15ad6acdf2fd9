package org.jointchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jointchat.account.AddressLimits;
import org.jointchat.account.AuthenticationResult;
import org.jointchat.account.LoginOutcome;
import org.jointchat.platform.AuthenticationState;
import org.jointchat.platform.TooManyRequestsException;
import org.jointchat.sso.OidcSettings;
import org.jointchat.platform.Callers;

/** Backs login.xhtml: hands the credentials to Jakarta Security and explains a refusal. */
@Named
@RequestScoped
public class LoginPage {

    static final String HOME = "/app/home.xhtml";

    /** Flash key: the login of an account just registered whose automatic sign-in did not happen (RegisterPage). */
    static final String REGISTERED_LOGIN = "jointchat.registeredLogin";

    @Inject
    SecurityContext securityContext;

    @Inject
    LoginOutcome outcome;

    @Inject
    FacesContext faces;

    @Inject
    AddressLimits limits;

    /** Single sign-on (issue 23, item 2): names the provider when a password is refused. */
    @Inject
    OidcSettings oidcSettings;

    private String login;
    private String password;
    private String next;
    private boolean rememberMe;

    /** Signed-in users have nothing to do here. */
    public String redirectIfSignedIn() {
        return Callers.signedIn(securityContext.getCallerPrincipal()) != null ? HOME + "?faces-redirect=true" : null;
    }

    public void submit() throws IOException {
        var external = faces.getExternalContext();
        var request = (HttpServletRequest) external.getRequest();
        var response = (HttpServletResponse) external.getResponse();
        try {
            limits.signIn(request); // before any hashing
        } catch (TooManyRequestsException e) {
            RetryLater.tooMany(faces, e.retryAfterSeconds());
            password = null;
            return;
        }
        var status = securityContext.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(login == null ? "" : login, password == null ? "" : password))
                .newAuthentication(true).rememberMe(rememberMe));
        switch (status) {
            case SUCCESS -> {
                // A temporary password is changed first; the chat stays closed until then (PasswordChangeFilter).
                boolean mustChange = outcome.get() instanceof AuthenticationResult.Success success
                        && success.user().isMustChangePassword();
                external.redirect(request.getContextPath() + (mustChange ? PasswordChangeFilter.PROFILE : safeNext()));
                faces.responseComplete();
            }
            case SEND_CONTINUE -> faces.responseComplete();
            default -> {
                if (outcome.isSecondStepRequired()) { // two-factor sign-in (issue 23, item 3): the password was right
                    external.redirect(request.getContextPath() + SecondStepPage.PAGE + "?next="
                            + URLEncoder.encode(safeNext(), StandardCharsets.UTF_8));
                    faces.responseComplete();
                    return;
                }
                if (outcome.get() instanceof AuthenticationResult.Deactivated) {
                    FacesText.error(null, "login.deactivated");
                } else if (outcome.get() instanceof AuthenticationResult.PasswordsOff) {
                    // Single sign-on (issue 23, item 2): this account signs in through the identity provider only.
                    FacesText.error(null, "oidc.passwordsOff", oidcSettings.displayName());
                } else if (outcome.busy() != null) {
                    RetryLater.busy(faces, outcome.busy().retryAfterSeconds());
                } else if (outcome.get() instanceof AuthenticationResult.Locked locked) {
                    long minutes = Math.max(1, (locked.retryAfter().toSeconds() + 59) / 60);
                    FacesText.error(null, "login.locked", minutes);
                } else {
                    FacesText.error(null, "login.invalid");
                }
                password = null;
            }
        }
    }

    /** Only a path inside this application: never an open redirect to another site. */
    String safeNext() {
        return safeNext(next);
    }

    static String safeNext(String next) {
        // Browsers drop TAB, CR and LF inside URLs and read '\\' as '/': "/\t/evil.example" is "//evil.example" to
        // them. So no control character, space or backslash anywhere (issue 23 review, authfix), and what java.net.URI
        // reads must be a plain path: no scheme, no authority, one leading '/'.
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.length() > 2000
                || next.startsWith(AuthenticationState.LOGIN_PAGE)) {
            return HOME;
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '\\') {
                return HOME;
            }
        }
        try {
            var uri = new java.net.URI(next);
            String path = uri.getRawPath();
            if (uri.getScheme() != null || uri.getRawAuthority() != null || path == null
                    || !path.startsWith("/") || path.startsWith("//")) {
                return HOME;
            }
        } catch (java.net.URISyntaxException unreadable) {
            return HOME;
        }
        return next;
    }

    public String getLogin() {
        if (login == null && faces.getExternalContext().getFlash().get(REGISTERED_LOGIN) instanceof String registered) {
            login = registered;
        }
        return login;
    }

    public void setLogin(String login) {
        this.login = login;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public boolean isRememberMe() {
        return rememberMe;
    }

    public void setRememberMe(boolean rememberMe) {
        this.rememberMe = rememberMe;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }
}
