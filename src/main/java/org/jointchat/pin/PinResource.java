package org.jointchat.pin;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.api.Authenticated;
import org.jointchat.message.MessageJson;

/** A room's pinned messages: list, pin, unpin (the rules are {@link PinService}'s). */
@Path("rooms/{room}/pins")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class PinResource {

    @Inject
    PinService pins;

    @Inject
    Caller caller;

    @Resource
    ManagedExecutorService executor;

    @GET
    @Operation(summary = "The room's pinned messages, newest pin first: {seq, pinnedBy, pinnedByName, pinnedAt, message}")
    public JsonArray list(@PathParam("room") long room) {
        var list = Json.createArrayBuilder();
        for (var pin : pins.list(caller.get(), room)) {
            var json = Json.createObjectBuilder().add("seq", pin.message().seq())
                    .add("pinnedAt", MessageJson.time(pin.pinnedAt()));
            if (pin.pinnedBy() != null) {
                json.add("pinnedBy", pin.pinnedBy()).add("pinnedByName", pin.pinnedByName());
            }
            list.add(json.add("message", MessageJson.object(pin.message(), null)));
        }
        return list.build();
    }

    @PUT
    @Path("{seq}")
    @Operation(summary = "Pin a message (201; 200 when it was pinned already)")
    public CompletionStage<Response> pin(@PathParam("room") long room, @PathParam("seq") long seq) {
        return pins.pin(caller.get(), room, seq, true).thenApplyAsync(changed -> Response.status(changed ? 201 : 200).build(), executor);
    }

    @DELETE
    @Path("{seq}")
    @Operation(summary = "Unpin a message (204, also when it was not pinned)")
    public CompletionStage<Response> unpin(@PathParam("room") long room, @PathParam("seq") long seq) {
        return pins.pin(caller.get(), room, seq, false).thenApplyAsync(changed -> Response.noContent().build(), executor);
    }
}
