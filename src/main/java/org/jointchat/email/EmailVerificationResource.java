package org.jointchat.email;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jointchat.mail.MailSettings;

/** Following a verification link without the page (the page /verify-email.xhtml does the same). */
@Path("email-verifications/{token}")
@Produces(MediaType.APPLICATION_JSON)
public class EmailVerificationResource {

    @Inject
    EmailAddresses addresses;

    @Inject
    MailSettings settings;

    @POST
    @Operation(summary = "Verify an e-mail address with the secret of its link")
    @APIResponse(responseCode = "200", description = "{\"outcome\":\"verified\"}")
    @APIResponse(responseCode = "404", description = "link-invalid: unknown, or replaced by a newer link")
    @APIResponse(responseCode = "409", description = "email-unavailable: another account verified this address meanwhile")
    @APIResponse(responseCode = "410", description = "link-expired or link-used")
    public Map<String, String> verify(@PathParam("token") String token, @Context HttpServletRequest request) {
        var outcome = addresses.verify(token, settings.base(request));
        return switch (outcome) {
            case VERIFIED -> Map.of("outcome", "verified");
            case EXPIRED -> throw new LinkException(LinkState.EXPIRED);
            case USED -> throw new LinkException(LinkState.USED);
            case INVALID -> throw new LinkException(LinkState.INVALID);
            case UNAVAILABLE -> throw EmailProblem.unavailable();
        };
    }
}
