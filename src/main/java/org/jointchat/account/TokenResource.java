package org.jointchat.account;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.api.Authenticated;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.platform.AuthenticationState;

/** Bearer tokens for API clients: issue with login and password, revoke the one in use. */
@Path("tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    /** Request body of POST /tokens; {@code otp}: a TOTP or recovery code, for an account with a second factor. */
    public record Credentials(String login, String password, String otp) {
    }

    @Inject
    AccountService accounts;

    @Inject
    TokenService tokens;

    @Inject
    AddressLimits limits;

    @Inject
    SecondFactors secondFactors;

    @Inject
    SecondStep secondStep;

    @Inject
    TwoFactorPolicy twoFactorPolicy;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a token for a login and password")
    @APIResponse(responseCode = "201", description = "The token and when it expires")
    @APIResponse(responseCode = "401", description = "Wrong login or password (never says which); or, after the right password, "
            + "a second factor is required (second-factor-required), the otp is wrong (second-factor-invalid) or used already (second-factor-replayed)")
    @APIResponse(responseCode = "403", description = "The account is deactivated (account-deactivated), or its temporary password must be changed on the profile page first (password-change-required), "
            + "or it signs in through single sign-on only (passwords-off), "
            + "or the two-factor policy requires a second factor it has not set up yet (two-factor-enrolment-required)")
    @APIResponse(responseCode = "429", description = "Too many failed attempts for this login, or too many attempts from this address; see Retry-After")
    @APIResponse(responseCode = "503", description = "Password hashing is busy; see Retry-After")
    public Response issue(Credentials body, @Context HttpServletRequest request) {
        limits.signIn(request); // before any hashing, known and unknown logins alike
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        // Two-factor sign-in: a login whose codes were guessed too often is refused before its password is looked at.
        if (body.otp() != null && !body.otp().isBlank()) {
            var codesLocked = secondStep.locked(body.login());
            if (codesLocked.isPresent()) {
                throw new ProblemException(ProblemType.TOO_MANY_ATTEMPTS, codesLocked.get());
            }
        }
        var result = accounts.authenticate(body.login(), body.password());
        if (result instanceof AuthenticationResult.Success success) {
            if (success.user().isMustChangePassword()) {
                throw new ProblemException(ProblemType.PASSWORD_CHANGE_REQUIRED, "problem.password-change-required.detail");
            }
            checkSecondFactor(success.user(), body.otp());
            return Response.status(Response.Status.CREATED).entity(tokens.issue(success.user())).build();
        }
        if (result instanceof AuthenticationResult.Deactivated) {
            throw new ProblemException(ProblemType.ACCOUNT_DEACTIVATED, "problem.account-deactivated.detail");
        }
        if (result instanceof AuthenticationResult.PasswordsOff) { // single sign-on (issue 23, item 2)
            throw new ProblemException(ProblemType.PASSWORDS_OFF, "problem.passwords-off.detail");
        }
        if (result instanceof AuthenticationResult.Locked locked) {
            throw new ProblemException(ProblemType.TOO_MANY_ATTEMPTS, locked.retryAfter());
        }
        throw new ProblemException(ProblemType.INVALID_CREDENTIALS);
    }

    /** Two-factor sign-in (issue 23, item 3, "totp"): the otp of an account with a second factor, or the policy's refusal. */
    private void checkSecondFactor(User user, String otp) {
        if (!secondFactors.any(user.getId())) {
            if (twoFactorPolicy.enrolmentRequired(user)) {
                throw new ProblemException(ProblemType.TWO_FACTOR_ENROLMENT_REQUIRED, "problem.two-factor-enrolment-required.detail");
            }
            return;
        }
        if (otp == null || otp.isBlank()) {
            throw new ProblemException(ProblemType.SECOND_FACTOR_REQUIRED, "problem.second-factor-required.detail");
        }
        var result = secondStep.verify(user, otp);
        if (result instanceof SecondStep.Locked locked) {
            throw new ProblemException(ProblemType.TOO_MANY_ATTEMPTS, locked.retryAfter());
        }
        if (result instanceof SecondStep.Replayed) {
            throw new ProblemException(ProblemType.SECOND_FACTOR_REPLAYED);
        }
        if (!(result instanceof SecondStep.Accepted)) {
            throw new ProblemException(ProblemType.SECOND_FACTOR_INVALID);
        }
    }

    @DELETE
    @Path("current")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Revoke the token this request carries")
    @APIResponse(responseCode = "204", description = "Revoked; the token no longer works")
    public Response revokeCurrent(@Context HttpServletRequest request) {
        String token = AuthenticationState.bearerToken(request);
        if (token == null || !tokens.revoke(token)) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED);
        }
        return Response.noContent().build();
    }
}
