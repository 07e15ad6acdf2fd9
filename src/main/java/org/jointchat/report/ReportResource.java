package org.jointchat.report;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.account.Caller;
import org.jointchat.api.Authenticated;

/** A member reports a message of their room to the administrators. */
@Path("rooms/{room}/messages/{seq}/report")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class ReportResource {

    /** Body of POST: why (optional). */
    public record NewReport(String reason) {
    }

    /** What the reporter sees of their report. */
    public record FiledReport(long id, long room, long seq, String reason, Instant createdAt) {
    }

    @Inject
    Reports reports;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a message (once per member: a repeat answers 200 with the first report)")
    public Response report(@PathParam("room") long room, @PathParam("seq") long seq, NewReport body) {
        var filed = reports.report(caller.get(), room, seq, body == null ? null : body.reason());
        var report = filed.report();
        return Response.status(filed.created() ? 201 : 200)
                .entity(new FiledReport(report.id(), report.room(), report.seq(), report.reason(), report.createdAt())).build();
    }
}
