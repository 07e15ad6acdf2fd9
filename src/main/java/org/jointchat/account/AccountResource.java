package org.jointchat.account;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;

/** Registration for API clients. */
@Path("accounts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    /** Request body of POST /accounts. */
    public record NewAccount(String login, String displayName, String password, String invite) {
    }

    @Inject
    AccountService accounts;

    @Inject
    AddressLimits limits;

    @POST
    @Operation(summary = "Register a new account")
    @APIResponse(responseCode = "201", description = "Created; Location names the new user")
    @APIResponse(responseCode = "400", description = "Validation problem with the offending fields")
    @APIResponse(responseCode = "403", description = "Registration is closed, or needs a valid invite (registration-closed, invite-required, invite-invalid)")
    @APIResponse(responseCode = "409", description = "This login is taken")
    @APIResponse(responseCode = "429", description = "Too many registrations from this address; see Retry-After")
    @APIResponse(responseCode = "503", description = "Password hashing is busy; see Retry-After")
    public Response register(NewAccount body, @Context HttpServletRequest request) {
        limits.registration(request);
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        User user = accounts.register(Registration.of(body.login(), body.displayName(), body.password()), body.invite());
        return Response.created(UriBuilder.fromPath("users").path(user.getLogin()).build())
                .entity(UserView.of(user))
                .build();
    }
}
