package org.jointchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.OffsetDateTime;
import java.util.List;
import org.jointchat.audit.AuditLog;

/** Backs admin/audit.xhtml: the audit log, newest first, a page at a time (?before= the last id of the page before). */
@Named
@RequestScoped
public class AdminAuditPage {

    static final int PAGE = 50;

    @Inject
    AuditLog audit;

    private Long before;
    private List<AuditLog.Entry> entries;

    public List<AuditLog.Entry> getEntries() {
        if (entries == null) {
            entries = audit.page(before, PAGE);
        }
        return entries;
    }

    /** The id for the "older" link, or null on the last page. */
    public Long getOlder() {
        var page = getEntries();
        return page.size() == PAGE ? page.get(page.size() - 1).id() : null;
    }

    public String time(OffsetDateTime time) {
        return AdminText.time(time);
    }

    public Long getBefore() {
        return before;
    }

    public void setBefore(Long before) {
        this.before = before;
    }
}
