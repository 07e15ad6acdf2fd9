package org.jointchat.forward;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
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
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.message.MessageJson;

/** Forwarding a message to another room over REST (docs/api.md, "Forwarding"); the rules are {@link ForwardService}'s. */
@Path("rooms/{room}/messages/{seq}/forward")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class ForwardResource {

    /** Request body: the target room, an optional comment, an optional clientId (a resend then stores nothing twice). */
    public record Forward(Long to, String text, String clientId) {
    }

    @Inject
    ForwardService forwarding;

    @Inject
    Caller caller;

    @Resource
    ManagedExecutorService executor;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Forward the message to room `to` (optional comment `text`); 201 with the new message once committed")
    public CompletionStage<Response> forward(@PathParam("room") long room, @PathParam("seq") long seq, Forward body) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        // The response is written on a request thread, never on the message writer's.
        return forwarding.forward(caller.get(), room, seq, body.to(), body.text(), body.clientId())
                .thenApplyAsync(result -> Response.status(result.duplicate() ? 200 : 201)
                        .entity(MessageJson.object(result.message(), null).build()).build(), executor);
    }
}
