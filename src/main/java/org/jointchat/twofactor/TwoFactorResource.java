package org.jointchat.twofactor;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.AccountService;
import org.jointchat.account.Caller;
import org.jointchat.account.RecentProof;
import org.jointchat.account.SecondFactors;
import org.jointchat.account.TwoFactorPolicy;
import org.jointchat.api.Authenticated;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;

/** The caller's own second factors (issue 23, item 3): their status, TOTP enrolment, recovery codes, turning TOTP off. */
@Path("users/me/two-factor")
@Authenticated
@org.jointchat.account.AllowedDuringEnrolment
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class TwoFactorResource {

    /** {@code factors}: every second factor the account has ("passkey", "totp"); {@code required}: the policy covers the account. */
    public record TwoFactorStatus(List<String> factors, boolean totp, int recoveryCodesLeft, boolean required) {
    }

    /** A started enrolment: the secret to type in (Base32) and the otpauth:// URI of the QR code. */
    public record StartedEnrolment(String secret, String uri) {
    }

    /** Body: a current code (TOTP, or for some actions a recovery code) or, where allowed, the password. */
    public record Proof(String code, String password) {
    }

    public record NewRecoveryCodes(List<String> recoveryCodes) {
    }

    @Inject
    Caller caller;

    @Inject
    TotpService totp;

    @Inject
    SecondFactors factors;

    @Inject
    TwoFactorPolicy policy;

    @Inject
    AccountService accounts;

    @Inject
    RecentProof recentProof;

    @jakarta.ws.rs.core.Context
    jakarta.servlet.http.HttpServletRequest request;

    @GET
    @Operation(summary = "The caller's second factors and whether the server's policy requires one")
    public TwoFactorStatus status() {
        long id = caller.get().id();
        var status = totp.status(id);
        boolean required = accounts.findById(id).map(policy::covers).orElse(false);
        return new TwoFactorStatus(factors.enabledFor(id), status.enabled(), status.recoveryCodesLeft(), required);
    }

    @POST
    @Path("totp")
    @Operation(summary = "Start TOTP enrolment: a new secret, not in force until confirmed with a code")
    @APIResponse(responseCode = "201", description = "The secret and its otpauth:// URI (shown during enrolment only)")
    @APIResponse(responseCode = "400", description = "TOTP is on already (validation)")
    @APIResponse(responseCode = "403", description = "No recent sign-in and no right \"password\" in the optional body (reauthentication-required)")
    public Response start(String text) {
        var user = caller.get();
        recentProof.require(request, user.id(), RecentProof.passwordOf(text));
        var enrolment = totp.startEnrolment(user.id(), user.login());
        return Response.status(Response.Status.CREATED).entity(new StartedEnrolment(enrolment.secret(), enrolment.uri())).build();
    }

    @POST
    @Path("totp/confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn TOTP on with a code from the new secret; answers the ten recovery codes (shown once)")
    @APIResponse(responseCode = "400", description = "No enrolment started, or the code is wrong (validation)")
    @APIResponse(responseCode = "403", description = "No recent sign-in and no right \"password\" (reauthentication-required)")
    public NewRecoveryCodes confirm(Proof body) {
        long id = caller.get().id();
        recentProof.require(request, id, body(body).password());
        return new NewRecoveryCodes(totp.confirm(id, body.code()));
    }

    @POST
    @Path("recovery-codes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the recovery codes with ten new ones; needs a current code or the password")
    @APIResponse(responseCode = "400", description = "TOTP is off, or neither a right code nor the right password (validation)")
    public NewRecoveryCodes newRecoveryCodes(Proof body) {
        long id = caller.get().id();
        requireTotp(id);
        totp.proveOwner(id, body(body).code(), body.password());
        return new NewRecoveryCodes(totp.newRecoveryCodes(id));
    }

    @POST
    @Path("totp/removal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn TOTP off (and delete the recovery codes); needs a current code or the password")
    @APIResponse(responseCode = "204", description = "Off")
    @APIResponse(responseCode = "409", description = "The two-factor policy covers the account and TOTP is its only factor (last-second-factor)")
    @APIResponse(responseCode = "400", description = "TOTP is off, or neither a right code nor the right password (validation)")
    public Response turnOff(Proof body) {
        long id = caller.get().id();
        requireTotp(id);
        totp.proveOwner(id, body(body).code(), body.password());
        totp.turnOff(id);
        return Response.noContent().build();
    }

    private void requireTotp(long id) {
        if (!totp.enabledFor(id)) {
            throw new org.jointchat.account.InvalidInputException(List.of(new org.jointchat.account.FieldError("code", "twofactor.off")));
        }
    }

    /** The "password" of an optional JSON body, or null. */
    private static Proof body(Proof body) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        return body;
    }
}
