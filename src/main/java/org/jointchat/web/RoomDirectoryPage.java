package org.jointchat.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.jointchat.account.AccountService;
import org.jointchat.account.UserRef;
import org.jointchat.room.RoomException;
import org.jointchat.room.RoomService;
import org.jointchat.room.RoomView;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** Backs rooms.xhtml: the public rooms, a page at a time, filtered by name; join one or open one you are in. */
@Named
@ViewScoped
public class RoomDirectoryPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient RoomService rooms;

    @Inject
    transient AccountService accounts;

    @Inject
    transient CurrentUser currentUser;

    private String filter;
    private final Rooms model = new Rooms();

    /** One row of the directory. */
    public record Row(long id, String name, String topic, long members, boolean joined) implements Serializable {
    }

    /** The public rooms, loaded a page at a time from PostgreSQL (never all of them). */
    public final class Rooms extends LazyDataModel<Row> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, rooms.countPublic(filter));
        }

        @Override
        public List<Row> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            var page = rooms.searchPublic(filter, pageSize, first);
            var counts = rooms.memberCounts(page.stream().map(RoomView::id).toList());
            var me = me();
            return page.stream().map(r -> new Row(r.id(), r.name(), r.topic(), counts.getOrDefault(r.id(), 0L),
                    rooms.access(r.id(), me.id()) == RoomService.Access.MEMBER)).toList();
        }

        @Override
        public String getRowKey(Row row) {
            return Long.toString(row.id());
        }

        @Override
        public Row getRowData(String rowKey) {
            return getWrappedData() == null ? null
                    : getWrappedData().stream().filter(r -> Long.toString(r.id()).equals(rowKey)).findFirst().orElse(null);
        }
    }

    private UserRef me() {
        return accounts.ref(currentUser.getLogin()).orElseThrow();
    }

    /** Joins a public room and opens it in the chat. */
    public void join(Row row) throws IOException {
        try {
            rooms.addMember(me(), row.id(), me().login());
            FacesText.info("rooms.joined", row.name());
            openInChat(row.id());
        } catch (RoomException e) {
            FacesText.error(null, e.messageKey());
        }
    }

    static void openInChat(long roomId) throws IOException {
        var external = FacesContext.getCurrentInstance().getExternalContext();
        external.redirect(external.getRequestContextPath() + "/app/home.xhtml?room=" + roomId);
    }

    public Rooms getModel() {
        return model;
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter;
    }
}
