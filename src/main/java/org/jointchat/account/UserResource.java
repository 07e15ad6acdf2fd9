package org.jointchat.account;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.api.Authenticated;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.presence.PresenceService;

/** Users as signed-in callers see them. */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class UserResource {

    @Inject
    AccountService accounts;

    @Inject
    PresenceService presence;

    @GET
    @Path("me")
    @Operation(summary = "The signed-in user")
    public UserView me(@Context SecurityContext security) {
        return find(security.getUserPrincipal().getName());
    }

    @GET
    @Path("{login}")
    @Operation(summary = "A user by login")
    public UserView byLogin(@PathParam("login") String login) {
        return find(login);
    }

    private UserView find(String login) {
        return accounts.findByLogin(login)
                .map(user -> UserView.withPresence(user, presence.isOnline(user.getLogin())))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND));
    }
}
