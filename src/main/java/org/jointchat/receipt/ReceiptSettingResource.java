package org.jointchat.receipt;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.account.ReadReceiptSharing;
import org.jointchat.api.Authenticated;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;

/** The caller's "Share read receipts" setting (also on the profile page). */
@Path("users/me/receipts")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class ReceiptSettingResource {

    /** Body and answer: {@code {"share": true}}. */
    public record Setting(Boolean share) {
    }

    @Inject
    ReadReceiptSharing sharing;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Whether the caller shares read receipts: {share}")
    public Setting get() {
        return new Setting(sharing.shares(caller.get().id()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Share read receipts or not ({share: false}: listed as nobody's reader, and sees nobody's)")
    public Setting put(Setting body) {
        if (body == null || body.share() == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        sharing.setShares(caller.get().id(), body.share());
        return new Setting(body.share());
    }
}
