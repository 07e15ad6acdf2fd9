package org.jointchat.message;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
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
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.api.Authenticated;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;

/** History, sending and changing messages over REST, for bots and scripts: the same rules and fan-out as the WebSocket path. */
@Path("rooms/{room}/messages")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class MessageResource {

    /** Request body of POST. */
    public record NewMessage(String text, String clientId, Long replyTo, List<Long> attachments, Long thread, Boolean alsoToRoom) {
        // thread, alsoToRoom: a thread reply (issue 22, item 1; docs/api.md, "Threads")
    }

    /** Request body of PATCH. */
    public record NewText(String text) {
    }

    @Inject
    MessageService messages;

    @Inject
    Caller caller;

    @Resource
    ManagedExecutorService executor;

    /** A message as the API shows it: the fields of the WebSocket "message" frame (docs/protocol.md, "Messages"). */
    static JsonObject view(ChatMessage m) {
        return MessageJson.object(m, null).build();
    }

    @GET
    @Operation(summary = "A page of history in ascending seq order: before=SEQ (default: the newest) or after=SEQ")
    public JsonArray page(@PathParam("room") long room, @QueryParam("before") Long before,
            @QueryParam("after") Long after, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MessageService.PAGE_MAX || before != null && after != null) {
            throw new ProblemException(ProblemType.VALIDATION);
        }
        var page = after != null
                ? messages.after(caller.get(), room, after, limit)
                : messages.before(caller.get(), room, before, limit);
        var json = jakarta.json.Json.createArrayBuilder();
        page.forEach(m -> json.add(view(m)));
        return json.build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message; 201 once committed (200 with the stored message for a resent clientId)")
    public CompletionStage<Response> send(@PathParam("room") long room, NewMessage body) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        // The response is written on a request thread, never on the message writer's.
        return messages.send(caller.get(), room, body.text(), body.clientId(), body.replyTo(), body.attachments(),
                        body.thread(), Boolean.TRUE.equals(body.alsoToRoom()))
                .thenApplyAsync(result -> Response.status(result.duplicate() ? 200 : 201)
                        .entity(view(result.message())).build(), executor);
    }

    @PATCH
    @Path("{seq}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit your own message; 200 with the message as it is now")
    public CompletionStage<JsonObject> edit(@PathParam("room") long room, @PathParam("seq") long seq, NewText body) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        return messages.edit(caller.get(), room, seq, body.text()).thenApplyAsync(MessageResource::view, executor);
    }

    @DELETE
    @Path("{seq}")
    @Operation(summary = "Delete a message (your own, or as the owner, a moderator or an administrator anyone's); it stays in history as deleted")
    public CompletionStage<Response> delete(@PathParam("room") long room, @PathParam("seq") long seq) {
        return messages.delete(caller.get(), room, seq).thenApplyAsync(m -> Response.noContent().build(), executor);
    }

    @PUT
    @Path("{seq}/reactions/{emoji}")
    @Operation(summary = "Put your reaction of this kind on a message")
    public CompletionStage<JsonObject> react(@PathParam("room") long room, @PathParam("seq") long seq, @PathParam("emoji") String emoji) {
        return messages.react(caller.get(), room, seq, emoji, true).thenApplyAsync(MessageResource::view, executor);
    }

    @DELETE
    @Path("{seq}/reactions/{emoji}")
    @Operation(summary = "Take your reaction of this kind off a message")
    public CompletionStage<JsonObject> unreact(@PathParam("room") long room, @PathParam("seq") long seq, @PathParam("emoji") String emoji) {
        return messages.react(caller.get(), room, seq, emoji, false).thenApplyAsync(MessageResource::view, executor);
    }
}
