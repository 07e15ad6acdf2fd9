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
import org.jointchat.account.AccountService;
import org.jointchat.admin.RoomAdministration;
import org.jointchat.admin.RoomAdministration.ManagedRoom;
import org.jointchat.room.Moderation;
import org.jointchat.room.RoomException;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Backs admin/rooms.xhtml: every room but direct conversations, a page at a time, with its kind, owner, member
 * count and modes (metadata only: private rooms' messages are never shown here); archive and unarchive. The rules
 * are {@link Moderation#setArchived}'s.
 */
@Named
@ViewScoped
public class AdminRoomsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient RoomAdministration administration;

    @Inject
    transient Moderation moderation;

    @Inject
    transient AccountService accounts;

    @Inject
    transient SecurityContext security;

    private String query;
    private final Rooms model = new Rooms();

    /** The rooms matching the search, loaded a page at a time. */
    public final class Rooms extends LazyDataModel<ManagedRoom> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, administration.count(query));
        }

        @Override
        public List<ManagedRoom> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            return administration.search(query, first, pageSize);
        }

        @Override
        public String getRowKey(ManagedRoom room) {
            return Long.toString(room.id());
        }

        @Override
        public ManagedRoom getRowData(String rowKey) {
            return getWrappedData() == null ? null
                    : getWrappedData().stream().filter(r -> Long.toString(r.id()).equals(rowKey)).findFirst().orElse(null);
        }
    }

    public void archive(long roomId, String name) {
        archive(roomId, name, true, "admin.rooms.archived");
    }

    public void unarchive(long roomId, String name) {
        archive(roomId, name, false, "admin.rooms.unarchived");
    }

    private void archive(long roomId, String name, boolean archived, String doneKey) {
        try {
            moderation.setArchived(accounts.ref(security.getCallerPrincipal().getName()).orElseThrow(), roomId, archived);
            FacesText.info(doneKey, name);
        } catch (RoomException e) {
            FacesText.error(null, e.messageKey());
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false);
    }

    public String kindKey(ManagedRoom room) {
        return "rooms.kind." + room.kind();
    }

    public String time(OffsetDateTime time) {
        return AdminText.time(time);
    }

    public Rooms getModel() {
        return model;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }
}
