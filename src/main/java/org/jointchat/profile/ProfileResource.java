package org.jointchat.profile;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.AccountService;
import org.jointchat.account.Caller;
import org.jointchat.account.ProfileView;
import org.jointchat.account.User;
import org.jointchat.account.UserView;
import org.jointchat.api.Authenticated;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.presence.PresenceService;
import org.jointchat.room.RoomService;
import org.jointchat.status.StatusResource;
import org.jointchat.status.StatusService;

/**
 * Users and profiles as signed-in callers see them, and the caller's own profile: account data with who is
 * online (presence) and the rooms they share (room), so it sits in a package of its own above all three. The password has
 * its own resource in account ({@code PUT /users/me/password}).
 */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class ProfileResource {

    /** Body of PUT /users/me: only the fields present change. */
    public record ProfileChange(String displayName, String about, String status) {
    }

    @Inject
    AccountService accounts;

    @Inject
    PresenceService presence;

    @Inject
    RoomService rooms;

    @Inject
    Caller caller;

    @Inject
    PeopleSearch people;

    @Inject
    StatusService statuses;

    @GET
    @Operation(summary = "Users whose login or display name contains query, by display name (paged)")
    public List<UserView> search(@QueryParam("query") String query, @QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("offset") @DefaultValue("0") int offset) {
        return people.search(caller.get(), query, limit, offset).stream()
                .map(u -> UserView.withPresence(u, presence.isOnline(u.getLogin()))).toList();
    }

    @GET
    @Path("me")
    @Operation(summary = "The signed-in user's profile")
    public ProfileView me() {
        return profile(caller.get().login());
    }

    @GET
    @Path("{login}")
    @Operation(summary = "A user's profile: about, status, joined, online or last seen, rooms shared with the caller")
    public ProfileView byLogin(@PathParam("login") String login) {
        return profile(login);
    }

    @PUT
    @Path("me")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change display name, about and status (others see it live)")
    public ProfileView update(ProfileChange body) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        accounts.updateProfile(caller.get().id(), body.displayName(), body.about(), body.status());
        return profile(caller.get().login());
    }

    private ProfileView profile(String login) {
        var user = accounts.findByLogin(login).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND));
        boolean online = presence.isOnline(user.getLogin());
        var shared = rooms.shared(caller.get().id(), user.getId()).stream()
                .map(r -> new ProfileView.SharedRoom(r.id(), r.name(), r.kind())).toList();
        var status = statuses.of(user.getLogin()); // as it reads now: an expired status is none
        return new ProfileView(user.getLogin(), user.getDisplayName(), user.getAbout(), status.text(),
                time(user.getCreatedAt()), online, online ? null : lastSeen(user), shared,
                status.emoji(), StatusResource.time(status.expiresAt()), status.dnd(), StatusResource.time(status.dndUntil()));
    }

    /** Last seen as written, or newer when the batch writer has not written it yet. */
    private String lastSeen(User user) {
        var recent = presence.unwrittenLastSeen(user.getLogin());
        return recent != null ? time(recent.atOffset(ZoneOffset.UTC)) : time(user.getLastSeenAt());
    }

    private static String time(java.time.OffsetDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t.toInstant().truncatedTo(ChronoUnit.MILLIS));
    }
}
