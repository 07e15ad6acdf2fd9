package org.jointchat.message;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.api.Authenticated;
import org.jointchat.api.Caller;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.realtime.Frames;

/** History and sending over REST, for bots and scripts: the same rules and fan-out as the WebSocket path. */
@Path("rooms/{room}/messages")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class MessageResource {

    /** A message as the API shows it; the same fields as the WebSocket "message" frame. */
    public record MessageView(long room, long seq, long id, String author, String authorName, String text,
            String sentAt, String clientId) {
        static MessageView of(ChatMessage m) {
            return new MessageView(m.roomId(), m.seq(), m.id(), m.author(), m.authorName(), m.text(),
                    Frames.time(m.sentAt()), m.clientId());
        }
    }

    /** Request body of POST. */
    public record NewMessage(String text, String clientId) {
    }

    @Inject
    MessageService messages;

    @Inject
    Caller caller;

    @Resource
    ManagedExecutorService executor;

    @GET
    @Operation(summary = "A page of history in ascending seq order: before=SEQ (default: the newest) or after=SEQ")
    public List<MessageView> page(@PathParam("room") long room, @QueryParam("before") Long before,
            @QueryParam("after") Long after, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MessageService.PAGE_MAX || before != null && after != null) {
            throw new ProblemException(ProblemType.VALIDATION);
        }
        var page = after != null
                ? messages.after(caller.get(), room, after, limit)
                : messages.before(caller.get(), room, before, limit);
        return page.stream().map(MessageView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message; 201 once committed (200 with the stored message for a resent clientId)")
    public CompletionStage<Response> send(@PathParam("room") long room, NewMessage body) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        // The response is written on a request thread, never on the message writer's.
        return messages.send(caller.get(), room, body.text(), body.clientId())
                .thenApplyAsync(result -> Response.status(result.duplicate() ? 200 : 201)
                        .entity(MessageView.of(result.message())).build(), executor);
    }
}
