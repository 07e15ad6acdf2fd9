package org.jointchat.message.scheduled;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.api.Authenticated;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;

/**
 * The caller's scheduled messages: list, edit, cancel (the rules are {@link ScheduledMessages}'). Scheduling is a
 * send with {@code sendAt} ({@code POST /rooms/{id}/messages}, see {@link #created}).
 */
@Path("scheduled")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class ScheduledResource {

    /** Request body of PUT: either or both. */
    public record Change(String text, String sendAt) {
    }

    @Inject
    ScheduledMessages scheduled;

    @Inject
    Caller caller;

    /** The answer to a scheduling send: 201 with the scheduled message (200 for a repeated clientId). */
    public static Response created(ScheduledMessages.Scheduled result) {
        return Response.status(result.duplicate() ? 200 : 201).entity(result.message().json().build()).build();
    }

    @GET
    @Operation(summary = "Your pending and failed scheduled messages, soonest first")
    public JsonArray list() {
        var list = Json.createArrayBuilder();
        scheduled.list(caller.get()).forEach(m -> list.add(m.json()));
        return list.build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the text and/or the time of your scheduled message (a failed one is pending again)")
    public JsonObject edit(@PathParam("id") long id, Change body) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        return scheduled.edit(caller.get(), id, body.text(), body.sendAt()).json().build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Cancel your scheduled message (204)")
    public Response cancel(@PathParam("id") long id) {
        scheduled.cancel(caller.get(), id);
        return Response.noContent().build();
    }
}
