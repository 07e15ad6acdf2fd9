package org.jointchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jointchat.account.AccountService;
import org.jointchat.account.Roles;
import org.jointchat.account.SessionOrTokenAuthentication;
import org.jointchat.account.User;
import org.jointchat.platform.AuthenticationState;
import org.jointchat.platform.Callers;

/** The signed-in user as pages show it, and logging out. */
@Named
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityContext securityContext;

    @Inject
    AccountService accounts;

    @Inject
    FacesContext faces;

    @Inject
    SessionOrTokenAuthentication authentication;

    @Inject
    Roles roles;

    private User user;

    public String getLogin() {
        return user() == null ? null : user.getLogin();
    }

    public String getDisplayName() {
        return user() == null ? null : user.getDisplayName();
    }

    /** A system administrator: the chat's header links to the administration pages. */
    public boolean isAdmin() {
        return user() != null && roles.isAdmin(user.getLogin());
    }

    public boolean isSignedIn() {
        return user() != null;
    }

    public void logout() throws ServletException, IOException {
        var external = faces.getExternalContext();
        var request = (HttpServletRequest) external.getRequest();
        try {
            authentication.forgetRememberedSignIn(request, (HttpServletResponse) external.getResponse());
        } finally {
            // Signed out even when the remembered sign-in could not be deleted now (the database is down).
            var session = request.getSession(false);
            if (session != null) {
                session.setAttribute(AuthenticationState.SESSION_ENDED, Boolean.TRUE); // its sockets end too
            }
            request.logout();
            external.invalidateSession();
        }
        // Fresh session for the flash message only; it carries no identity.
        FacesText.info("logout.done");
        external.redirect(request.getContextPath() + AuthenticationState.LOGIN_PAGE);
        faces.responseComplete();
    }

    private User user() {
        if (user == null && Callers.signedIn(securityContext.getCallerPrincipal()) != null) {
            user = accounts.findByLogin(securityContext.getCallerPrincipal().getName()).orElse(null);
        }
        return user;
    }
}
