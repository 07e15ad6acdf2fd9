package org.jointchat.presence;

import java.util.List;

/**
 * A page of the online members of a room (or of everyone), by display name.
 *
 * @param count how many are online in all
 * @param items this page
 * @param next the cursor of the next page, or null at the end
 */
public record OnlinePage(long count, List<Item> items, String next) {

    /** One online user. */
    public record Item(String login, String displayName) {
    }
}
