package org.jointchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jointchat.account.AccountService;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.LoginTakenException;
import org.jointchat.account.Registration;

/** Backs register.xhtml: the rules are AccountService's, this only shows their verdict per field. */
@Named
@RequestScoped
public class RegisterPage {

    private static final String FORM = "register:";

    @Inject
    AccountService accounts;

    @Inject
    FacesContext faces;

    private String login;
    private String displayName;
    private String password;
    private String passwordRepeat;

    public String submit() {
        try {
            var user = accounts.register(new Registration(login, displayName, password, passwordRepeat));
            FacesText.info("register.done", user.getLogin());
            return "/login?faces-redirect=true";
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> FacesText.error(FORM + error.field(), error.messageKey()));
            FacesText.error(null, "register.fix");
        } catch (LoginTakenException e) {
            FacesText.error(FORM + "login", "account.login.taken");
            FacesText.error(null, "register.fix");
        }
        faces.getExternalContext().getFlash().setKeepMessages(false);
        password = null;
        passwordRepeat = null;
        return null;
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
