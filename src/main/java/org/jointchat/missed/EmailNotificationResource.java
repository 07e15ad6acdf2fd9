package org.jointchat.missed;

import jakarta.inject.Inject;
import jakarta.json.Json;
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

    /** The answer: {mode, email (null: none, nothing is sent), delayMinutes, delaySeconds, mailEnabled}; every field present. */
    static String view(EmailNotifications.Setting s) {
        var json = Json.createObjectBuilder().add("mode", s.mode().wire());
        if (s.email() == null) {
            json.addNull("email");
        } else {
            json.add("email", s.email());
        }
        return json.add("delayMinutes", s.delay().toMinutes()).add("delaySeconds", s.delay().toSeconds())
                .add("mailEnabled", s.mailEnabled()).build().toString(); // as text: JSON-B would leave the null out
    }

    @Inject
    EmailNotifications notifications;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The caller's missed-message e-mail setting: {mode, email, delayMinutes, delaySeconds, mailEnabled}")
    public String get() {
        return view(notifications.of(caller.get().id()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "E-mail unread direct messages and mentions: never, as one digest, or each in a mail of its own")
    public String put(Change body, @Context HttpHeaders headers) {
        if (body == null || body.mode() == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        var mode = EmailNotificationMode.parse(body.mode())
                .orElseThrow(() -> new ProblemException(ProblemType.VALIDATION, "emailNotifications.error.mode"));
        return view(notifications.change(caller.get().id(), mode, Messages.negotiate(headers.getAcceptableLanguages())));
    }
}
