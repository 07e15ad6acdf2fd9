package org.jointchat.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.platform.AuthenticationState;
import org.jointchat.platform.SameOrigin;
import org.jointchat.platform.Callers;

/**
 * Unsafe calls (POST, PUT, PATCH, DELETE) signed in by a cookie (session or remember-me, no bearer token)
 * must come from the server's own pages: an allowed {@code Origin}, or {@code Sec-Fetch-Site: same-origin};
 * otherwise 403 cross-origin, before anything is read or done. Browsers attach cookies to simple cross-site
 * requests (a form post, an upload) that need no preflight; this is what stops another site's page from
 * acting as the signed-in user. Bearer-token and anonymous calls carry no ambient credential and pass.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class SameOriginFilter implements ContainerRequestFilter {

    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Context
    HttpServletRequest servletRequest;

    @Inject
    @ConfigProperty(name = "jointchat.allowed-origins")
    Optional<String> allowedOrigins;

    @Override
    public void filter(ContainerRequestContext request) {
        if (UNSAFE.contains(request.getMethod())
                && Callers.signedIn(request.getSecurityContext().getUserPrincipal()) != null
                && AuthenticationState.bearerToken(servletRequest) == null
                && !SameOrigin.fromOwnPages(servletRequest, allowedOrigins)) {
            throw new ProblemException(ProblemType.CROSS_ORIGIN);
        }
    }
}
