package org.jointchat.missed;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.api.Authenticated;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.platform.Messages;

/** The caller's missed-message e-mail setting (also on the profile page). */
@Path("users/me/email-notifications")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class EmailNotificationResource {

    /** Body of PUT: {@code {"mode": "never" | "digest" | "each"}}. */
    public record Change(String mode) {
    }

    /** The answer: the mode, the verified address (null: none, nothing is sent), the delay, whether the server mails. */
    public record View(String mode, String email, long delayMinutes, long delaySeconds, boolean mailEnabled) {
        static View of(EmailNotifications.Setting s) {
            return new View(s.mode().wire(), s.email(), s.delay().toMinutes(), s.delay().toSeconds(), s.mailEnabled());
        }
    }

    @Inject
    EmailNotifications notifications;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The caller's missed-message e-mail setting: {mode, email, delayMinutes, delaySeconds, mailEnabled}")
    public View get() {
        return View.of(notifications.of(caller.get().id()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "E-mail unread direct messages and mentions: never, as one digest, or each in a mail of its own")
    public View put(Change body, @Context HttpHeaders headers) {
        if (body == null || body.mode() == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        var mode = EmailNotificationMode.parse(body.mode())
                .orElseThrow(() -> new ProblemException(ProblemType.VALIDATION, "emailNotifications.error.mode"));
        return View.of(notifications.change(caller.get().id(), mode, Messages.negotiate(headers.getAcceptableLanguages())));
    }
}
