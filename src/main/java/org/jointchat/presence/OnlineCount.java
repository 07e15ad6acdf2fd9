package org.jointchat.presence;

/**
 * How many members of a room are online, and a tag of who they are: the tag changes whenever someone comes
 * or goes, even when the count stays (one left, one arrived), so a client whose list has the same count but
 * another tag knows to read it again. In general (everyone's room) it counts arrivals and departures; in
 * other rooms it is a sum over the ids of the online members (a set that comes back to what it was gets its
 * old tag back, which is right: the same people are online).
 *
 * @param count how many are online
 * @param tag below 2^53, so that it survives JSON numbers in JavaScript
 */
public record OnlineCount(long count, long tag) {

    static final long TAG_MASK = (1L << 53) - 1;

    /** One member's share of a room's tag. */
    static long share(long userId) {
        long h = userId * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
