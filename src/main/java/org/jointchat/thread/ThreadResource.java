package org.jointchat.thread;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.api.Authenticated;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.message.MessageJson;

/** A room's threads: a thread's page, following it, marking it read (the rules are {@link ThreadService}'s). */
@Path("rooms/{room}/threads/{seq}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class ThreadResource {

    /** Request body of PUT …/read. */
    public record ReadMark(Long seq) {
    }

    @Inject
    ThreadService threads;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "A thread: {root, items: replies oldest first, next: cursor for older replies or null}; before=SEQ pages back")
    public JsonObject page(@PathParam("room") long room, @PathParam("seq") long seq, @QueryParam("before") Long before,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > ThreadService.PAGE_MAX) {
            throw new ProblemException(ProblemType.VALIDATION);
        }
        var page = threads.page(caller.get(), room, seq, before, limit);
        var items = Json.createArrayBuilder();
        page.items().forEach(m -> items.add(MessageJson.object(m, null)));
        var json = Json.createObjectBuilder().add("root", MessageJson.object(page.root(), null)).add("items", items);
        if (page.next() == null) {
            json.addNull("next");
        } else {
            json.add("next", page.next());
        }
        return json.build();
    }

    @PUT
    @Path("follow")
    @Operation(summary = "Follow the thread (204)")
    public Response follow(@PathParam("room") long room, @PathParam("seq") long seq) {
        threads.follow(caller.get(), room, seq, true);
        return Response.noContent().build();
    }

    @DELETE
    @Path("follow")
    @Operation(summary = "Stop following the thread (204)")
    public Response unfollow(@PathParam("room") long room, @PathParam("seq") long seq) {
        threads.follow(caller.get(), room, seq, false);
        return Response.noContent().build();
    }

    @PUT
    @Path("read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark the thread read up to {\"seq\": n} (204); the caller's other tabs are told")
    public Response read(@PathParam("room") long room, @PathParam("seq") long seq, ReadMark body) {
        if (body == null || body.seq() == null) {
            throw new ProblemException(ProblemType.VALIDATION);
        }
        threads.read(caller.get(), room, seq, body.seq());
        return Response.noContent().build();
    }
}
