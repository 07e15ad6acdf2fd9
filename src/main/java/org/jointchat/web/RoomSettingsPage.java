package org.jointchat.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import org.jointchat.account.AccountService;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.Roles;
import org.jointchat.account.UserRef;
import org.jointchat.room.Moderation;
import org.jointchat.room.RoomError;
import org.jointchat.room.RoomException;
import org.jointchat.room.RoomService;
import org.jointchat.room.RoomView;

/**
 * Backs room.xhtml: a room's name, topic and members. The owner edits them (rename, topic, add by name,
 * remove, hand over, delete); other members see the same page read-only. Every change goes through
 * {@link RoomService}, so open chat pages learn of it live through their {@code room} frames.
 * <p>
 * Moderation (the rules are {@link Moderation}'s): the owner (or an administrator) appoints and dismisses
 * moderators and turns announcement mode on and off; whoever moderates the room sees its current mutes and bans
 * and lifts them; administrators archive and unarchive it.
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

    @Inject
    transient Moderation moderation;

    @Inject
    transient Roles roles;

    private long id;
    private RoomView room;
    private String name;
    private String topic;
    private String newMember;
    private String newModerator;
    private boolean moderates;
    private boolean admin;
    private List<Moderation.Restriction> moderators = List.of();
    private List<Moderation.Restriction> mutes = List.of();
    private List<Moderation.Restriction> bans = List.of();

    /** viewAction: the room asked for, if the caller may see it. */
    public void load() {
        try {
            room = rooms.detail(me(), id);
            name = room.name();
            topic = room.topic();
            loadModeration();
        } catch (RoomException e) {
            room = null;
        }
    }

    /** Who moderates, who is muted and banned, and what the viewer may do about it: read once per request that changes it. */
    private void loadModeration() {
        var me = me();
        admin = roles.isAdmin(me.id());
        moderates = room != null && !"direct".equals(room.kind()) && moderation.canModerate(me, id);
        moderators = moderates ? moderation.moderators(me, id) : List.of();
        mutes = moderates ? moderation.mutes(me, id) : List.of();
        bans = moderates ? moderation.bans(me, id) : List.of();
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

    /** People to add: users whose name or login contains the query and who are not members yet (autocomplete). */
    public List<PersonSuggestion> suggest(String query) {
        var members = room == null ? List.<String>of() : room.members().stream().map(RoomView.Member::login).toList();
        return accounts.search(query, 20, 0).stream().filter(u -> !members.contains(u.getLogin())).limit(10)
                .map(PersonSuggestion::of).toList();
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
            loadModeration();
        } catch (RoomException gone) {
            room = null;
        }
    }

    // ---- moderation ----

    /** A moderation action on this room by the viewer; a refusal becomes a Faces message. */
    @FunctionalInterface
    private interface ModerationAction {
        void run(UserRef me);
    }

    private void moderate(ModerationAction action, String doneKey, Object... arguments) {
        try {
            action.run(me());
            FacesText.info(doneKey, arguments);
        } catch (RoomException e) {
            FacesText.error(null, e.messageKey());
        }
        reload();
    }

    /** The viewer moderates this room (owner, moderator or administrator): the moderation part shows. */
    public boolean isModerating() {
        return moderates;
    }

    /** The owner (or an administrator) appoints moderators and sets announcement mode. */
    public boolean isModeratorsEditable() {
        return moderates && room != null && (currentUser.getLogin().equals(room.owner()) || admin);
    }

    /** Administrators archive and unarchive rooms (not direct conversations). */
    public boolean isArchivable() {
        return admin && room != null && !"direct".equals(room.kind());
    }

    public boolean isAnnouncement() {
        return room != null && Boolean.TRUE.equals(room.announcement());
    }

    public boolean isArchived() {
        return room != null && Boolean.TRUE.equals(room.archived());
    }

    /** People to appoint: matching members who are neither the owner nor a moderator yet (autocomplete). */
    public List<PersonSuggestion> suggestModerator(String query) {
        if (room == null) {
            return List.of();
        }
        var taken = moderators.stream().map(Moderation.Restriction::login).toList();
        var members = room.members().stream().map(RoomView.Member::login).toList();
        // A room's details carry a page of members; where that is all of them, only members are offered.
        boolean allKnown = room.memberCount() != null && room.memberCount() <= members.size();
        return accounts.search(query, 20, 0).stream()
                .filter(u -> !u.getLogin().equals(room.owner()) && !taken.contains(u.getLogin()))
                .filter(u -> "global".equals(room.kind()) || !allKnown || members.contains(u.getLogin()))
                .limit(10).map(PersonSuggestion::of).toList();
    }

    public void appoint() {
        String login = newModerator == null ? "" : newModerator.strip();
        if (login.isEmpty()) {
            FacesText.error("moderators:newModerator", "moderation.page.appointHint");
            return;
        }
        try {
            moderation.addModerator(me(), id, login);
            FacesText.info("moderation.page.appointed", login);
            newModerator = null;
        } catch (RoomException e) {
            FacesText.error("moderators:newModerator", e.messageKey());
        }
        reload();
    }

    public void dismiss(String login) {
        moderate(me -> moderation.removeModerator(me, id, login), "moderation.page.dismissed", login);
    }

    public void announcementOn() {
        moderate(me -> moderation.setAnnouncement(me, id, true), "moderation.page.announcementOnDone");
    }

    public void announcementOff() {
        moderate(me -> moderation.setAnnouncement(me, id, false), "moderation.page.announcementOffDone");
    }

    public void unmute(String login) {
        moderate(me -> moderation.unmute(me, id, login), "moderation.page.unmuted", login);
    }

    public void unban(String login) {
        moderate(me -> moderation.unban(me, id, login), "moderation.page.unbanned", login);
    }

    public void archive() {
        moderate(me -> moderation.setArchived(me, id, true), "moderation.page.archivedDone");
    }

    public void unarchive() {
        moderate(me -> moderation.setArchived(me, id, false), "moderation.page.unarchivedDone");
    }

    /** A time (a mute's end) in the view's language and the server's zone. */
    public String time(Instant time) {
        return time == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(FacesContext.getCurrentInstance().getViewRoot().getLocale())
                .format(time.atZone(ZoneId.systemDefault()));
    }

    public List<Moderation.Restriction> getModerators() { return moderators; }
    public List<Moderation.Restriction> getMutes() { return mutes; }
    public List<Moderation.Restriction> getBans() { return bans; }
    public String getNewModerator() { return newModerator; }
    public void setNewModerator(String newModerator) { this.newModerator = newModerator; }

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
