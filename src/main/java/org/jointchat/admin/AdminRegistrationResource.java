package org.jointchat.admin;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.FieldError;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.RegistrationPolicy;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;

/** The registration mode (open, invite-only, closed) and invites, for administrators. */
@Path("admin")
@AdministratorsOnly
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AdminRegistrationResource {

    /** Body and answer of …/registration: {@code mode} is open, invite-only or closed. */
    public record RegistrationMode(String mode) {
    }

    /** Body of POST …/invites: how long the invite lasts (hours; default 168) and how many accounts it registers (default 1). */
    public record NewInvite(Integer expiresInHours, Integer maxUses) {
    }

    /** A new invite: its code and link, shown this once. */
    public record CreatedInvite(String code, String link, AdminViews.InviteView invite) {
    }

    @Inject
    RegistrationPolicy policy;

    @Context
    SecurityContext security;

    @GET
    @Path("registration")
    @Operation(summary = "The registration mode")
    public RegistrationMode mode() {
        return new RegistrationMode(policy.mode().wire());
    }

    @PUT
    @Path("registration")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the registration mode: open, invite-only or closed")
    @APIResponse(responseCode = "200", description = "The mode now")
    @APIResponse(responseCode = "400", description = "Not one of the three modes")
    public RegistrationMode changeMode(RegistrationMode body) {
        var mode = Optional.ofNullable(body).map(RegistrationMode::mode).flatMap(RegistrationPolicy.Mode::ofWire)
                .orElseThrow(() -> new InvalidInputException(List.of(new FieldError("mode", "admin.registration.modeInvalid"))));
        policy.changeMode(actor(), mode);
        return mode();
    }

    @GET
    @Path("invites")
    @Operation(summary = "The newest invites (at most 200), usable or not; never their codes")
    public List<AdminViews.InviteView> invites() {
        return policy.invites(200).stream().map(AdminViews.InviteView::of).toList();
    }

    @POST
    @Path("invites")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an invite; its code and link are in this answer only")
    @APIResponse(responseCode = "201", description = "The invite, its code and its link")
    @APIResponse(responseCode = "400", description = "Lifetime (1 hour to 365 days) or uses (1 to 10,000) out of range")
    public Response create(NewInvite body, @Context UriInfo uri, @Context HttpServletRequest request) {
        int hours = body == null || body.expiresInHours() == null ? 168 : body.expiresInHours();
        int uses = body == null || body.maxUses() == null ? 1 : body.maxUses();
        var created = policy.createInvite(actor(), Duration.ofHours(hours), uses);
        String link = uri.getBaseUriBuilder().replacePath(request.getContextPath() + "/register.xhtml")
                .queryParam("invite", created.code()).build().toString();
        return Response.status(Response.Status.CREATED)
                .entity(new CreatedInvite(created.code(), link, AdminViews.InviteView.of(created.invite()))).build();
    }

    @DELETE
    @Path("invites/{id}")
    @Operation(summary = "Revoke an invite: it registers nobody from now on")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such invite, or revoked already")
    public Response revoke(@PathParam("id") String id) {
        if (!policy.revokeInvite(actor(), id)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "admin.invite.notFound");
        }
        return Response.noContent().build();
    }

    private String actor() {
        return security.getUserPrincipal().getName();
    }
}
