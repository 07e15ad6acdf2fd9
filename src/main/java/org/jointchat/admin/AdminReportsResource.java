package org.jointchat.admin;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.account.FieldError;
import org.jointchat.account.InvalidInputException;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.report.Reports;

/** Reports of messages, for administrators: the open ones (or all), and resolving them. */
@Path("admin/reports")
@AdministratorsOnly
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AdminReportsResource {

    /** One page; {@code total}: how many reports of that state there are in all. */
    public record ReportPage(List<AdminViews.ReportView> reports, long total, int offset) {
    }

    /** Body of POST …/resolve: {@code dismiss} or {@code remove}. */
    public record Resolution(String action) {
    }

    @Inject
    Reports reports;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "?state=open (default; oldest first) or all (newest first), ?offset=, ?limit= (1–100, default 50)")
    public ReportPage page(@QueryParam("state") @DefaultValue("open") String state, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        var which = switch (state.toLowerCase(Locale.ROOT)) {
            case "open" -> Reports.State.OPEN;
            case "all" -> Reports.State.ALL;
            default -> throw new InvalidInputException(List.of(new FieldError("state", "report.state.invalid")));
        };
        var page = reports.page(which, offset, limit);
        return new ReportPage(page.reports().stream().map(AdminViews.ReportView::of).toList(), page.total(), page.offset());
    }

    @POST
    @Path("{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve: dismiss the message's open reports, or remove the message (as a moderator)")
    @APIResponse(responseCode = "200", description = "The report as it is now (a report closed already, as it is)")
    @APIResponse(responseCode = "404", description = "No such report")
    public AdminViews.ReportView resolve(@PathParam("id") long id, Resolution body) {
        String action = body == null || body.action() == null ? "" : body.action().toLowerCase(Locale.ROOT);
        var which = switch (action) {
            case "dismiss" -> Reports.Action.DISMISS;
            case "remove" -> Reports.Action.REMOVE;
            default -> throw new InvalidInputException(List.of(new FieldError("action", "report.action.invalid")));
        };
        return reports.resolve(caller.get(), id, which).map(AdminViews.ReportView::of)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "report.notFound"));
    }
}
