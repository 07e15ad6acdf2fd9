package org.jointchat.passkey;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jointchat.account.AddressLimits;
import org.jointchat.account.Caller;
import org.jointchat.account.RecentProof;
import org.jointchat.account.VerifiedSignIn;
import org.jointchat.api.Authenticated;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.passkey.PasskeyChallenges.Purpose;
import org.jointchat.platform.SameOrigin;

/**
 * Passkeys over REST (docs/api.md, "Passkeys"): the signed-in user's own (register, list, rename, remove), and
 * the sign-ins, which need no sign-in but must come from the site's own pages.
 */
@Path("passkeys")
@Produces(MediaType.APPLICATION_JSON)
public class PasskeyResource {

    /** Body of PUT /passkeys/{id}. */
    public record Rename(String name) {
    }

    /** Body of POST /passkeys/sign-in/options. */
    public record SignInStart(Boolean rememberMe) {
    }

    @Inject
    PasskeyService passkeys;

    @Inject
    Caller caller;

    @Inject
    SecurityContext securityContext;

    @Inject
    AddressLimits limits;

    @Inject
    RecentProof recentProof;

    @Inject
    org.jointchat.account.SecondStep secondStep;

    @Inject
    @ConfigProperty(name = "jointchat.allowed-origins")
    Optional<String> allowedOrigins;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @org.jointchat.account.AllowedDuringEnrolment // a held account may add a passkey as its factor
    @GET
    @Authenticated
    @Operation(summary = "Your passkeys: [{id, name, createdAt, lastUsedAt, transports}]")
    public Response list() {
        var list = Json.createArrayBuilder();
        passkeys.list(caller.get().id()).forEach(p -> list.add(view(p)));
        return Response.ok(list.build()).build();
    }

    @org.jointchat.account.AllowedDuringEnrolment // a held account may add a passkey as its factor
    @POST
    @Path("registration/options")
    @Authenticated
    @Operation(summary = "Start adding a passkey: PublicKeyCredentialCreationOptions (JSON form) for navigator.credentials.create")
    public JsonObject registrationOptions(String text) {
        var user = caller.get();
        // Adding a factor needs a recent proof (issue 23 review, authfix): a recent sign-in or {"password"}.
        recentProof.require(request, user.id(), RecentProof.passwordOf(text));
        return passkeys.registrationOptions(user, request);
    }

    @org.jointchat.account.AllowedDuringEnrolment // a held account may add a passkey as its factor
    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Finish adding a passkey: {name, credential}; 201 with the passkey")
    public Response register(String text) {
        var body = json(text);
        recentProof.require(request, caller.get().id(), body.getString("password", null));
        var added = passkeys.register(caller.get(), body.getString("name", null), credential(body), request);
        return Response.status(Response.Status.CREATED).entity(view(added)).build();
    }

    @PUT
    @Path("{id}")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename one of your passkeys: {name}; 204")
    public Response rename(@PathParam("id") long id, Rename body) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        passkeys.rename(caller.get().id(), id, body.name());
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}")
    @Authenticated
    @Operation(summary = "Remove one of your passkeys; it signs in no more; 204")
    public Response remove(@PathParam("id") long id, String text) {
        // Removing a factor needs a recent proof too: a recent sign-in or {"password"} (issue 23 review, authfix).
        recentProof.require(request, caller.get().id(), RecentProof.passwordOf(text));
        passkeys.remove(caller.get().id(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("sign-in/options")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a password-less sign-in: PublicKeyCredentialRequestOptions (JSON form), no user name")
    public JsonObject signInOptions(SignInStart body) {
        ownPagesOnly();
        return passkeys.signInOptions(Purpose.SIGN_IN, body != null && Boolean.TRUE.equals(body.rememberMe()), request);
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Finish a password-less sign-in: {credential}; 200 {login}, the session is signed in")
    public JsonObject signIn(String body) {
        return finish(Purpose.SIGN_IN, body);
    }

    @POST
    @Path("second-step/options")
    @Operation(summary = "Start the second step after a right password: options allowing the pending account's passkeys")
    public JsonObject secondStepOptions() {
        ownPagesOnly();
        return passkeys.signInOptions(Purpose.SECOND_STEP, false, request);
    }

    @POST
    @Path("second-step")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Finish the second step with a passkey: {credential}; 200 {login}, the session is signed in")
    public JsonObject secondStep(String body) {
        return finish(Purpose.SECOND_STEP, body);
    }

    private JsonObject finish(Purpose purpose, String text) {
        ownPagesOnly();
        limits.signIn(request); // answered 429 by the ProblemMapper
        var signedIn = passkeys.signIn(purpose, credential(json(text)), request);
        var status = securityContext.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new VerifiedSignIn(signedIn.login(), "passkey", signedIn.rememberMe())).newAuthentication(true));
        if (status != AuthenticationStatus.SUCCESS) {
            throw new ProblemException(ProblemType.ACCOUNT_DEACTIVATED);
        }
        if (purpose == Purpose.SECOND_STEP) {
            secondStep.accepted(signedIn.login()); // an accepted second factor clears the wrong codes counted
        }
        return Json.createObjectBuilder().add("login", signedIn.login()).build();
    }

    /** A body {"credential": {...}, ...}: the browser's answer is handed to webauthn4j as the JSON it is. */
    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new java.io.StringReader(text == null ? "" : text))) {
            return reader.readObject();
        } catch (RuntimeException malformed) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
    }

    private static String credential(JsonObject body) {
        if (!(body.get("credential") instanceof JsonObject credential)) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST);
        }
        return credential.toString();
    }

    /** A sign-in is only started and finished from this site's pages (no sign-in planted by another site). */
    private void ownPagesOnly() {
        if (!SameOrigin.fromOwnPages(request, allowedOrigins)) {
            throw new ProblemException(ProblemType.CROSS_ORIGIN);
        }
    }

    private static JsonObject view(Passkey p) {
        var json = Json.createObjectBuilder().add("id", p.id()).add("name", p.name())
                .add("createdAt", DateTimeFormatter.ISO_INSTANT.format(p.createdAt().toInstant()))
                .add("transports", p.transports());
        if (p.lastUsedAt() == null) {
            json.addNull("lastUsedAt");
        } else {
            json.add("lastUsedAt", DateTimeFormatter.ISO_INSTANT.format(p.lastUsedAt().toInstant()));
        }
        return json.build();
    }
}
