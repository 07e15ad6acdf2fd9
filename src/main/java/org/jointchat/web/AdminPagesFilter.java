package org.jointchat.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jointchat.account.Roles;
import org.jointchat.platform.AuthenticationState;
import org.jointchat.platform.Callers;

/**
 * The administration pages are for system administrators only: signed out, the login page (web.xml protects
 * /admin/* as it does /app/*, so this is the fallback); signed in without the role, 403. The role is read from
 * the database on every request, so a revocation applies to the very next page.
 */
@WebFilter(urlPatterns = "/admin/*")
public class AdminPagesFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    Roles roles;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        var principal = Callers.signedIn(request.getUserPrincipal());
        if (principal == null) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            response.sendRedirect(request.getContextPath() + AuthenticationState.LOGIN_PAGE + "?next="
                    + URLEncoder.encode(path, StandardCharsets.UTF_8));
            return;
        }
        if (!roles.isAdmin(principal.getName())) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        chain.doFilter(request, response);
    }
}
