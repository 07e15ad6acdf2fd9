package org.jointchat.presence;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jointchat.account.UserRef;
import org.jointchat.room.RoomService;

/**
 * The online list read in pages by display name (everyone, or a room's members) and a room's online count.
 * General (everyone's room) pages the online list itself; other rooms walk whichever is smaller, their
 * members or the online list.
 */
final class OnlinePages {

    private final OnlineIndex online;
    private final RoomService rooms;

    OnlinePages(OnlineIndex online, RoomService rooms) {
        this.online = online;
        this.rooms = rooms;
    }

    /** The online members of a room by display name, a page after the cursor. */
    OnlinePage onlineIn(long roomId, String cursor, int limit) {
        int size = Math.max(1, Math.min(PresenceService.PAGE_MAX, limit));
        OnlineUser after = decode(cursor);
        if (rooms.isGlobal(roomId)) {
            long tag = online.changes() & OnlineCount.TAG_MASK; // before the items: a change while reading them gets another tag
            return page(online.size(), after == null ? online.byName() : online.byName().tailSet(after, false), size, tag, after == null);
        }
        Set<Long> members = rooms.memberIds(roomId);
        List<OnlineUser> present = new ArrayList<>();
        if (members.size() < online.size()) {
            for (long id : members) {
                var o = online.byId(id);
                if (o != null) {
                    present.add(o);
                }
            }
            present.sort(OnlineUser.BY_NAME);
        } else {
            for (var o : online.byName()) {
                if (members.contains(o.user().id())) {
                    present.add(o);
                }
            }
        }
        var tail = after == null ? present : present.stream().filter(o -> OnlineUser.BY_NAME.compare(o, after) > 0).toList();
        long tag = 0;
        for (var o : present) {
            tag += OnlineCount.share(o.user().id());
        }
        return page(present.size(), tail, size, tag & OnlineCount.TAG_MASK, after == null);
    }

    /** How many members of a room are online now, and who (as a tag). */
    OnlineCount onlineCountIn(long roomId) {
        if (rooms.isGlobal(roomId)) {
            long tag = online.changes() & OnlineCount.TAG_MASK;
            return new OnlineCount(online.size(), tag);
        }
        Set<Long> members = rooms.memberIds(roomId);
        long count = 0;
        long tag = 0;
        if (members.size() < online.size()) {
            for (long id : members) {
                if (online.containsId(id)) {
                    count++;
                    tag += OnlineCount.share(id);
                }
            }
        } else {
            for (long id : online.ids()) {
                if (members.contains(id)) {
                    count++;
                    tag += OnlineCount.share(id);
                }
            }
        }
        return new OnlineCount(count, tag & OnlineCount.TAG_MASK);
    }

    /** Everyone online, by display name, a page after the cursor. */
    OnlinePage everyone(String cursor, int limit) {
        OnlineUser after = decode(cursor);
        long tag = online.changes() & OnlineCount.TAG_MASK;
        return page(online.size(), after == null ? online.byName() : online.byName().tailSet(after, false),
                Math.max(1, Math.min(PresenceService.PAGE_MAX, limit)), tag, after == null);
    }

    /**
     * A page; a last page that is also the first (the whole list) counts its own items, so that the count
     * shown is always the list's, not a count read a moment apart from it.
     */
    private static OnlinePage page(long count, Iterable<OnlineUser> from, int size, long tag, boolean whole) {
        var items = new ArrayList<OnlinePage.Item>(size);
        OnlineUser last = null;
        boolean more = false;
        for (var o : from) {
            if (items.size() == size) {
                more = true;
                break;
            }
            items.add(new OnlinePage.Item(o.user().login(), o.user().displayName()));
            last = o;
        }
        return new OnlinePage(more || !whole ? count : items.size(), items, more ? encode(last) : null, tag);
    }

    /** A cursor names the last item's place in the order; it stays valid when that user goes offline. */
    private static String encode(OnlineUser o) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((o.sortKey() + "\n" + o.user().login()).getBytes(StandardCharsets.UTF_8));
    }

    private static OnlineUser decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int split = text.lastIndexOf('\n');
            if (split < 0 || cursor.length() > 400) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new OnlineUser(new UserRef(0, text.substring(split + 1), text.substring(0, split)), 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not one this server gave out", e);
        }
    }
}
