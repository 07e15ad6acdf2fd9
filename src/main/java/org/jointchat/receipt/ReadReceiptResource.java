package org.jointchat.receipt;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.api.Authenticated;

/** Who has read a message (the rules are {@link ReadReceipts}'). */
@Path("rooms/{room}/messages/{seq}/readers")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class ReadReceiptResource {

    @Inject
    ReadReceipts receipts;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Members who have read the message (read mark at or past seq), its author left out, by name: "
            + "{items: [{login, displayName}], count, sharing}; 409 in rooms of more than 100 members; "
            + "an empty list with sharing false when the caller turned read receipts off")
    public JsonObject readers(@PathParam("room") long room, @PathParam("seq") long seq) {
        var readers = receipts.readers(caller.get(), room, seq);
        var items = Json.createArrayBuilder();
        readers.items().forEach(r -> items.add(Json.createObjectBuilder().add("login", r.login()).add("displayName", r.displayName())));
        return Json.createObjectBuilder().add("items", items).add("count", readers.items().size())
                .add("sharing", readers.sharing()).build();
    }
}
