package org.jointchat.admin;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;

/** Accounts, for administrators: search, deactivate, reactivate, end sessions, temporary passwords, the role. */
@Path("admin/users")
@AdministratorsOnly
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AdminUsersResource {

    /** One page of the search; {@code total}: how many match in all. */
    public record UserPage(List<AdminViews.UserView> users, long total, int offset) {
    }

    /** Body of POST …/temporary-password; without a password the server generates one. */
    public record TemporaryPassword(String password) {
    }

    @Inject
    UserAdministration users;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Search users (login or name), deactivated ones included, by login")
    public UserPage search(@QueryParam("q") String query, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return new UserPage(users.search(query, offset, limit).stream().map(AdminViews.UserView::of).toList(),
                users.count(query), Math.max(0, offset));
    }

    @GET
    @Path("{login}")
    @Operation(summary = "One user as administrators see them")
    @APIResponse(responseCode = "404", description = "No such user")
    public AdminViews.UserView one(@PathParam("login") String login) {
        return users.find(login).map(AdminViews.UserView::of)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "admin.user.notFound", login));
    }

    @POST
    @Path("{login}/deactivate")
    @Operation(summary = "Deactivate: every session, token, remembered sign-in and socket ends at once; sign-in is refused")
    @APIResponse(responseCode = "204", description = "Deactivated (or already was)")
    @APIResponse(responseCode = "409", description = "The last active administrator (last-administrator)")
    public Response deactivate(@PathParam("login") String login) {
        users.deactivate(actor(), login);
        return Response.noContent().build();
    }

    @POST
    @Path("{login}/reactivate")
    @Operation(summary = "Reactivate a deactivated account")
    @APIResponse(responseCode = "204", description = "Active again")
    public Response reactivate(@PathParam("login") String login) {
        users.reactivate(actor(), login);
        return Response.noContent().build();
    }

    @POST
    @Path("{login}/end-sessions")
    @Operation(summary = "End every session, token, remembered sign-in and socket of the user")
    @APIResponse(responseCode = "204", description = "Ended; the user may sign in again")
    public Response endSessions(@PathParam("login") String login) {
        users.endSessions(actor(), login);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{login}/sessions")
    @Operation(summary = "The same as POST …/end-sessions")
    @APIResponse(responseCode = "204", description = "Ended")
    public Response deleteSessions(@PathParam("login") String login) {
        return endSessions(login);
    }

    @POST
    @Path("{login}/temporary-password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a temporary password (given, or generated), to be changed at the next sign-in; shown once")
    @APIResponse(responseCode = "200", description = "The temporary password; every sign-in of the user has ended")
    @APIResponse(responseCode = "400", description = "The given password breaks the password rules")
    public TemporaryPassword temporaryPassword(@PathParam("login") String login, TemporaryPassword body) {
        return new TemporaryPassword(users.setTemporaryPassword(actor(), login, body == null ? null : body.password()));
    }

    @PUT
    @Path("{login}/admin")
    @Operation(summary = "Make the user a system administrator")
    @APIResponse(responseCode = "204", description = "Granted (or already was)")
    public Response grant(@PathParam("login") String login) {
        users.grantAdmin(actor(), login);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{login}/admin")
    @Operation(summary = "Take the administrator role from the user")
    @APIResponse(responseCode = "204", description = "Revoked (or was not an administrator)")
    @APIResponse(responseCode = "409", description = "The last active administrator (last-administrator)")
    public Response revoke(@PathParam("login") String login) {
        users.revokeAdmin(actor(), login);
        return Response.noContent().build();
    }

    private String actor() {
        return security.getUserPrincipal().getName();
    }
}
