package org.jointchat.missed;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;

/**
 * RFC 8058 one-click unsubscribe: the URL of a missed-message mail's {@code List-Unsubscribe} header. The mail
 * client POSTs {@code List-Unsubscribe=One-Click} to it, with no cookie and no sign-in; the token in the URL is the
 * only credential, and it can do nothing but turn its recipient's mails off. (People following the link in the
 * mail's body land on {@code /unsubscribe.xhtml}, which asks first.)
 */
@Path("email-notifications/unsubscribe")
@Produces(MediaType.APPLICATION_JSON)
public class UnsubscribeResource {

    /** The answer: the setting is now {@code never}. */
    public record Unsubscribed(String mode) {
    }

    @Inject
    EmailNotifications notifications;

    @POST
    @Operation(summary = "One-click unsubscribe (RFC 8058) with the token of a missed-message mail; no sign-in")
    public Unsubscribed unsubscribe(@QueryParam("token") String token) {
        if (!notifications.unsubscribe(token)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "emailNotifications.error.token");
        }
        return new Unsubscribed(EmailNotificationMode.NEVER.wire());
    }
}
