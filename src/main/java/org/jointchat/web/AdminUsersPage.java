package org.jointchat.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jointchat.account.InvalidInputException;
import org.jointchat.admin.ManagedUser;
import org.jointchat.admin.UserAdministration;
import org.jointchat.api.ProblemException;
import org.jointchat.platform.ServerBusyException;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** Backs admin/users.xhtml: find users a page at a time and act on one; the rules are UserAdministration's. */
@Named
@ViewScoped
public class AdminUsersPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient UserAdministration users;

    @Inject
    transient SecurityContext security;

    private String query;
    private String temporaryPasswordFor;
    private String temporaryPassword;
    private final Users model = new Users();

    /** The users matching the search, loaded a page at a time (never all of them). */
    public final class Users extends LazyDataModel<ManagedUser> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, users.count(query));
        }

        @Override
        public List<ManagedUser> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            // The search box is no column filter of the table's, so the table would keep the count of the first search.
            setRowCount(count(filterBy));
            return users.search(query, first, pageSize);
        }

        @Override
        public String getRowKey(ManagedUser user) {
            return user.login();
        }

        @Override
        public ManagedUser getRowData(String rowKey) {
            return getWrappedData() == null ? null
                    : getWrappedData().stream().filter(u -> u.login().equals(rowKey)).findFirst().orElse(null);
        }
    }

    /** A new search starts at its first page. */
    public void search() {
        if (FacesContext.getCurrentInstance().getViewRoot().findComponent("users:table") instanceof DataTable table) {
            table.setFirst(0);
        }
    }

    /** What a button does to the user of its row. */
    @FunctionalInterface
    private interface Action {
        void run(String actor, String login);
    }

    private void act(String login, Action action, String doneKey) {
        temporaryPassword = null; // shown once: gone with the next action
        temporaryPasswordFor = null;
        try {
            action.run(actor(), login);
            FacesText.info(doneKey, login);
        } catch (ProblemException e) {
            AdminText.refused(e);
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false);
    }

    public void deactivate(String login) {
        act(login, users::deactivate, "admin.users.deactivated");
    }

    public void reactivate(String login) {
        act(login, users::reactivate, "admin.users.reactivated");
    }

    public void endSessions(String login) {
        act(login, users::endSessions, "admin.users.sessionsEnded");
    }

    public void grantAdmin(String login) {
        act(login, users::grantAdmin, "admin.users.granted");
    }

    public void revokeAdmin(String login) {
        act(login, users::revokeAdmin, "admin.users.revoked");
    }

    /** Generates a temporary password and shows it on this page, this once. */
    public void temporaryPassword(String login) {
        try {
            temporaryPassword = users.setTemporaryPassword(actor(), login, null);
            temporaryPasswordFor = login;
        } catch (ProblemException e) {
            AdminText.refused(e);
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> FacesText.error(null, error.messageKey()));
        } catch (ServerBusyException e) {
            FacesText.error(null, "abuse.busy", e.retryAfterSeconds()); // the password hashing pool is full
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false);
    }

    public String time(OffsetDateTime time) {
        return AdminText.time(time);
    }

    public boolean isMe(String login) {
        return login.equals(actor());
    }

    private String actor() {
        return security.getCallerPrincipal().getName();
    }

    public Users getModel() {
        return model;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public String getTemporaryPassword() {
        return temporaryPassword;
    }

    public String getTemporaryPasswordFor() {
        return temporaryPasswordFor;
    }
}
