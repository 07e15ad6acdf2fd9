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
import org.jointchat.account.AllowedDuringEnrolment;
import org.jointchat.account.EnrolmentHold;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.platform.Callers;

/**
 * Two-factor policy (issue 23, item 3): a caller the policy asks for a second factor it has not set up gets
 * {@code 403 two-factor-enrolment-required} from the API, except for setting one up — TOTP ({@link TwoFactorResource})
 * or a passkey (listing, options, registering): what is marked {@link AllowedDuringEnrolment} — as its pages send it
 * to the profile. Browser sessions and bearer
 * tokens alike ({@link EnrolmentHold}; tokens issued before the policy changed are held too).
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 2)
public class EnrolmentRequiredFilter implements ContainerRequestFilter {

    @Context
    HttpServletRequest servletRequest;

    @Context
    ResourceInfo resource;

    @Inject
    EnrolmentHold hold;

    @Override
    public void filter(ContainerRequestContext request) {
        if (Callers.signedIn(servletRequest.getUserPrincipal()) == null || enrolment()) {
            return;
        }
        if (hold.holds(servletRequest)) {
            throw new ProblemException(ProblemType.TWO_FACTOR_ENROLMENT_REQUIRED, "problem.two-factor-enrolment-required.session");
        }
    }

    private boolean enrolment() {
        var type = resource.getResourceClass();
        var method = resource.getResourceMethod();
        return (type != null && type.isAnnotationPresent(AllowedDuringEnrolment.class))
                || (method != null && method.isAnnotationPresent(AllowedDuringEnrolment.class));
    }
}
