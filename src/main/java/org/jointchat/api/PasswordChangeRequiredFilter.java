package org.jointchat.api;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.jointchat.platform.AuthenticationState;

/**
 * A user whose password an administrator set as temporary is held on the profile page until they choose their own;
 * their browser session's API calls are refused the same way (403 password-change-required), except the
 * {@link BeforePasswordChange} ones. The authentication mechanism marks such a request from what it checks (and
 * caches) for every signed-in request anyway, so this costs no query. Tokens are not issued to them at all.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 1)
public class PasswordChangeRequiredFilter implements ContainerRequestFilter {

    @Context
    HttpServletRequest servletRequest;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (Boolean.TRUE.equals(servletRequest.getAttribute(AuthenticationState.MUST_CHANGE_PASSWORD))
                && (resource.getResourceMethod() == null || !resource.getResourceMethod().isAnnotationPresent(BeforePasswordChange.class))) {
            throw new ProblemException(ProblemType.PASSWORD_CHANGE_REQUIRED, "problem.password-change-required.session");
        }
    }
}
