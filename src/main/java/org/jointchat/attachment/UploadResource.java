package org.jointchat.attachment;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.api.Authenticated;
import org.jointchat.api.OwnBodyLimit;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;

/** Uploads: the raw bytes of one file, its type in Content-Type, its name in the query. */
@Path("rooms/{room}/attachments")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class UploadResource {

    @Inject
    AttachmentService attachments;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.WILDCARD)
    @OwnBodyLimit // AttachmentService reads at most jointchat.files.max-size + 1 bytes
    @Operation(summary = "Upload a file (the body) for a message of this room to carry; 201 with its id")
    public Response upload(@PathParam("room") long room, @QueryParam("name") String name, @Context HttpHeaders headers,
            InputStream body) {
        AttachmentRef stored;
        try {
            stored = attachments.store(caller.get(), room, name, headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                    headers.getLength(), body);
        } catch (UncheckedIOException clientWentAway) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        return Response.created(UriBuilder.fromResource(AttachmentResource.class).path(Long.toString(stored.id())).build())
                .entity(stored).build();
    }
}
