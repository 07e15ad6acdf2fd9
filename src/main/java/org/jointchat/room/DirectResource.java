package org.jointchat.room;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.api.Authenticated;

/** Direct messages: the private two-person room of the caller and another user. */
@Path("direct")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class DirectResource {

    @Inject
    RoomService rooms;

    @Inject
    Caller caller;

    @POST
    @Path("{login}")
    @Operation(summary = "The direct conversation with a user: created on first use, the same room afterwards")
    public RoomView open(@PathParam("login") String login) {
        return rooms.direct(caller.get(), login);
    }
}
