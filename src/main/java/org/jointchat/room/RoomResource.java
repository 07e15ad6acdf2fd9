package org.jointchat.room;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.api.Authenticated;
import org.jointchat.api.Caller;

/** The rooms of the signed-in user. */
@Path("rooms")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class RoomResource {

    @Inject
    RoomService rooms;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Rooms the signed-in user belongs to, with the last sequence number of each")
    public List<RoomSummary> mine() {
        return rooms.roomsOf(caller.get().id());
    }
}
