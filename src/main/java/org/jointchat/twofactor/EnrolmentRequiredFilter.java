package org.jointchat.twofactor;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.jointchat.account.AccountService;
import org.jointchat.account.TwoFactorPolicy;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.platform.AuthenticationState;

/**
 * Two-factor policy (issue 23, item 3): a browser session signed in by the password of an account the policy asks
 * for a second factor it has not set up gets {@code 403 two-factor-enrolment-required} from the API, except for
 * setting one up ({@link TwoFactorResource}) — as its pages send it to the profile. Only sessions the sign-in
 * marked are looked at; bearer tokens are not issued to such accounts at all.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 2)
public class EnrolmentRequiredFilter implements ContainerRequestFilter {

    @Context
    HttpServletRequest servletRequest;

    @Context
    ResourceInfo resource;

    @Inject
    TwoFactorPolicy policy;

    @Inject
    AccountService accounts;

    @Override
    public void filter(ContainerRequestContext request) {
        var session = servletRequest.getSession(false);
        var principal = servletRequest.getUserPrincipal();
        if (session == null || principal == null || session.getAttribute(TwoFactorPolicy.ENROLMENT_REQUIRED) == null
                || AuthenticationState.bearerToken(servletRequest) != null
                || resource.getResourceClass() == TwoFactorResource.class) {
            return;
        }
        if (accounts.findByLogin(principal.getName()).map(policy::enrolmentRequired).orElse(false)) {
            throw new ProblemException(ProblemType.TWO_FACTOR_ENROLMENT_REQUIRED, "problem.two-factor-enrolment-required.session");
        }
        session.removeAttribute(TwoFactorPolicy.ENROLMENT_REQUIRED); // set up meanwhile, or the policy changed
    }
}
