package org.jointchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.IOException;
import org.jointchat.account.AccountService;
import org.jointchat.missed.EmailNotificationMode;
import org.jointchat.missed.EmailNotifications;

/**
 * Backs the "E-mail about missed messages" form of your own profile page (issue 23, item 1; also
 * {@code PUT /api/v1/users/me/email-notifications}): never, one digest, or a mail for each message.
 */
@Named
@RequestScoped
public class EmailNotificationsPage {

    @Inject
    EmailNotifications notifications;

    @Inject
    AccountService accounts;

    @Inject
    SecurityContext security;

    private EmailNotifications.Setting setting;
    private String mode;

    private long myId() {
        return accounts.findByLogin(security.getCallerPrincipal().getName()).orElseThrow().getId();
    }

    private EmailNotifications.Setting setting() {
        if (setting == null) {
            setting = notifications.of(myId());
        }
        return setting;
    }

    public String getMode() {
        return mode != null ? mode : setting().mode().wire();
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    /** The verified address mails go to; null when there is none. */
    public String getEmail() {
        return setting().email();
    }

    /** How long a message waits, where the mails go (or that none are sent, and why). */
    public String getHint() {
        var s = setting();
        // Under a minute only on test servers; said as it is there too.
        var hint = new StringBuilder(s.delay().toMinutes() >= 1
                ? FacesText.text("profile.emailNotifications.hint", s.delay().toMinutes())
                : FacesText.text("profile.emailNotifications.hint.seconds", s.delay().toSeconds()));
        hint.append(' ').append(s.email() == null ? FacesText.text("profile.emailNotifications.noAddress")
                : FacesText.text("profile.emailNotifications.address", s.email()));
        if (!s.mailEnabled()) {
            hint.append(' ').append(FacesText.text("profile.emailNotifications.mailOff"));
        }
        return hint.toString();
    }

    public void save() throws IOException {
        var faces = FacesContext.getCurrentInstance();
        var chosen = EmailNotificationMode.parse(mode);
        if (chosen.isEmpty()) {
            faces.addMessage("emailNotifications:mode", message(FacesMessage.SEVERITY_ERROR, "emailNotifications.error.mode"));
            return;
        }
        setting = notifications.change(myId(), chosen.get(), faces.getViewRoot().getLocale());
        mode = null;
        // Said beside the choice; the page comes back (post, redirect, get) scrolled to this section, not to its top.
        faces.addMessage("emailNotifications:mode", message(FacesMessage.SEVERITY_INFO, "profile.emailNotifications.saved"));
        var external = faces.getExternalContext();
        external.getFlash().setKeepMessages(true);
        external.redirect(external.getRequestContextPath() + "/app/profile.xhtml#email-notifications-heading");
        faces.responseComplete();
    }

    private static FacesMessage message(FacesMessage.Severity severity, String key) {
        String text = FacesText.text(key);
        return new FacesMessage(severity, text, text);
    }
}
