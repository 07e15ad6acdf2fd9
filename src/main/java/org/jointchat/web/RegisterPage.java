package org.jointchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jointchat.account.AccountService;
import org.jointchat.account.AddressLimits;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.LoginTakenException;
import org.jointchat.account.Registration;
import org.jointchat.account.RegistrationPolicy;
import org.jointchat.account.RegistrationRefusedException;
import org.jointchat.platform.ServerBusyException;
import org.jointchat.platform.TooManyRequestsException;

/**
 * Backs register.xhtml: the rules are AccountService's, this only shows their verdict per field. A new account is
 * signed in at once, the way the login page does it (Jakarta Security, new session id); when that cannot be done
 * just now, the login page opens with the login filled in.
 */
@Named
@RequestScoped
public class RegisterPage {

    private static final String FORM = "register:";

    @Inject
    AccountService accounts;

    @Inject
    FacesContext faces;

    @Inject
    RegistrationPolicy policy;

    @Inject
    AddressLimits limits;

    @Inject
    SecurityContext securityContext;

    private RegistrationPolicy.Mode mode;
    private String invite;

    private String login;
    private String displayName;
    private String password;
    private String passwordRepeat;

    public String submit() throws IOException {
        try {
            limits.registration((HttpServletRequest) faces.getExternalContext().getRequest());
            var user = accounts.register(new Registration(login, displayName, password, passwordRepeat), invite);
            return signIn(user.getLogin());
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> FacesText.error(FORM + error.field(), error.messageKey()));
            FacesText.error(null, "register.fix");
        } catch (LoginTakenException e) {
            FacesText.error(FORM + "login", "account.login.taken");
            FacesText.error(null, "register.fix");
        } catch (RegistrationRefusedException e) {
            FacesText.error(null, e.reason().messageKey());
        } catch (TooManyRequestsException e) {
            RetryLater.tooMany(faces, e.retryAfterSeconds());
        } catch (ServerBusyException e) {
            RetryLater.busy(faces, e.retryAfterSeconds());
        }
        faces.getExternalContext().getFlash().setKeepMessages(false);
        password = null;
        passwordRepeat = null;
        return null;
    }

    /**
     * Signs the new account in through the same mechanism as the login page (its limits, its session handling);
     * the password is checked once more, which costs one more hash but keeps a single way of starting a session.
     */
    private String signIn(String registered) throws IOException {
        var external = faces.getExternalContext();
        var request = (HttpServletRequest) external.getRequest();
        var response = (HttpServletResponse) external.getResponse();
        AuthenticationStatus status;
        try {
            limits.signIn(request);
            status = securityContext.authenticate(request, response, AuthenticationParameters.withParams()
                    .credential(new UsernamePasswordCredential(registered, password)).newAuthentication(true));
        } catch (TooManyRequestsException e) {
            status = AuthenticationStatus.SEND_FAILURE;
        }
        password = null;
        passwordRepeat = null;
        if (status == AuthenticationStatus.SUCCESS) {
            external.redirect(request.getContextPath() + LoginPage.HOME);
            faces.responseComplete();
            return null;
        }
        if (status == AuthenticationStatus.SEND_CONTINUE) {
            faces.responseComplete();
            return null;
        }
        // Registered, not signed in (address limit, busy hashing): the login page, with the login already there.
        FacesText.info("register.signInLater", registered);
        external.getFlash().put(LoginPage.REGISTERED_LOGIN, registered);
        return "/login?faces-redirect=true";
    }

    private RegistrationPolicy.Mode mode() {
        if (mode == null) {
            mode = policy.mode();
        }
        return mode;
    }

    /** Closed: nobody may register (the login page hides its link, this page says so). */
    public boolean isClosed() {
        return mode() == RegistrationPolicy.Mode.CLOSED;
    }

    /** Invite-only and no invite in the link: the page says an invite is needed instead of showing the form. */
    public boolean isInviteMissing() {
        String code = inviteOfRequest();
        return mode() == RegistrationPolicy.Mode.INVITE_ONLY && (code == null || code.isBlank());
    }

    /**
     * The invite of the link ({@code ?invite=}), or of the form's hidden field when it is submitted. Read from the
     * request itself: whether the form is rendered is asked while it is decoded, before this bean's fields are set,
     * and a form that is not rendered then would drop the submission without a word.
     */
    private String inviteOfRequest() {
        if (invite == null) {
            var parameters = faces.getExternalContext().getRequestParameterMap();
            invite = parameters.getOrDefault(FORM + "invite", parameters.get("invite"));
        }
        return invite;
    }

    public String getInvite() {
        return invite;
    }

    public void setInvite(String invite) {
        this.invite = invite;
    }

    public String getLogin() {
        return login;
    }

    public void setLogin(String login) {
        this.login = login;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getPasswordRepeat() {
        return passwordRepeat;
    }

    public void setPasswordRepeat(String passwordRepeat) {
        this.passwordRepeat = passwordRepeat;
    }
}
