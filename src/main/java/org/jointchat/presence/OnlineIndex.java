package org.jointchat.presence;

import java.util.Collection;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * Who is online, in memory: by login (where each user's transitions are decided, in {@link #compute}), by id
 * (counting a room's members) and by display name (paging the online list). A user is online while in the
 * login map; the other two follow it, changed inside the same compute.
 */
final class OnlineIndex {

    private final Map<String, OnlineUser> byLogin = new ConcurrentHashMap<>();
    private final Map<Long, OnlineUser> byId = new ConcurrentHashMap<>();
    private final NavigableSet<OnlineUser> byName = new ConcurrentSkipListSet<>(OnlineUser.BY_NAME);
    /** Bumped by every arrival and departure: who is online changed even when their number did not. */
    private final AtomicLong changes = new AtomicLong();

    OnlineUser get(String login) {
        return byLogin.get(login);
    }

    boolean contains(String login) {
        return byLogin.containsKey(login);
    }

    int size() {
        return byLogin.size();
    }

    boolean isEmpty() {
        return byLogin.isEmpty();
    }

    Collection<OnlineUser> all() {
        return byLogin.values();
    }

    /** A user's transition, atomic per login (see {@link Map#compute}). */
    OnlineUser compute(String login, BiFunction<String, OnlineUser, OnlineUser> transition) {
        return byLogin.compute(login, transition);
    }

    OnlineUser computeIfPresent(String login, BiFunction<String, OnlineUser, OnlineUser> transition) {
        return byLogin.computeIfPresent(login, transition);
    }

    /** A user came online: indexed by id and name too (inside the login's compute). */
    void indexed(OnlineUser o) {
        byId.put(o.user().id(), o);
        byName.add(o);
        changes.incrementAndGet();
    }

    /** A user went offline: out of the id and name indexes (inside the login's compute, which returns null). */
    void unindexed(OnlineUser o) {
        byId.remove(o.user().id(), o);
        byName.remove(o);
        changes.incrementAndGet();
    }

    /** A renamed user takes their new place by name (inside the login's compute, which returns {@code renamed}). */
    void reindexed(OnlineUser current, OnlineUser renamed) {
        byName.remove(current);
        byName.add(renamed);
        byId.put(renamed.user().id(), renamed);
    }

    /** How many arrivals and departures there have been: equal values, the same people online. */
    long changes() {
        return changes.get();
    }

    OnlineUser byId(long id) {
        return byId.get(id);
    }

    boolean containsId(long id) {
        return byId.containsKey(id);
    }

    Set<Long> ids() {
        return byId.keySet();
    }

    NavigableSet<OnlineUser> byName() {
        return byName;
    }

    /** Forgets who is online (at shutdown, once their last seen is written). */
    void clear() {
        byLogin.clear();
    }
}
