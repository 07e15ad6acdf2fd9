package org.jointchat.admin;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jointchat.audit.AuditLog;

/** The audit log, newest first, for administrators. */
@Path("admin/audit")
@AdministratorsOnly
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AdminAuditResource {

    /** One page; {@code before}: pass it as {@code ?before=} for the next (older) page, null at the end. */
    public record AuditPage(List<AdminViews.AuditView> entries, Long before) {
    }

    @Inject
    AuditLog audit;

    @GET
    @Operation(summary = "Audit entries older than ?before= (an id; default: from the newest), at most ?limit= (1–200, default 50)")
    public AuditPage page(@QueryParam("before") Long before, @QueryParam("limit") @DefaultValue("50") int limit) {
        int size = Math.max(1, Math.min(AuditLog.PAGE_MAX, limit));
        var entries = audit.page(before, size);
        Long next = entries.size() == size ? entries.get(entries.size() - 1).id() : null;
        return new AuditPage(entries.stream().map(AdminViews.AuditView::of).toList(), next);
    }
}
