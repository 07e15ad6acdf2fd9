package org.jointchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import org.jointchat.account.AccountService;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.RecentProof;
import org.jointchat.api.ProblemException;
import org.jointchat.account.UserRef;
import org.jointchat.email.EmailAddresses;
import org.jointchat.email.EmailProblem;
import org.jointchat.email.EmailState;
import org.jointchat.email.NewEmailAddress;
import org.jointchat.mail.MailSettings;
import org.jointchat.platform.TooManyRequestsException;

/**
 * Backs the e-mail section of your own profile (issue 23, mail; WEB-INF/includes/profile-email.xhtml): the verified
 * address, an address waiting for its link (resend), set or change one, remove it. The rules are
 * {@link EmailAddresses}'; also {@code /api/v1/users/me/email}.
 */
@Named("profileEmail")
@RequestScoped
public class ProfileEmailSection {

    static final String FIELD = "email:address";

    /** The key the section's own messages go under (its p:messages), apart from the profile form's global ones. */
    static final String SECTION = "profile-email";

    @Inject
    EmailAddresses addresses;

    @Inject
    AccountService accounts;

    @Inject
    SecurityContext security;

    @Inject
    MailSettings settings;

    @Inject
    LanguageSelection language;

    @Inject
    HttpServletRequest request;

    @Inject
    RecentProof recentProof;

    static final String PASSWORD_FIELD = "email:password";

    private EmailState state;
    private String address;
    private String password;

    private UserRef me() {
        return accounts.ref(security.getCallerPrincipal().getName()).orElseThrow();
    }

    public EmailState getState() {
        if (state == null) {
            state = addresses.state(me().id());
        }
        return state;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** No sign-in within the last minutes: changing or removing the address asks for the password first. */
    public boolean isReauthenticationNeeded() {
        return !recentProof.isFresh(request);
    }

    /** A recent sign-in, or the password typed here; otherwise says why under the password field. */
    private boolean proven() {
        try {
            recentProof.require(request, me().id(), password);
            return true;
        } catch (ProblemException e) {
            FacesText.error(PASSWORD_FIELD, "profileEmail.reauthenticate");
        } catch (TooManyRequestsException e) {
            FacesText.error(PASSWORD_FIELD, "twofactor.tooManyProofs", e.retryAfterSeconds());
        } finally {
            password = null;
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false);
        return false;
    }

    public String save() {
        if (!proven()) {
            return null;
        }
        try {
            // No message: the section shows the address waiting for its link (profileEmail.pending) right there.
            addresses.requestChange(me(), new NewEmailAddress(address), language.getLocale(), settings.base(request));
            return again();
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> FacesText.error(FIELD, error.messageKey()));
        } catch (EmailProblem e) {
            FacesText.error(FIELD, e.messageKey());
        } catch (TooManyRequestsException e) {
            FacesText.error(FIELD, "profileEmail.tooMany");
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false);
        return null;
    }

    public String resend() {
        try {
            if (addresses.resend(me(), language.getLocale(), settings.base(request))) {
                say(FacesMessage.SEVERITY_INFO, "profileEmail.resent", addresses.state(me().id()).pending());
            }
        } catch (TooManyRequestsException e) {
            say(FacesMessage.SEVERITY_ERROR, "profileEmail.tooMany");
        } catch (EmailProblem e) {
            say(FacesMessage.SEVERITY_ERROR, e.messageKey());
        }
        return again();
    }

    public String remove() {
        if (!proven()) {
            return null;
        }
        addresses.remove(me(), language.getLocale(), settings.base(request));
        say(FacesMessage.SEVERITY_INFO, "profileEmail.removed");
        return again();
    }

    /** A message of this section, kept across the redirect. */
    private static void say(FacesMessage.Severity severity, String key, Object... arguments) {
        var faces = FacesContext.getCurrentInstance();
        String text = FacesText.text(key, arguments);
        faces.addMessage(SECTION, new FacesMessage(severity, text, text));
        faces.getExternalContext().getFlash().setKeepMessages(true);
    }

    /**
     * Post, redirect, get: a reload does not send a second mail; the messages survive the redirect (flash), and the
     * page opens at this section.
     */
    private String again() {
        var faces = FacesContext.getCurrentInstance();
        try {
            faces.getExternalContext().redirect(request.getContextPath() + "/app/profile.xhtml#email");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        faces.responseComplete();
        return null;
    }
}
