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
import org.jointchat.account.TwoFactorPolicy;

/**
 * Two-factor policy (issue 23, item 3): a user signed in by the password while the policy asks them for a second
 * factor they have not set up sees only their profile page, where they set one up; every other signed-in page sends
 * them there until they have (as {@link PasswordChangeFilter} does for a temporary password). Only sessions the
 * sign-in marked are checked, so everyone else costs nothing.
 */
@WebFilter(urlPatterns = {"/app/*", "/admin/*"})
public class TwoFactorEnrolmentFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    TwoFactorPolicy policy;

    @Inject
    AccountService accounts;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        var session = request.getSession(false);
        var principal = request.getUserPrincipal();
        if (session != null && principal != null && session.getAttribute(TwoFactorPolicy.ENROLMENT_REQUIRED) != null) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (!path.equals(PasswordChangeFilter.PROFILE)) {
                boolean stillRequired = accounts.findByLogin(principal.getName()).map(policy::enrolmentRequired).orElse(false);
                if (stillRequired) {
                    response.sendRedirect(request.getContextPath() + PasswordChangeFilter.PROFILE);
                    return;
                }
                session.removeAttribute(TwoFactorPolicy.ENROLMENT_REQUIRED); // set up meanwhile, or the policy changed
            }
        }
        chain.doFilter(request, response);
    }
}
