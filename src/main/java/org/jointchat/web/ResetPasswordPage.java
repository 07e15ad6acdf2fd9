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
import java.util.Locale;
import java.util.Objects;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.LoginOutcome;
import org.jointchat.account.PendingSignIn;
import org.jointchat.account.VerifiedSignIn;
import org.jointchat.email.LinkException;
import org.jointchat.email.LinkState;
import org.jointchat.email.PasswordResets;

/**
 * Backs reset-password.xhtml (issue 23, mail): the link from the reset mail opens it; a new password, twice; then
 * the account is signed in here (every other session ended with the reset). An account with a second factor is
 * not signed in by the link alone: it goes to the login page with the new password.
 */
@Named
@RequestScoped
public class ResetPasswordPage {

    static final String FIELD = "reset:newPassword";

    @Inject
    PasswordResets resets;

    @Inject
    LoginOutcome outcome;

    @Inject
    SecurityContext securityContext;

    @Inject
    FacesContext faces;

    private String token;
    private String newPassword;
    private String repeat;
    private LinkState state;

    /**
     * The link's secret: from ?token= when the page opens, from the form's hidden field when it is sent (read here,
     * because the form's {@code rendered} is asked before the view parameter reaches this bean).
     */
    private String token() {
        if (token == null) {
            var parameters = faces.getExternalContext().getRequestParameterMap();
            token = parameters.getOrDefault("token", parameters.get("reset:token"));
        }
        return token;
    }

    public LinkState getState() {
        if (state == null) {
            state = resets.check(token());
        }
        return state;
    }

    public boolean isUsable() {
        return getState() == LinkState.VALID;
    }

    /** The page's explanation of an unusable link. */
    public String getProblem() {
        return isUsable() ? null : FacesText.text("email.link." + getState().name().toLowerCase(Locale.ROOT));
    }

    public void submit() throws IOException {
        if (!Objects.equals(newPassword, repeat)) {
            FacesText.error("reset:repeat", "reset.mismatch");
            keepHere();
            return;
        }
        org.jointchat.account.UserRef user;
        try {
            user = resets.complete(token(), newPassword);
        } catch (LinkException e) {
            state = e.state();
            return;
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> FacesText.error(FIELD, error.messageKey()));
            keepHere();
            return;
        }
        var external = faces.getExternalContext();
        var request = (HttpServletRequest) external.getRequest();
        var response = (HttpServletResponse) external.getResponse();
        PendingSignIn.clear(request.getSession(false));
        // The link stands for the password only: an account with a second factor finishes on the second step (the
        // rule is the sign-in mechanism's, VerifiedSignIn.FIRST_FACTOR_METHODS).
        var status = securityContext.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new VerifiedSignIn(user.login(), VerifiedSignIn.PASSWORD_RESET, false)).newAuthentication(true));
        if (status != AuthenticationStatus.SUCCESS && outcome.isSecondStepRequired()) {
            FacesText.info("reset.done");
            external.redirect(request.getContextPath() + SecondStepPage.PAGE + "?next="
                    + java.net.URLEncoder.encode(LoginPage.HOME, java.nio.charset.StandardCharsets.UTF_8));
        } else if (status == AuthenticationStatus.SUCCESS) {
            FacesText.info("reset.done");
            external.redirect(request.getContextPath() + LoginPage.HOME);
        } else {
            FacesText.info("reset.doneSignIn");
            external.redirect(request.getContextPath() + "/login.xhtml");
        }
        faces.responseComplete();
    }

    private void keepHere() {
        faces.getExternalContext().getFlash().setKeepMessages(false);
        newPassword = null;
        repeat = null;
    }

    public String getToken() {
        return token();
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getRepeat() {
        return repeat;
    }

    public void setRepeat(String repeat) {
        this.repeat = repeat;
    }
}
