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
import java.util.List;
import org.jointchat.account.AccountService;
import org.jointchat.account.AddressLimits;
import org.jointchat.account.PendingSignIn;
import org.jointchat.account.SecondFactors;
import org.jointchat.account.SecondStep;
import org.jointchat.account.VerifiedSignIn;
import org.jointchat.platform.AuthenticationState;
import org.jointchat.platform.TooManyRequestsException;
import org.jointchat.platform.Callers;

/**
 * Backs login-second-step.xhtml (two-factor sign-in, issue 23, item 3): after a right password of an account with a
 * second factor, a TOTP code or a recovery code finishes the sign-in through a {@link VerifiedSignIn}. A wrong code
 * counts against the login's lockout like a wrong password; the pending sign-in lasts {@link PendingSignIn#VALID_MS}.
 */
@Named
@RequestScoped
public class SecondStepPage {

    static final String PAGE = "/login-second-step.xhtml";

    @Inject
    SecurityContext securityContext;

    @Inject
    FacesContext faces;

    @Inject
    AddressLimits limits;

    @Inject
    SecondStep secondStep;

    @Inject
    SecondFactors secondFactors;

    @Inject
    AccountService accounts;

    private String code;
    private String next;
    private boolean recovery;
    private List<String> factors;

    /** viewAction: signed-in users go home; without a pending sign-in (never started, or expired) back to the password. */
    public String check() throws IOException {
        if (Callers.signedIn(securityContext.getCallerPrincipal()) != null) {
            return LoginPage.HOME + "?faces-redirect=true";
        }
        if (pending() == null) {
            backToLogin("login.secondStep.expired");
        }
        return null;
    }

    public void submit() throws IOException {
        var external = faces.getExternalContext();
        var request = (HttpServletRequest) external.getRequest();
        var response = (HttpServletResponse) external.getResponse();
        try {
            limits.signIn(request);
        } catch (TooManyRequestsException e) {
            RetryLater.tooMany(faces, e.retryAfterSeconds());
            code = null;
            return;
        }
        var pending = pending();
        var result = secondStep.verify(pending, code);
        code = null;
        if (result instanceof SecondStep.Accepted accepted) {
            var status = securityContext.authenticate(request, response, AuthenticationParameters.withParams()
                    .credential(new VerifiedSignIn(pending.login(), accepted.method(), pending.rememberMe()))
                    .newAuthentication(true));
            if (status == AuthenticationStatus.SUCCESS) {
                boolean mustChange = accounts.mustChangePassword(pending.login());
                external.redirect(request.getContextPath() + (mustChange ? PasswordChangeFilter.PROFILE : LoginPage.safeNext(next)));
                faces.responseComplete();
            } else {
                backToLogin("login.secondStep.expired");
            }
        } else if (result instanceof SecondStep.Wrong) {
            FacesText.error("secondStep:code", recovery ? "login.secondStep.wrongRecovery" : "login.secondStep.wrong");
            external.getFlash().setKeepMessages(false); // shown on this answer, not the next page
        } else if (result instanceof SecondStep.Replayed) {
            FacesText.error("secondStep:code", recovery ? "login.secondStep.recoveryUsed" : "login.secondStep.replayed");
            external.getFlash().setKeepMessages(false);
        } else if (result instanceof SecondStep.Locked locked) {
            PendingSignIn.clear(request.getSession(false));
            long minutes = Math.max(1, (locked.retryAfter().toSeconds() + 59) / 60);
            backToLogin("login.locked", minutes);
        } else {
            PendingSignIn.clear(request.getSession(false));
            backToLogin("login.secondStep.expired");
        }
    }

    /** The login page, with a message that survives the redirect. */
    private void backToLogin(String key, Object... arguments) throws IOException {
        var external = faces.getExternalContext();
        FacesText.error(null, key, arguments);
        external.getFlash().setKeepMessages(true);
        external.redirect(external.getRequestContextPath() + AuthenticationState.LOGIN_PAGE
                + (next == null ? "" : "?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)));
        faces.responseComplete();
    }

    private PendingSignIn pending() {
        return PendingSignIn.of(((HttpServletRequest) faces.getExternalContext().getRequest()).getSession(false));
    }

    /**
     * The second factors of the pending sign-in's account ("passkey", "totp"): the page offers what the account has.
     * Passkeys (issue 23, item 4) check {@code factors.contains('passkey')} for their "Use a passkey instead".
     */
    public List<String> getFactors() {
        if (factors == null) { // asked several times while the page renders: looked up once per request
            var pending = pending();
            factors = pending == null ? List.of()
                    : accounts.findByLogin(pending.login()).map(user -> secondFactors.enabledFor(user.getId())).orElse(List.of());
        }
        return factors;
    }

    /** The login of the pending sign-in (the passkey step needs it), or null. */
    public String getPendingLogin() {
        var pending = pending();
        return pending == null ? null : pending.login();
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }

    /** Typing a recovery code rather than a TOTP code: the field takes letters then. */
    public boolean isRecovery() {
        return recovery;
    }

    public void setRecovery(boolean recovery) {
        this.recovery = recovery;
    }
}
