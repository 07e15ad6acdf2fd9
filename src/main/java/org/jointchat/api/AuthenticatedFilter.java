package org.jointchat.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.jointchat.platform.Callers;

/** Answers 401 (with {@code WWW-Authenticate: Bearer}) when an {@link Authenticated} operation has no caller. */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class AuthenticatedFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (Callers.signedIn(request.getSecurityContext().getUserPrincipal()) == null) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED);
        }
    }
}
