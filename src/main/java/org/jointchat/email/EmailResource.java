package org.jointchat.email;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Collections;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.account.RecentProof;
import org.jointchat.api.Authenticated;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.mail.MailSettings;
import org.jointchat.platform.Messages;

/** The signed-in caller's e-mail address (issue 23): see it, set or change it (verified by a link), remove it. */
@Path("users/me/email")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class EmailResource {

    @Inject
    EmailAddresses addresses;

    @Inject
    MailSettings settings;

    @Inject
    Caller caller;

    @Inject
    RecentProof recentProof;

    @GET
    @Operation(summary = "The verified e-mail address and any address waiting for verification")
    public EmailState get() {
        return addresses.state(caller.get().id());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set or change the e-mail address: a verification link is sent to it; it is used once followed")
    @APIResponse(responseCode = "202", description = "The link is on its way; the body is the new state (pending)")
    @APIResponse(responseCode = "400", description = "Not a usable address (validation)")
    @APIResponse(responseCode = "403", description = "No sign-in within 10 minutes and no right \"password\" in the body (reauthentication-required)")
    @APIResponse(responseCode = "409", description = "email-unavailable (another account uses it) or mail-off (e-mail is not set up)")
    @APIResponse(responseCode = "429", description = "Too many verification mails for this account in the last hour")
    public Response change(NewEmailAddress body, @Context HttpServletRequest request) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        // Reset links go to this address: a session left open must not be enough to change it.
        recentProof.require(request, caller.get().id(), body.getPassword());
        var state = addresses.requestChange(caller.get(), body, locale(request), settings.base(request));
        return Response.accepted(state).build();
    }

    @POST
    @Path("resend")
    @Operation(summary = "Send the pending address a new verification link (the previous link stops working)")
    @APIResponse(responseCode = "202", description = "Sent")
    @APIResponse(responseCode = "404", description = "No address is waiting for verification")
    public Response resend(@Context HttpServletRequest request) {
        if (!addresses.resend(caller.get(), locale(request), settings.base(request))) {
            throw new ProblemException(ProblemType.NOT_FOUND);
        }
        return Response.accepted(addresses.state(caller.get().id())).build();
    }

    @DELETE
    @Operation(summary = "Remove the e-mail address (and any pending one); the removed address is told")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "No sign-in within 10 minutes and no right \"password\" in the optional body (reauthentication-required)")
    public Response remove(String body, @Context HttpServletRequest request) {
        recentProof.require(request, caller.get().id(), RecentProof.passwordOf(body));
        addresses.remove(caller.get(), locale(request), settings.base(request));
        return Response.noContent().build();
    }

    static Locale locale(HttpServletRequest request) {
        return Messages.negotiate(Collections.list(request.getLocales()));
    }
}
