package org.jointchat.admin;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** A user's second factors for administrators (issue 23, item 5): which they have, and a reset when they lost them. */
@Path("admin/users/{login}/second-factors")
@AdministratorsOnly
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AdminSecondFactorsResource {

    /** A user's second factors ("passkey", "totp"); empty: the password alone signs them in. */
    public record UserSecondFactors(String login, List<String> factors) {
    }

    /** After a reset: the factors the user had. */
    public record ResetSecondFactors(String login, List<String> removed) {
    }

    @Inject
    SecondFactorAdministration administration;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "The user's second factors")
    @APIResponse(responseCode = "404", description = "No such user")
    public UserSecondFactors factors(@PathParam("login") String login) {
        return new UserSecondFactors(login, administration.factorsOf(login));
    }

    @DELETE
    @Operation(summary = "Remove every second factor of the user (they lost it); recorded in the audit log")
    @APIResponse(responseCode = "200", description = "The factors removed (empty: the user had none)")
    @APIResponse(responseCode = "404", description = "No such user")
    public ResetSecondFactors reset(@PathParam("login") String login) {
        return new ResetSecondFactors(login, administration.reset(security.getUserPrincipal().getName(), login));
    }
}
