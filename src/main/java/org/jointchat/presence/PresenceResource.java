package org.jointchat.presence;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.api.Authenticated;

/** Who is online now. */
@Path("presence")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class PresenceResource {

    public record OnlineUser(String login, String displayName) {
    }

    @Inject
    PresenceService presence;

    @GET
    @Operation(summary = "Users online now (at least one open WebSocket), by display name")
    public List<OnlineUser> online() {
        return presence.onlineUsers().stream().map(u -> new OnlineUser(u.login(), u.displayName())).toList();
    }
}
