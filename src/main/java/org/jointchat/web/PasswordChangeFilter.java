package org.jointchat.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jointchat.account.AccountService;
import org.jointchat.platform.Callers;

/**
 * A user who signed in with a temporary password (set by an administrator) sees only their profile page, where
 * they choose a new password; every other signed-in page sends them there until they have.
 */
@WebFilter(urlPatterns = {"/app/*", "/admin/*"})
public class PasswordChangeFilter extends HttpFilter {

    static final String PROFILE = "/app/profile.xhtml";
    private static final long serialVersionUID = 1L;

    @Inject
    AccountService accounts;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        var principal = Callers.signedIn(request.getUserPrincipal());
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (principal != null && !path.equals(PROFILE) && accounts.mustChangePassword(principal.getName())) {
            response.sendRedirect(request.getContextPath() + PROFILE);
            return;
        }
        chain.doFilter(request, response);
    }
}
