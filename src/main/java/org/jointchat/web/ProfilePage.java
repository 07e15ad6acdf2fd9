package org.jointchat.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.text.BreakIterator;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import org.jointchat.account.AccountService;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.User;
import org.jointchat.status.StatusService;
import org.jointchat.status.UserStatus;
import org.jointchat.platform.AuthenticationState;
import org.jointchat.platform.ServerBusyException;
import org.jointchat.presence.PresenceService;

/** Backs profile.xhtml: anyone's profile; on your own, editing it and changing the password. */
@Named
@ViewScoped
public class ProfilePage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String FORM = "profile:";
    private static final String PASSWORD_FORM = "password:";

    @Inject
    transient AccountService accounts;

    @Inject
    transient PresenceService presence;

    @Inject
    transient SecurityContext security;

    @Inject
    transient StatusService statuses;

    @Inject
    transient HttpServletRequest request;

    private String login;
    private transient User user;
    private String displayName;
    private String about;
    private String status;
    private String currentPassword;
    private String newPassword;

    /** viewAction: loads the profile asked for (your own without ?login=). */
    public void load() {
        String wanted = login == null || login.isBlank() ? security.getCallerPrincipal().getName() : login;
        user = accounts.findByLogin(wanted).orElse(null);
        if (user != null) {
            login = user.getLogin();
            displayName = user.getDisplayName();
            about = user.getAbout();
            status = statuses.of(user.getLogin()).text();
        }
    }

    private User user() {
        if (user == null && login != null) {
            user = accounts.findByLogin(login).orElse(null);
        }
        return user;
    }

    public boolean isFound() {
        return user() != null;
    }

    public boolean isOwn() {
        return user() != null && user().getLogin().equals(security.getCallerPrincipal().getName());
    }

    public boolean isOnline() {
        return user() != null && presence.isOnline(user().getLogin());
    }

    public String getJoined() {
        return user() == null ? "" : user().getCreatedAt().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(FacesContext.getCurrentInstance().getViewRoot().getLocale()));
    }

    public String getLastSeen() {
        return user() == null || user().getLastSeenAt() == null ? null
                : user().getLastSeenAt().format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                        .withLocale(FacesContext.getCurrentInstance().getViewRoot().getLocale()));
    }

    /** Initials on the same colour the chat page gives this login (String.hashCode is the hash ui/dom.js avatar() computes). */
    public String getInitials() {
        if (user() == null) {
            return "";
        }
        String[] words = user().getDisplayName().strip().split("\\s+");
        String first = firstGrapheme(words[0]);
        String last = words.length > 1 ? firstGrapheme(words[words.length - 1]) : "";
        return (first + last).toUpperCase(FacesContext.getCurrentInstance().getViewRoot().getLocale());
    }

    /** The first user-perceived character: an emoji or a letter with its accents stays whole (never half a surrogate pair). */
    static String firstGrapheme(String word) {
        var characters = BreakIterator.getCharacterInstance();
        characters.setText(word);
        int end = characters.next();
        return end == BreakIterator.DONE ? "" : word.substring(0, end);
    }

    /** How many avatar colours the palette has (--jc-avatar-0 … --jc-avatar-11 in jointchat.css, each >= 4.5:1 under white). */
    static final int AVATAR_COLOURS = 12;

    /** The login's avatar colour as ui/dom.js avatar() picks it: the same hash (String.hashCode), the same palette entry. */
    static String avatarColor(String login) {
        return "var(--jc-avatar-" + Math.abs(login.hashCode() % AVATAR_COLOURS) + ")";
    }

    public String getAvatarColor() {
        return user() == null ? "" : avatarColor(user().getLogin());
    }

    public User getUser() {
        return user();
    }

    // ---- status and do-not-disturb (issue 22, item 4): as they read now, an expired status is none ----

    public UserStatus getStatusNow() {
        return user() == null ? UserStatus.NONE : statuses.of(user().getLogin());
    }

    /** "Do not disturb until …" in the reader's language and the server's time zone; "" when it is off. */
    public String getDndLine() {
        var until = getStatusNow().dndUntil();
        return until == null ? "" : FacesText.text("status.dndUntil", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                .withLocale(FacesContext.getCurrentInstance().getViewRoot().getLocale())
                .format(until.atZone(java.time.ZoneId.systemDefault())));
    }

    public void save() {
        try {
            user = accounts.updateProfile(user().getId(), displayName, about, status);
            FacesText.info("profile.saved");
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> FacesText.error(FORM + error.field(), error.messageKey()));
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false);
    }

    /** Whether the signed-in user still has a temporary password (the page says so above the password form). */
    public boolean isMustChangePassword() {
        return isOwn() && accounts.mustChangePassword(security.getCallerPrincipal().getName());
    }

    public void changePassword() throws java.io.IOException {
        try {
            boolean wasTemporary = isMustChangePassword();
            int version = accounts.changePassword(user().getId(), currentPassword, newPassword, null);
            // This session stays signed in; every other session and token has ended.
            request.getSession().setAttribute(AuthenticationState.SESSION_CREDENTIALS, version);
            FacesText.info("profile.passwordChanged");
            if (wasTemporary) {
                // The chat was closed to them until now: take them there.
                var external = FacesContext.getCurrentInstance().getExternalContext();
                external.redirect(external.getRequestContextPath() + LoginPage.HOME);
                FacesContext.getCurrentInstance().responseComplete();
                return;
            }
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> FacesText.error(PASSWORD_FORM + error.field(), error.messageKey()));
        } catch (ServerBusyException e) {
            RetryLater.busy(FacesContext.getCurrentInstance(), e.retryAfterSeconds());
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false);
        currentPassword = null;
        newPassword = null;
    }

    public String getLogin() { return login; }
    public void setLogin(String login) { this.login = login; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public String getAbout() { return about; }
    public void setAbout(String about) { this.about = about; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getCurrentPassword() { return currentPassword; }
    public void setCurrentPassword(String currentPassword) { this.currentPassword = currentPassword; }
    public String getNewPassword() { return newPassword; }
    public void setNewPassword(String newPassword) { this.newPassword = newPassword; }
}
