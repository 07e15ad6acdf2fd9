package org.jointchat.admin;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.FieldError;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.TwoFactorPolicy;

/** The two-factor policy (issue 23, item 3): who must sign in with a second factor. */
@Path("admin/two-factor-policy")
@AdministratorsOnly
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AdminTwoFactorPolicyResource {

    /** Body and answer of …/two-factor-policy: {@code require} is nobody, administrators or everyone. */
    public record Policy(String require) {
    }

    @Inject
    TwoFactorPolicy policy;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Who must sign in with a second factor: nobody, administrators or everyone")
    public Policy policy() {
        return new Policy(policy.mode().wire());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change who must sign in with a second factor")
    @APIResponse(responseCode = "200", description = "The policy now")
    @APIResponse(responseCode = "400", description = "Not one of nobody, administrators, everyone")
    public Policy changePolicy(Policy body) {
        var mode = Optional.ofNullable(body).map(Policy::require).flatMap(TwoFactorPolicy.Mode::ofWire)
                .orElseThrow(() -> new InvalidInputException(List.of(new FieldError("require", "admin.twofactor.policyInvalid"))));
        policy.changeMode(security.getUserPrincipal().getName(), mode);
        return policy();
    }
}
