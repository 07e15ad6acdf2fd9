package org.jointchat.presence;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.api.Authenticated;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;

/** Who is online now: the count and a page by display name. The online members of a room: {@link RoomOnlineResource}. */
@Path("presence")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class PresenceResource {

    @Inject
    PresenceService presence;

    @GET
    @Operation(summary = "Everyone online now (at least one open WebSocket): the count and a page by display name")
    public OnlinePage everyone(@QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("50") int limit) {
        try {
            return presence.everyone(cursor, limit);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
    }
}
