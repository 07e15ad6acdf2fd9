package org.jointchat.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Map;
import org.jointchat.account.AccountService;
import org.jointchat.message.ChatError;
import org.jointchat.message.ChatException;
import org.jointchat.report.Reports;
import org.jointchat.report.Reports.Report;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Backs admin/reports.xhtml: the open reports, oldest first, a page at a time (the reported message as it is now,
 * who reported it and why); an administrator removes the message (as a moderator: the tombstone says so) or
 * dismisses the reports. The rules are {@link Reports}'.
 */
@Named
@ViewScoped
public class AdminReportsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int EXCERPT = 280;

    @Inject
    transient Reports reports;

    @Inject
    transient AccountService accounts;

    @Inject
    transient SecurityContext security;

    private final Open model = new Open();

    /** The open reports, a page at a time. */
    public final class Open extends LazyDataModel<Report> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, reports.page(Reports.State.OPEN, 0, 1).total());
        }

        @Override
        public List<Report> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            return reports.page(Reports.State.OPEN, first, pageSize).reports();
        }

        @Override
        public String getRowKey(Report report) {
            return Long.toString(report.id());
        }

        @Override
        public Report getRowData(String rowKey) {
            return getWrappedData() == null ? null
                    : getWrappedData().stream().filter(r -> Long.toString(r.id()).equals(rowKey)).findFirst().orElse(null);
        }
    }

    public void remove(long id) {
        resolve(id, Reports.Action.REMOVE, "admin.reports.removed");
    }

    public void dismiss(long id) {
        resolve(id, Reports.Action.DISMISS, "admin.reports.dismissed");
    }

    private void resolve(long id, Reports.Action action, String doneKey) {
        try {
            var admin = accounts.ref(security.getCallerPrincipal().getName()).orElseThrow();
            if (reports.resolve(admin, id, action).isPresent()) {
                FacesText.info(doneKey);
            } else {
                FacesText.error(null, "report.notFound");
            }
        } catch (ChatException e) {
            FacesText.error(null, "problem." + (e.code() == ChatError.INVALID ? "validation" : e.code().name().toLowerCase().replace('_', '-')));
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false);
    }

    /** The start of the reported message (the whole of it up to a few lines), as text. */
    public String excerpt(Report report) {
        String text = report.text() == null ? "" : report.text().strip();
        return text.codePointCount(0, text.length()) <= EXCERPT ? text
                : text.substring(0, text.offsetByCodePoints(0, EXCERPT)) + "…";
    }

    public String time(Instant time) {
        return time == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(FacesContext.getCurrentInstance().getViewRoot().getLocale()).format(time.atZone(ZoneId.systemDefault()));
    }

    public Open getModel() {
        return model;
    }
}
