package org.jointchat.presence;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jointchat.account.UserRef;
import org.jointchat.platform.Cluster;

/**
 * Presence across the instances of a cluster: each instance tells the others when a user comes online or
 * goes offline on it (not every socket), and so knows who is online anywhere; an instance that leaves the
 * cluster takes its users with it. Does nothing on a single instance.
 */
final class ClusterPresence {

    private static final String CHANNEL = "presence";

    private final Cluster cluster;
    private final OnlineIndex online;
    private final LastSeenLog lastSeen;
    private final PresenceService presence;

    ClusterPresence(Cluster cluster, OnlineIndex online, LastSeenLog lastSeen, PresenceService presence) {
        this.cluster = cluster;
        this.online = online;
        this.lastSeen = lastSeen;
        this.presence = presence;
    }

    /** Listens to the others and says hello: they answer with who is online on them. */
    void join() {
        if (cluster.enabled()) {
            cluster.subscribe(CHANNEL, new Cluster.Receiver() {
                @Override
                public void received(String from, byte[] payload) {
                    fromElsewhere(from, payload);
                }

                @Override
                public void memberLeft(String member) {
                    goneElsewhere(member, Instant.now());
                }
            });
            cluster.publish(CHANNEL, PresenceNews.hello());
        }
    }

    /** This instance's users are not online here any more. */
    void leave() {
        if (cluster.enabled()) {
            cluster.publish(CHANNEL, PresenceNews.bye());
        }
    }

    /** Tells the other instances that the user is online here now ({@code true}) or no more; only on a change. */
    void tellOthers(OnlineUser o, boolean onlineHere) {
        if (o.here != onlineHere && cluster.enabled()) {
            cluster.publish(CHANNEL, onlineHere ? PresenceNews.online(o.user()) : PresenceNews.offline(o.user().login(), Instant.now()));
        }
        o.here = onlineHere;
    }

    private void fromElsewhere(String member, byte[] payload) {
        PresenceNews.read(payload, new PresenceNews.Reader() {
            @Override
            public void online(UserRef user) {
                onlineElsewhere(member, user);
            }

            @Override
            public void offline(String login, Instant at) {
                offlineElsewhere(member, login, at);
            }

            @Override
            public void hello() {
                // A new instance: tell it (everyone, in fact) who is online here.
                var users = online.all().stream().filter(o -> o.here).map(OnlineUser::user).toList();
                cluster.publish(CHANNEL, PresenceNews.snapshot(users));
            }

            @Override
            public void bye() {
                goneElsewhere(member, Instant.now());
            }
        });
    }

    private void onlineElsewhere(String member, UserRef user) {
        online.compute(user.login(), (login, current) -> {
            if (current == null) {
                var now = new OnlineUser(user, 0);
                now.elsewhere = Set.of(member);
                return presence.cameOnline(now);
            }
            current.elsewhere = with(current.elsewhere, member);
            return current;
        });
    }

    private void offlineElsewhere(String member, String login, Instant at) {
        online.computeIfPresent(login, (l, o) -> {
            o.elsewhere = without(o.elsewhere, member);
            return o.elsewhere.isEmpty() && o.sockets == 0 && o.leftAt == null ? presence.wentOffline(o, at) : o;
        });
    }

    /** An instance stopped or died: its users are offline unless online on another. Its last-seen times are written here. */
    private void goneElsewhere(String member, Instant at) {
        for (var o : List.copyOf(online.all())) {
            if (o.elsewhere.contains(member)) {
                online.computeIfPresent(o.user().login(), (l, current) -> {
                    current.elsewhere = without(current.elsewhere, member);
                    if (current.elsewhere.isEmpty() && current.sockets == 0 && current.leftAt == null) {
                        lastSeen.seen(l, current.user().id(), at);
                        return presence.wentOffline(current, at);
                    }
                    return current;
                });
            }
        }
    }

    private static Set<String> with(Set<String> members, String member) {
        if (members.contains(member)) {
            return members;
        }
        var more = new HashSet<>(members);
        more.add(member);
        return Set.copyOf(more);
    }

    private static Set<String> without(Set<String> members, String member) {
        if (!members.contains(member)) {
            return members;
        }
        var fewer = new HashSet<>(members);
        fewer.remove(member);
        return Set.copyOf(fewer);
    }
}
