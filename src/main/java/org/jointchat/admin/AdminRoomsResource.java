package org.jointchat.admin;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.room.Moderation;

/** Every room (but direct conversations), for administrators: list, archive, unarchive. */
@Path("admin/rooms")
@AdministratorsOnly
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AdminRoomsResource {

    /** One page of the list; {@code total}: how many match in all. */
    public record RoomPage(List<AdminViews.RoomView> rooms, long total, int offset) {
    }

    @Inject
    RoomAdministration administration;

    @Inject
    Moderation moderation;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Rooms whose name contains ?q= (general first, then by name): metadata only, never messages")
    public RoomPage search(@QueryParam("q") String query, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return new RoomPage(administration.search(query, offset, limit).stream().map(AdminViews.RoomView::of).toList(),
                administration.count(query), Math.max(0, offset));
    }

    @POST
    @Path("{id}/archive")
    @Operation(summary = "Archive: read-only for everyone, still in history and search")
    @APIResponse(responseCode = "204", description = "Archived (or already was)")
    @APIResponse(responseCode = "404", description = "No such room (or a direct conversation)")
    public Response archive(@PathParam("id") long id) {
        moderation.setArchived(caller.get(), id, true);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/unarchive")
    @Operation(summary = "Unarchive: members post again")
    @APIResponse(responseCode = "204", description = "Unarchived (or was not archived)")
    @APIResponse(responseCode = "404", description = "No such room (or a direct conversation)")
    public Response unarchive(@PathParam("id") long id) {
        moderation.setArchived(caller.get(), id, false);
        return Response.noContent().build();
    }
}
