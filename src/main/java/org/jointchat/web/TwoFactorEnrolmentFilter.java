package org.jointchat.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jointchat.account.EnrolmentHold;

/**
 * Two-factor policy (issue 23, item 3): a user signed in by the password while the policy asks them for a second
 * factor they have not set up sees only their profile page, where they set one up; every other signed-in page sends
 * them there until they have (as {@link PasswordChangeFilter} does for a temporary password); a session signed in
 * before the policy came to cover the account too. The rule is {@link EnrolmentHold}'s (cheap while nobody is covered).
 */
@WebFilter(urlPatterns = {"/app/*", "/admin/*"})
public class TwoFactorEnrolmentFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    EnrolmentHold enrolmentHold;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.equals(PasswordChangeFilter.PROFILE) && enrolmentHold.holds(request)) {
            response.sendRedirect(request.getContextPath() + PasswordChangeFilter.PROFILE);
            return;
        }
        chain.doFilter(request, response);
    }
}
