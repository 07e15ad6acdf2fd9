package org.jointchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.jointchat.email.PasswordResets;
import org.jointchat.mail.MailSettings;
import org.jointchat.platform.TooManyRequestsException;

/**
 * Backs forgot-password.xhtml (issue 23, mail): a login or an e-mail address in, the same answer out whatever it
 * was ({@link PasswordResets}). Also decides whether the login page offers "Forgot password?" (only with e-mail on).
 */
@Named
@RequestScoped
public class ForgotPasswordPage {

    @Inject
    PasswordResets resets;

    @Inject
    MailSettings settings;

    @Inject
    LanguageSelection language;

    @Inject
    HttpServletRequest request;

    private String loginOrEmail;
    private boolean sent;

    /** Whether this server sends e-mail (without it there is no reset by e-mail). */
    public boolean isMailEnabled() {
        return settings.linksEnabled();
    }

    public void submit() {
        String given = loginOrEmail == null ? "" : loginOrEmail.strip();
        boolean isEmail = given.contains("@");
        try {
            resets.request(isEmail ? null : given, isEmail ? given : null, language.getLocale(), request, settings.base(request));
        } catch (TooManyRequestsException e) {
            RetryLater.tooMany(FacesContext.getCurrentInstance(), e.retryAfterSeconds());
            return;
        }
        sent = true;
        loginOrEmail = null;
    }

    public boolean isSent() {
        return sent;
    }

    public String getLoginOrEmail() {
        return loginOrEmail;
    }

    public void setLoginOrEmail(String loginOrEmail) {
        this.loginOrEmail = loginOrEmail;
    }
}
