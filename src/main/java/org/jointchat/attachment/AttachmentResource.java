package org.jointchat.attachment;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.api.Authenticated;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;

/**
 * Downloads. A file is someone else's content served from our origin, so the answer never lets a browser
 * treat it as a page: only verified images are shown inline under their own type; text is text/plain and
 * everything else application/octet-stream, both as attachments; no sniffing, a sandbox without any
 * sources should anything render anyway, and no embedding by other sites.
 */
@Path("attachments")
@Authenticated
@SecurityRequirement(name = "bearer")
public class AttachmentResource {

    @Inject
    AttachmentService attachments;

    @Inject
    Caller caller;

    @Context
    HttpServletResponse servletResponse;

    @GET
    @Path("{id}")
    @Operation(summary = "The file, for members of its room (404 for everyone else, as for an unknown id)")
    public Response download(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var file = attachments.open(caller.get(), id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND));
        var ref = file.ref();
        // A file's bytes never change (an id is one upload): a browser revalidates (no-cache) and gets 304, and
        // once the message is deleted or the reader has left the room it gets 404 instead of its cached copy.
        String etag = "\"a" + ref.id() + "\"";
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, "private, no-cache").build();
        }
        StreamingOutput bytes = file::writeTo;
        // web.xml gives every response a UTF-8 encoding, which the container would append to any type
        // ("image/png;charset=UTF-8"); a file's bytes have none (text/plain names its own below).
        servletResponse.setCharacterEncoding(null);
        return Response.ok(bytes, servedType(ref))
                .header(HttpHeaders.CONTENT_LENGTH, ref.size())
                .header("Content-Disposition", disposition(ref.image(), ref.name()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Cross-Origin-Resource-Policy", "same-origin")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .header(HttpHeaders.ETAG, etag)
                .build();
    }

    static String servedType(AttachmentRef ref) {
        if (ref.image()) {
            return ref.contentType();
        }
        return "text/plain".equals(ref.contentType()) ? "text/plain; charset=utf-8" : "application/octet-stream";
    }

    /**
     * {@code inline} or {@code attachment} with the name twice (RFC 6266): {@code filename*} exactly, UTF-8
     * percent-encoded (RFC 8187), and {@code filename} in ASCII for old clients (other characters as _).
     */
    static String disposition(boolean inline, String name) {
        var ascii = new StringBuilder();
        var encoded = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
