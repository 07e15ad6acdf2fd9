package org.jointchat.room;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.api.Authenticated;
import org.jointchat.api.Caller;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.realtime.Fanout;

/** Rooms: the caller's, public ones to find, and everything an owner or member does with them. */
@Path("rooms")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class RoomResource {

    /** Body of POST /rooms. */
    public record NewRoom(String name, String topic, String visibility) {
    }

    /** Body of PATCH /rooms/{id}: only the fields present change. */
    public record RoomChange(String name, String topic, String owner) {
    }

    /** Body of PUT /rooms/{id}/read. */
    public record ReadMark(Long seq) {
    }

    @Inject
    RoomService rooms;

    @Inject
    Caller caller;

    @Inject
    Fanout fanout;

    @GET
    @Operation(summary = "Without scope: the caller's rooms with unread counts. scope=public: public rooms whose name contains query")
    public List<RoomView> list(@QueryParam("scope") String scope, @QueryParam("query") String query,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        if ("public".equals(scope)) {
            return rooms.searchPublic(query, limit, offset);
        }
        return rooms.roomsOf(caller.get().id());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a room; the caller owns it")
    public Response create(NewRoom body) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        var room = rooms.create(caller.get(), body.name(), body.topic(), body.visibility() == null ? "public" : body.visibility());
        return Response.created(UriBuilder.fromResource(RoomResource.class).path(Long.toString(room.id())).build())
                .entity(room).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A room with its members (404 for private rooms the caller is not in)")
    public RoomView detail(@PathParam("id") long id) {
        return rooms.detail(caller.get(), id);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Owner only: rename, change the topic, or transfer ownership to a member")
    public RoomView update(@PathParam("id") long id, RoomChange body) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        return rooms.update(caller.get(), id, body.name(), body.topic(), body.owner());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Owner only: delete the room and its messages")
    public Response delete(@PathParam("id") long id) {
        rooms.delete(caller.get(), id);
        return Response.noContent().build();
    }

    @PUT
    @Path("{id}/members/{login}")
    @Operation(summary = "Join a public room (your own login), or as owner add a member")
    public Response addMember(@PathParam("id") long id, @PathParam("login") String login) {
        boolean added = rooms.addMember(caller.get(), id, login);
        return Response.status(added ? 201 : 204).build();
    }

    @DELETE
    @Path("{id}/members/{login}")
    @Operation(summary = "Leave (your own login), or as owner remove a member")
    public Response removeMember(@PathParam("id") long id, @PathParam("login") String login) {
        rooms.removeMember(caller.get(), id, login);
        return Response.noContent().build();
    }

    @PUT
    @Path("{id}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark the room read up to seq; other tabs and devices clear their unread count")
    public ReadMark markRead(@PathParam("id") long id, ReadMark body) {
        if (body == null || body.seq() == null || body.seq() < 0) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        var me = caller.get();
        long seq = rooms.markRead(me, id, body.seq());
        fanout.readUpTo(me.login(), id, seq);
        return new ReadMark(seq);
    }
}
