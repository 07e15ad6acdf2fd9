package org.jointchat.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.jointchat.account.AccountService;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.UserRef;
import org.jointchat.room.RoomError;
import org.jointchat.room.RoomException;
import org.jointchat.room.RoomService;
import org.jointchat.room.RoomView;

/**
 * Backs room.xhtml: a room's name, topic and members. The owner edits them (rename, topic, add by name,
 * remove, hand over, delete); other members see the same page read-only. Every change goes through
 * {@link RoomService}, so open chat pages learn of it live through their {@code room} frames.
 */
@Named
@ViewScoped
public class RoomSettingsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String FORM = "details:";

    @Inject
    transient RoomService rooms;

    @Inject
    transient AccountService accounts;

    @Inject
    transient CurrentUser currentUser;

    private long id;
    private RoomView room;
    private String name;
    private String topic;
    private String newMember;

    /** viewAction: the room asked for, if the caller may see it. */
    public void load() {
        try {
            room = rooms.detail(me(), id);
            name = room.name();
            topic = room.topic();
        } catch (RoomException e) {
            room = null;
        }
    }

    private UserRef me() {
        return accounts.ref(currentUser.getLogin()).orElseThrow();
    }

    public boolean isFound() {
        return room != null;
    }

    /** Only the owner of a public or private room changes it; general and direct rooms have nothing to set. */
    public boolean isEditable() {
        return room != null && currentUser.getLogin().equals(room.owner())
                && !"global".equals(room.kind()) && !"direct".equals(room.kind());
    }

    public void save() {
        try {
            room = rooms.update(me(), id, name, topic == null ? "" : topic, null);
            FacesText.info("rooms.saved");
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> FacesText.error(FORM + error.field(), error.messageKey()));
        } catch (RoomException e) {
            FacesText.error(e.error() == RoomError.NAME_TAKEN ? FORM + "name" : null, e.messageKey());
        }
        reload();
    }

    /** People to add: matching users who are not members yet (autocomplete). */
    public List<String> suggest(String query) {
        var members = room == null ? List.<String>of() : room.members().stream().map(RoomView.Member::login).toList();
        return accounts.search(query, 10, 0).stream().map(u -> u.getLogin()).filter(login -> !members.contains(login)).toList();
    }

    public void add() {
        String login = newMember == null ? "" : newMember.strip();
        if (login.isEmpty()) {
            FacesText.error("members:newMember", "rooms.addPerson.hint");
            return;
        }
        try {
            rooms.addMember(me(), id, login);
            FacesText.info("rooms.memberAdded", login);
            newMember = null;
        } catch (RoomException e) {
            FacesText.error("members:newMember", e.messageKey());
        }
        reload();
    }

    public void remove(String login) {
        try {
            rooms.removeMember(me(), id, login);
            FacesText.info("rooms.memberRemoved", login);
        } catch (RoomException e) {
            FacesText.error(null, e.messageKey());
        }
        reload();
    }

    public void handOver(String login) {
        try {
            rooms.update(me(), id, null, null, login);
            FacesText.info("rooms.handedOver", login);
        } catch (RoomException e) {
            FacesText.error(null, e.messageKey());
        }
        reload();
    }

    public void delete() throws IOException {
        try {
            String deleted = room.name();
            rooms.delete(me(), id);
            FacesText.info("rooms.deleted", deleted);
            var external = FacesContext.getCurrentInstance().getExternalContext();
            external.redirect(external.getRequestContextPath() + "/app/home.xhtml");
        } catch (RoomException e) {
            FacesText.error(null, e.messageKey());
            reload();
        }
    }

    /** After a change (or a refusal) the page shows the room as it is now; messages stay on this request. */
    private void reload() {
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(false);
        try {
            room = rooms.detail(me(), id);
        } catch (RoomException gone) {
            room = null;
        }
    }

    public String getKindKey() {
        return room == null ? "" : "rooms.kind." + room.kind();
    }

    public RoomView getRoom() { return room; }
    public long getId() { return id; }
    public void setId(long id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getTopic() { return topic; }
    public void setTopic(String topic) { this.topic = topic; }
    public String getNewMember() { return newMember; }
    public void setNewMember(String newMember) { this.newMember = newMember; }
}
