package org.jointchat.email;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.mail.MailSettings;
import org.jointchat.platform.Messages;

/** Password reset by e-mail (issue 23): ask for a link, then set a new password with it. No sign-in needed. */
@Path("password-resets")
@Produces(MediaType.APPLICATION_JSON)
public class PasswordResetResource {

    /** Body of POST /password-resets: one of the two. */
    public record ResetRequest(String login, String email) {
    }

    /** Body of POST /password-resets/{token}. */
    public record NewPassword(String newPassword) {
    }

    /** Body of POST /password-resets/complete: the secret in the body keeps it out of access logs and proxies. */
    public record Completion(String token, String newPassword) {
    }

    @Inject
    PasswordResets resets;

    @Inject
    MailSettings settings;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for a password reset link by login or e-mail; the same 202 answer whatever was asked")
    @APIResponse(responseCode = "202", description = "Accepted: if the account has a verified address, a link is on its way")
    @APIResponse(responseCode = "429", description = "Too many requests from this address; see Retry-After")
    public Response request(ResetRequest body, @Context HttpServletRequest request) {
        var locale = EmailResource.locale(request);
        resets.request(body == null ? null : body.login(), body == null ? null : body.email(), locale, request, settings.base(request));
        return Response.accepted(Map.of("status", "accepted", "detail", Messages.get(locale, "reset.requested"))).build();
    }

    @POST
    @Path("complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password with a reset link's secret given in the body (preferred: no secret in a URL)")
    @APIResponse(responseCode = "204", description = "The password is changed")
    @APIResponse(responseCode = "400", description = "The new password breaks the password rules (validation); the link still works")
    @APIResponse(responseCode = "404", description = "link-invalid")
    @APIResponse(responseCode = "410", description = "link-expired or link-used")
    public Response completeWithBody(Completion body) {
        if (body == null || body.token() == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        resets.complete(body.token(), body.newPassword());
        return Response.noContent().build();
    }

    @POST
    @Path("{token}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password with a reset link's secret; every session, token and socket of the account ends")
    @APIResponse(responseCode = "204", description = "The password is changed")
    @APIResponse(responseCode = "400", description = "The new password breaks the password rules (validation); the link still works")
    @APIResponse(responseCode = "404", description = "link-invalid")
    @APIResponse(responseCode = "410", description = "link-expired or link-used")
    public Response complete(@PathParam("token") String token, NewPassword body) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        resets.complete(token, body.newPassword());
        return Response.noContent().build();
    }
}
