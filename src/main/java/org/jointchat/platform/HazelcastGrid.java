package org.jointchat.platform;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * {@link Cluster} on Payara's Hazelcast member (a plain class, loaded only when clustering is on). Channels are
 * topics of byte arrays: Hazelcast delivers one member's publications to each listener in order, and only bytes
 * cross, so Hazelcast never needs the application's classes. Counters are maps of timestamps changed by
 * compare-and-set, again plain values.
 */
final class HazelcastGrid {

    private static final Logger LOG = Logger.getLogger(HazelcastGrid.class.getName());
    private static final String PREFIX = "jointchat-";

    private final HazelcastInstance hazelcast;
    private final ThreadFactory threads;
    private final String self;
    private final UUID membershipListener;
    private final List<Inbox> inboxes = new ArrayList<>();

    /** One channel's subscription: Hazelcast's event thread only queues; the channel's own thread runs the receiver. */
    private final class Inbox implements Runnable {
        private final ITopic<Object> topic;
        private final Cluster.Receiver receiver;
        private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        private final UUID registration;
        private final Thread thread;
        private volatile boolean open = true;

        Inbox(String channel, Cluster.Receiver receiver) {
            this.topic = hazelcast.getTopic(PREFIX + channel);
            this.receiver = receiver;
            this.thread = threads.newThread(this);
            this.thread.setName("jointchat-cluster-" + channel);
            this.thread.start();
            this.registration = topic.addMessageListener(message -> {
                String from = message.getPublishingMember() == null ? "" : message.getPublishingMember().getUuid().toString();
                // Only byte arrays are ours (a built-in Hazelcast type: nothing is Java-deserialized for them);
                // anything else someone put on the topic is dropped like a payload that does not verify.
                if (!from.equals(self)) {
                    Object payload = message.getMessageObject();
                    byte[] bytes = payload instanceof byte[] b ? b : new byte[0];
                    queue.add(() -> receiver.received(from, bytes));
                }
            });
        }

        @Override
        public void run() {
            while (open) {
                try {
                    queue.take().run();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "A cluster message could not be handled", e);
                }
            }
        }

        void close() {
            open = false;
            try {
                topic.removeMessageListener(registration);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Hazelcast is already gone", e);
            }
            thread.interrupt();
        }
    }

    private HazelcastGrid(HazelcastInstance hazelcast, ThreadFactory threads) {
        this.hazelcast = hazelcast;
        this.threads = threads;
        this.self = hazelcast.getCluster().getLocalMember().getUuid().toString();
        this.membershipListener = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                LOG.info(() -> "Cluster member joined: " + event.getMember());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                String member = event.getMember().getUuid().toString();
                LOG.info(() -> "Cluster member left: " + event.getMember());
                synchronized (inboxes) {
                    inboxes.forEach(inbox -> inbox.queue.add(() -> inbox.receiver.memberLeft(member)));
                }
            }
        });
    }

    static HazelcastGrid lookUp(String jndiName, ThreadFactory threads) throws NamingException {
        var hazelcast = (HazelcastInstance) new InitialContext().lookup(jndiName);
        return new HazelcastGrid(hazelcast, threads);
    }

    String self() {
        return self;
    }

    int memberCount() {
        return hazelcast.getCluster().getMembers().size();
    }

    void publish(String channel, byte[] payload) {
        hazelcast.getTopic(PREFIX + channel).publish(payload);
    }

    void subscribe(String channel, Cluster.Receiver receiver) {
        synchronized (inboxes) {
            inboxes.add(new Inbox(channel, receiver));
        }
    }

    void close() {
        try {
            hazelcast.getCluster().removeMembershipListener(membershipListener);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Hazelcast is already gone", e);
        }
        synchronized (inboxes) {
            inboxes.forEach(Inbox::close);
            inboxes.clear();
        }
    }

    // ---- shared sliding windows: key -> ascending timestamps (ms) within the window ----

    private IMap<Long, long[]> counter(String name) {
        return hazelcast.getMap(PREFIX + name);
    }

    boolean tryAcquire(String name, long key, int limit, long windowMillis) {
        var map = counter(name);
        while (true) {
            long now = System.currentTimeMillis();
            long[] old = map.get(key);
            long[] recent = old == null ? new long[0] : within(old, now - windowMillis);
            if (recent.length >= limit) {
                return false;
            }
            long[] counted = Arrays.copyOf(recent, recent.length + 1);
            counted[recent.length] = now;
            if (old == null ? map.putIfAbsent(key, counted) == null : map.replace(key, old, counted)) {
                return true;
            }
            // Another instance counted for the same key meanwhile: look again.
        }
    }

    void refundLast(String name, long key) {
        var map = counter(name);
        for (int attempt = 0; attempt < 10; attempt++) {
            long[] old = map.get(key);
            if (old == null || old.length == 0) {
                return;
            }
            if (map.replace(key, old, Arrays.copyOf(old, old.length - 1))) {
                return;
            }
        }
    }

    void forgetIdle(String name, long windowMillis) {
        var map = counter(name);
        long oldest = System.currentTimeMillis() - windowMillis;
        for (Long key : map.localKeySet()) {
            long[] value = map.get(key);
            if (value != null && (value.length == 0 || value[value.length - 1] <= oldest)) {
                map.remove(key, value);
            }
        }
    }

    private static long[] within(long[] times, long after) {
        int first = 0;
        while (first < times.length && times[first] <= after) {
            first++;
        }
        return first == 0 ? times : Arrays.copyOfRange(times, first, times.length);
    }

    // ---- one-use entries (socket tickets, issue 24): strings that expire by themselves ----

    private IMap<String, String> entries(String name) {
        return hazelcast.getMap(PREFIX + name);
    }

    void putExpiring(String name, String key, String value, long ttlMillis) {
        entries(name).set(key, value, ttlMillis, TimeUnit.MILLISECONDS);
    }

    String take(String name, String key) {
        return entries(name).remove(key);
    }

    String peek(String name, String key) {
        return entries(name).get(key);
    }
}
