package org.jointchat.presence;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.api.Authenticated;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.room.RoomError;
import org.jointchat.room.RoomException;
import org.jointchat.room.RoomService;

/** The online members of a room, by display name, a page at a time (members only). */
@Path("rooms/{id}/online")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class RoomOnlineResource {

    @Inject
    PresenceService presence;

    @Inject
    RoomService rooms;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The online members of a room: the count and a page by display name, after the cursor")
    public OnlinePage online(@PathParam("id") long roomId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        if (rooms.access(roomId, caller.get().id()) != RoomService.Access.MEMBER) {
            throw new RoomException(RoomError.NOT_FOUND, "room.error.notFound");
        }
        try {
            return presence.onlineIn(roomId, cursor, limit);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
    }
}
