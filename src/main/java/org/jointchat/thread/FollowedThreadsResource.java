package org.jointchat.thread;

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
import org.jointchat.message.MessageJson;

/** The caller's followed threads, latest activity first, with unread counts. */
@Path("threads")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class FollowedThreadsResource {

    @Inject
    ThreadService threads;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "{items: [{room, roomName, root, replies, lastReplyAt, unread, following}], next: cursor or null}")
    public JsonObject followed(@QueryParam("before") String before, @QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > 100) {
            throw new ProblemException(ProblemType.VALIDATION);
        }
        var page = threads.followed(caller.get(), before, limit);
        var items = Json.createArrayBuilder();
        for (var t : page.items()) {
            var item = Json.createObjectBuilder().add("room", t.room()).add("roomName", t.roomName())
                    .add("root", MessageJson.object(t.root(), null)).add("replies", t.replies());
            if (t.lastReplyAt() == null) {
                item.addNull("lastReplyAt");
            } else {
                item.add("lastReplyAt", MessageJson.time(t.lastReplyAt()));
            }
            items.add(item.add("unread", t.unread()).add("following", true));
        }
        var json = Json.createObjectBuilder().add("items", items);
        if (page.next() == null) {
            json.addNull("next");
        } else {
            json.add("next", page.next());
        }
        return json.build();
    }
}
