package org.jointchat.account;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.api.Authenticated;
import org.jointchat.api.BeforePasswordChange;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.platform.AuthenticationState;

/** The signed-in caller's password (the rest of {@code /users} is {@code profile.ProfileResource}). */
@Path("users/me/password")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class PasswordResource {

    /** Body of PUT /users/me/password. */
    public record PasswordChange(String currentPassword, String newPassword) {
    }

    @Inject
    AccountService accounts;

    @Inject
    Caller caller;

    @PUT
    @BeforePasswordChange
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the password (current one required); other sessions and tokens end")
    public Response changePassword(PasswordChange body, @Context HttpServletRequest request) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        int version = accounts.changePassword(caller.get().id(), body.currentPassword(), body.newPassword(),
                AuthenticationState.bearerToken(request));
        var session = request.getSession(false);
        if (session != null && session.getAttribute(AuthenticationState.SESSION_LOGIN) != null) {
            session.setAttribute(AuthenticationState.SESSION_CREDENTIALS, version); // this session stays signed in
        }
        return Response.noContent().build();
    }
}
