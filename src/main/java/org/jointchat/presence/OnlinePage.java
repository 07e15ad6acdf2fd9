package org.jointchat.presence;

import java.util.List;

/**
 * A page of the online members of a room (or of everyone), by display name.
 *
 * @param count how many are online in all
 * @param items this page
 * @param next the cursor of the next page, or null at the end
 * @param tag who is online, as the room's {@code online} frames tell it ({@link OnlineCount#tag}), read
 *     before the items: a frame with another tag means this page may be out of date
 */
public record OnlinePage(long count, List<Item> items, String next, long tag) {

    /** One online user. */
    public record Item(String login, String displayName) {
    }
}
