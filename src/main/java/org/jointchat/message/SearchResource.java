package org.jointchat.message;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.api.Authenticated;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;

/** Message search over the caller's rooms. */
@Path("search/messages")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class SearchResource {

    @Inject
    MessageSearch search;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Messages of the caller's rooms (or one of them) matching every word and filter of q (from:, in:, before:, after:, on:, has:, is:), newest first")
    public JsonObject search(@QueryParam("q") String q, @QueryParam("room") Long room,
            @QueryParam("limit") @DefaultValue("20") int limit, @QueryParam("before") Long before) {
        if (limit < 1 || limit > MessageSearch.LIMIT_MAX) {
            throw new ProblemException(ProblemType.VALIDATION);
        }
        var page = search.search(caller.get(), q, room, limit, before);
        var items = Json.createArrayBuilder();
        for (var hit : page.items()) {
            var highlights = Json.createArrayBuilder();
            hit.highlights().forEach(r -> highlights.add(Json.createArrayBuilder().add(r[0]).add(r[1])));
            items.add(MessageJson.object(hit.message(), null).add("roomName", hit.roomName()).add("highlights", highlights));
        }
        var json = Json.createObjectBuilder().add("items", items);
        if (page.next() != null) {
            json.add("next", page.next());
        }
        return json.build();
    }
}
