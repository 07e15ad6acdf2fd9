package org.jointchat.status;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.api.Authenticated;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;

/** The caller's status and do-not-disturb: read, set, clear (the rules are {@link StatusRules}'). */
@Path("users/me/status")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class StatusResource {

    /** Body of PUT: the whole status; absent fields are none (no emoji, never expires, do-not-disturb off). */
    public record StatusChange(String text, String emoji, String expiresAt, String dndUntil) {
    }

    @Inject
    StatusService statuses;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The caller's status: {text, emoji, expiresAt, dnd, dndUntil} (none: empty texts, nulls)")
    public JsonObject get() {
        return json(statuses.of(caller.get().login()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set status text, emoji, when it clears, and do-not-disturb until a time (watchers see it live)")
    public JsonObject set(StatusChange body) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        var status = StatusRules.check(body.text(), body.emoji(), body.expiresAt(), body.dndUntil(), Instant.now());
        statuses.admitChange(caller.get());
        return json(statuses.set(caller.get(), status));
    }

    @DELETE
    @Operation(summary = "Clear the status and turn do-not-disturb off")
    public JsonObject clear() {
        statuses.admitChange(caller.get());
        return json(statuses.clear(caller.get()));
    }

    static JsonObject json(UserStatus s) {
        var json = Json.createObjectBuilder().add("text", s.text()).add("emoji", s.emoji());
        if (s.expiresAt() == null) {
            json.addNull("expiresAt");
        } else {
            json.add("expiresAt", time(s.expiresAt()));
        }
        json.add("dnd", s.dnd());
        if (s.dndUntil() == null) {
            json.addNull("dndUntil");
        } else {
            json.add("dndUntil", time(s.dndUntil()));
        }
        return json.build();
    }

    /** ISO-8601 in UTC with milliseconds, as every time in the API. */
    public static String time(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }
}
