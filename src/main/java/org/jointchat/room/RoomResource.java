package org.jointchat.room;

import jakarta.enterprise.event.Event;
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
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.account.FieldError;
import org.jointchat.account.InvalidInputException;
import org.jointchat.api.Authenticated;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;

/** Rooms: the caller's, public ones to find, and everything an owner or member does with them. */
@Path("rooms")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class RoomResource {

    /** Body of POST /rooms; {@code announcement}: only the owner and moderators post. */
    public record NewRoom(String name, String topic, String visibility, Boolean announcement) {
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
    Event<ReadMarked> readMarked;

    @Inject
    Moderation moderation;

    /** Body of POST /rooms/{id}/mutes. */
    public record NewMute(String login, Long minutes) {
    }

    /** Body of POST /rooms/{id}/bans. */
    public record NewBan(String login) {
    }

    /** Body of PUT /rooms/{id}/announcement. */
    public record AnnouncementMode(Boolean announcement) {
    }

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
        var room = rooms.create(caller.get(), body.name(), body.topic(), body.visibility() == null ? "public" : body.visibility(),
                Boolean.TRUE.equals(body.announcement()));
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
        readMarked.fire(new ReadMarked(me.login(), id, seq));
        return new ReadMark(seq);
    }

    // ---- moderation (docs/api.md, "Moderation"); the rules are Moderation's ----

    @GET
    @Path("{id}/moderators")
    @Operation(summary = "The room's moderators (its owner is in the room itself)")
    public List<Moderation.Restriction> moderators(@PathParam("id") long id) {
        return moderation.moderators(caller.get(), id);
    }

    @PUT
    @Path("{id}/moderators/{login}")
    @Operation(summary = "Owner or administrator: appoint a member as moderator (201; 204 when they were one)")
    public Response addModerator(@PathParam("id") long id, @PathParam("login") String login) {
        return Response.status(moderation.addModerator(caller.get(), id, login) ? 201 : 204).build();
    }

    @DELETE
    @Path("{id}/moderators/{login}")
    @Operation(summary = "Owner or administrator: a moderator is an ordinary member again")
    public Response removeModerator(@PathParam("id") long id, @PathParam("login") String login) {
        moderation.removeModerator(caller.get(), id, login);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/mutes")
    @Operation(summary = "Moderators: the mutes in force, ending soonest first")
    public List<Moderation.Restriction> mutes(@PathParam("id") long id) {
        return moderation.mutes(caller.get(), id);
    }

    @POST
    @Path("{id}/mutes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Moderators: mute a member for some minutes (they read but cannot send, edit or react)")
    public Response mute(@PathParam("id") long id, NewMute body) {
        if (body == null || body.login() == null || body.minutes() == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        long minutes = body.minutes();
        if (minutes < Moderation.MUTE_MIN.toMinutes() || minutes > Moderation.MUTE_MAX.toMinutes()) {
            throw new InvalidInputException(List.of(new FieldError("minutes", "room.error.muteDuration")));
        }
        var mute = moderation.mute(caller.get(), id, body.login(), Duration.ofMinutes(minutes));
        return Response.status(Response.Status.CREATED).entity(mute).build();
    }

    @DELETE
    @Path("{id}/mutes/{login}")
    @Operation(summary = "Moderators: end a member's mute now")
    public Response unmute(@PathParam("id") long id, @PathParam("login") String login) {
        moderation.unmute(caller.get(), id, login);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/bans")
    @Operation(summary = "Moderators: the users banned from the room")
    public List<Moderation.Restriction> bans(@PathParam("id") long id) {
        return moderation.bans(caller.get(), id);
    }

    @POST
    @Path("{id}/bans")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Moderators: ban a user from a public room (out now, cannot rejoin)")
    public Response ban(@PathParam("id") long id, NewBan body) {
        if (body == null || body.login() == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        return Response.status(Response.Status.CREATED).entity(moderation.ban(caller.get(), id, body.login())).build();
    }

    @DELETE
    @Path("{id}/bans/{login}")
    @Operation(summary = "Moderators: lift a ban (the user may join again)")
    public Response unban(@PathParam("id") long id, @PathParam("login") String login) {
        moderation.unban(caller.get(), id, login);
        return Response.noContent().build();
    }

    @PUT
    @Path("{id}/announcement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Owner or administrator: make the room an announcement room (only owner and moderators post) or not")
    public RoomView announcement(@PathParam("id") long id, AnnouncementMode body) {
        if (body == null || body.announcement() == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        return moderation.setAnnouncement(caller.get(), id, body.announcement());
    }
}
