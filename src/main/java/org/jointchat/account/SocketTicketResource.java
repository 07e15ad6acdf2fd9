package org.jointchat.account;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.api.Authenticated;
import org.jointchat.platform.AuthenticationState;

/** A one-use ticket for opening {@code /ws?ticket=…} (issue 24, handshake): see {@link SocketTickets}. */
@Path("ws-ticket")
@Produces(MediaType.APPLICATION_JSON)
public class SocketTicketResource {

    @Inject
    SocketTickets tickets;

    @POST
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "A one-use ticket for the WebSocket handshake, valid for 30 s")
    @APIResponse(responseCode = "201", description = "The ticket and when it expires: open /ws?ticket=TICKET before then, once")
    @APIResponse(responseCode = "401", description = "Not signed in (unauthenticated)")
    @APIResponse(responseCode = "503", description = "Too many unused tickets; see Retry-After")
    public Response issue(@Context HttpServletRequest request) {
        String bearer = AuthenticationState.bearerToken(request);
        String sessionKey = null;
        if (bearer == null) {
            var session = request.getSession(false);
            sessionKey = session == null ? null : session.getAttribute(AuthenticationState.SESSION_KEY) instanceof String k ? k : null;
        }
        var issued = tickets.issue(request.getUserPrincipal().getName(), bearer, sessionKey);
        return Response.status(Response.Status.CREATED).entity(issued).build();
    }
}
