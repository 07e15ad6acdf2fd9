package org.jointchat.draft;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.api.Authenticated;

/** All of the caller's drafts (the room list marks rooms that have one). */
@Path("drafts")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class DraftsResource {

    @Inject
    DraftService drafts;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "All your drafts in rooms you are in, newest first: [{room, thread, text, updatedAt}]")
    public JsonArray list() {
        var list = Json.createArrayBuilder();
        drafts.list(caller.get()).forEach(d -> list.add(DraftResource.view(d, true)));
        return list.build();
    }
}
