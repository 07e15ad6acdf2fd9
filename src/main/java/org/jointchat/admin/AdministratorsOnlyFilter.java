package org.jointchat.admin;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.jointchat.account.Roles;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.platform.Callers;

/**
 * The gate of {@code /api/v1/admin}: the role is read from the database on every call, so a grant or revocation
 * (also from the machine's {@code ./jointchat admin}) applies to the very next request.
 */
@Provider
@AdministratorsOnly
@Priority(Priorities.AUTHORIZATION)
public class AdministratorsOnlyFilter implements ContainerRequestFilter {

    @Inject
    Roles roles;

    @Override
    public void filter(ContainerRequestContext request) {
        var principal = Callers.signedIn(request.getSecurityContext().getUserPrincipal());
        if (principal == null) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED);
        }
        if (!roles.isAdmin(principal.getName())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "admin.forbidden");
        }
    }
}
