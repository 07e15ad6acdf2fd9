package org.jointchat.draft;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
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

/** A room's or thread's draft over REST (docs/api.md, "Drafts"); all of the caller's are {@link DraftsResource}. */
@Path("rooms/{room}/draft")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class DraftResource {

    /** Request body of PUT: {@code thread} 0 or absent for the room's own composer. */
    public record NewDraft(String text, Long thread, String origin) {
    }

    @Inject
    DraftService drafts;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Your draft in the room (or ?thread=SEQ): {text, updatedAt}; 204 when there is none")
    public Response get(@PathParam("room") long room, @QueryParam("thread") @DefaultValue("0") long thread) {
        return drafts.get(caller.get(), room, thread).map(d -> Response.ok(view(d, false)).build())
                .orElseGet(() -> Response.noContent().build());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save your draft (empty text deletes it): 200 {text, updatedAt}, or 204 when deleted")
    public Response put(@PathParam("room") long room, NewDraft body) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        return drafts.save(caller.get(), room, body.thread() == null ? 0 : body.thread(), body.text(), body.origin())
                .map(d -> Response.ok(view(d, false)).build()).orElseGet(() -> Response.noContent().build());
    }

    static JsonObject view(Draft d, boolean where) {
        var json = Json.createObjectBuilder();
        if (where) {
            json.add("room", d.roomId()).add("thread", d.thread());
        }
        return json.add("text", d.text()).add("updatedAt", MessageJson.time(d.updatedAt())).build();
    }
}
