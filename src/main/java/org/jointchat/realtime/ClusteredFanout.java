package org.jointchat.realtime;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jointchat.account.CredentialsChanged;
import org.jointchat.account.ProfileChanged;
import org.jointchat.account.TokenRevoked;
import org.jointchat.account.UserRef;
import org.jointchat.message.ChatMessage;
import org.jointchat.message.MessageStore;
import org.jointchat.platform.Cluster;
import org.jointchat.platform.Relayed;
import org.jointchat.presence.Presence;
import org.jointchat.room.RoomChanged;
import org.jointchat.thread.ThreadNews;

/**
 * The fan-out of a cluster: this instance's sockets through {@link LocalFanout}, and every other instance through
 * one channel of Payara's data grid, which keeps each instance's publications in order.
 * <ul>
 * <li>Message frames are encoded once, where they were committed, and cross as text; every instance (this one
 * too) passes them through {@link RoomOrder}, so a room's sockets get them in version order wherever they were
 * written.</li>
 * <li>Room, profile, password and token changes cross as the committed CDI events, written as JSON
 * ({@link RelayedEvents}: registered types only, no Java deserialization) and fired again on the other instances
 * as {@link Relayed}: their caches follow, and their announcers tell their own sockets. They share the channel
 * with the messages, so a member added and then written to is subscribed first everywhere.</li>
 * <li>Typing and read marks cross as they are; presence needs nothing here (every instance knows who is online
 * anywhere, see PresenceService).</li>
 * </ul>
 * Every payload is authenticated by {@link Cluster} (HMAC with the cluster's shared secret) before it gets here.
 * Without a cluster it is {@link LocalFanout} and nothing more.
 */
@ApplicationScoped
public class ClusteredFanout implements Fanout {

    private static final Logger LOG = Logger.getLogger(ClusteredFanout.class.getName());
    static final String CHANNEL = "chat";
    private static final byte MESSAGES = 'M';
    private static final byte TYPING = 'T';
    private static final byte READ = 'R';
    private static final byte EVENT = 'E';
    private static final byte CLOSE = 'X';
    /** A frame for one user's sockets (issue 22: drafts). */
    private static final byte USER = 'U';
    /** How long a room waits for a missing version before reading it from the store. */
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Inject
    LocalFanout local;

    @Inject
    Cluster cluster;

    @Inject
    ConnectionRegistry connections;

    @Inject
    MessageStore store;

    @Inject
    @Any
    Event<Object> events;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final RoomOrder order = new RoomOrder();
    private ScheduledFuture<?> repair;
    private ScheduledFuture<?> forget;

    /** Subscribed when the application starts, not when this instance first sends something. */
    void boot(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // The observer itself makes the bean (and its subscription) exist.
    }

    @PostConstruct
    void start() {
        if (!cluster.enabled()) {
            return;
        }
        cluster.subscribe(CHANNEL, (from, payload) -> received(payload));
        repair = scheduler.scheduleWithFixedDelay(this::fillGaps, 250, 250, TimeUnit.MILLISECONDS);
        forget = scheduler.scheduleWithFixedDelay(() -> order.forgetIdle(TimeUnit.MINUTES.toNanos(10)), 1, 1, TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() {
        if (repair != null) {
            repair.cancel(false);
            forget.cancel(false);
        }
    }

    // ---- the seam ----

    @Override
    public void messagesCommitted(List<ChatMessage> messages) {
        if (!cluster.enabled()) {
            local.messagesCommitted(messages);
            return;
        }
        var frames = new ArrayList<RoomFrame>(messages.size());
        messages.forEach(m -> frames.add(new RoomFrame(m.roomId(), new RoomOrder.Frame(m.version(), m.seq(), true, Frames.message(m)))));
        publishAndDeliver(frames);
    }

    @Override
    public void messagesChanged(List<ChatMessage> messages) {
        if (!cluster.enabled()) {
            local.messagesChanged(messages);
            return;
        }
        var frames = new ArrayList<RoomFrame>(messages.size());
        messages.forEach(m -> frames.add(new RoomFrame(m.roomId(), new RoomOrder.Frame(m.version(), m.seq(), false, Frames.changed(m)))));
        publishAndDeliver(frames);
    }

    @Override
    public void typing(long roomId, UserRef user) {
        local.typing(roomId, user);
        if (cluster.enabled()) {
            cluster.publish(CHANNEL, Cluster.message(TYPING, out -> {
                out.writeLong(roomId);
                out.writeLong(user.id());
                out.writeUTF(user.login());
                out.writeUTF(user.displayName());
            }));
        }
    }

    @Override
    public void toUser(String login, String frame) {
        local.toUser(login, frame);
        if (cluster.enabled()) {
            cluster.publish(CHANNEL, Cluster.message(USER, out -> {
                out.writeUTF(login);
                byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
                out.writeInt(bytes.length);
                out.write(bytes);
            }));
        }
    }

    @Override
    public void readUpTo(String login, long roomId, long seq) {
        local.readUpTo(login, roomId, seq);
        if (cluster.enabled()) {
            cluster.publish(CHANNEL, Cluster.message(READ, out -> {
                out.writeUTF(login);
                out.writeLong(roomId);
                out.writeLong(seq);
            }));
        }
    }

    /** Closes the sockets opened with a credential (a browser session that signed out) on every instance. */
    public void closeOpenedWith(String credentialKey, String why) {
        connections.closeOpenedWith(credentialKey, why);
        if (cluster.enabled()) {
            cluster.publish(CHANNEL, Cluster.message(CLOSE, out -> {
                out.writeUTF(credentialKey);
                out.writeUTF(why);
            }));
        }
    }

    /** Every instance knows who is online anywhere and fires its own changes: this instance's watchers only. */
    @Override
    public void presenceChanged(Presence now) {
        local.presenceChanged(now);
    }

    /** Called for this instance's changes and for relayed ones alike (the event crossed, not the frames). */
    @Override
    public void roomChanged(RoomChanged change) {
        local.roomChanged(change);
    }

    @Override
    public void profileChanged(UserRef user, String status) {
        local.profileChanged(user, status);
    }

    // ---- events made here, relayed to the other instances ----

    void relay(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Default RoomChanged change) {
        relayEvent(change);
    }

    void relay(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Default ProfileChanged change) {
        relayEvent(change);
    }

    void relay(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Default CredentialsChanged change) {
        relayEvent(change);
    }

    void relay(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Default TokenRevoked revoked) {
        relayEvent(revoked);
    }

    /** A followed thread's news for one user (threads, issue 22 item 1): their sockets may be on any instance. */
    void relay(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Default ThreadNews news) {
        relayEvent(news);
    }

    // Read receipts (issue 22, item 3): fired outside a transaction; every instance sends `seen` to its own sockets.
    void relay(@Observes @Default org.jointchat.receipt.ReadReceiptSeen seen) {
        relayEvent(seen);
    }

    private void relayEvent(Object event) {
        if (!cluster.enabled()) {
            return;
        }
        var encoded = RelayedEvents.encode(event);
        cluster.publish(CHANNEL, Cluster.message(EVENT, out -> {
            out.writeUTF(encoded.name());
            out.writeInt(encoded.json().length);
            out.write(encoded.json());
        }));
    }

    // ---- from the other instances ----

    private void received(byte[] payload) {
        try (var in = new DataInputStream(new ByteArrayInputStream(payload))) {
            switch (in.readByte()) {
                case MESSAGES -> {
                    int n = in.readInt();
                    for (int i = 0; i < n; i++) {
                        long roomId = in.readLong();
                        long version = in.readLong();
                        long seq = in.readLong();
                        boolean created = in.readBoolean();
                        var json = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
                        deliver(new RoomFrame(roomId, new RoomOrder.Frame(version, seq, created, json)));
                    }
                }
                case TYPING -> {
                    long roomId = in.readLong();
                    local.typing(roomId, new UserRef(in.readLong(), in.readUTF(), in.readUTF()));
                }
                case READ -> local.readUpTo(in.readUTF(), in.readLong(), in.readLong());
                case CLOSE -> connections.closeOpenedWith(in.readUTF(), in.readUTF());
                case USER -> local.toUser(in.readUTF(), new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8));
                case EVENT -> {
                    String name = in.readUTF();
                    byte[] json = in.readNBytes(in.readInt());
                    Object event;
                    try {
                        event = RelayedEvents.decode(name, json);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Unreadable relayed event " + name + " (another version of JointChat on the same grid?)", e);
                        return;
                    }
                    events.select(Relayed.Literal.INSTANCE).fire(event);
                }
                default -> LOG.warning("Unknown cluster message kind");
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Unreadable cluster message (another version of JointChat on the same grid?)", e);
        }
    }

    // ---- in order, per room ----

    private record RoomFrame(long roomId, RoomOrder.Frame frame) {
    }

    private void publishAndDeliver(List<RoomFrame> frames) {
        cluster.publish(CHANNEL, Cluster.message(MESSAGES, out -> {
            out.writeInt(frames.size());
            for (var f : frames) {
                out.writeLong(f.roomId());
                out.writeLong(f.frame().version());
                out.writeLong(f.frame().seq());
                out.writeBoolean(f.frame().created());
                byte[] json = f.frame().json().getBytes(StandardCharsets.UTF_8);
                out.writeInt(json.length);
                out.write(json);
            }
        }));
        frames.forEach(this::deliver);
    }

    private void deliver(RoomFrame f) {
        order.offer(f.roomId(), f.frame(), frame -> connections.toRoom(f.roomId(), frame.json()));
    }

    /** A version that did not come within the patience is read from the store (its instance may be gone). */
    void fillGaps() {
        for (var gap : order.overdue(PATIENCE_NANOS)) {
            try {
                int limit = (int) Math.min(10_000, gap.firstHeld() - gap.next());
                var missing = store.lastChangedWithin(gap.roomId(), gap.next(), gap.firstHeld(), limit).stream()
                        .map(m -> new RoomOrder.Stored(m.version(), m.seq(), Frames.message(m), Frames.changed(m)))
                        .toList();
                LOG.info(() -> "Room " + gap.roomId() + ": versions " + gap.next() + ".." + (gap.firstHeld() - 1)
                        + " did not come from their instance; " + missing.size() + " read from the store");
                order.fill(gap, missing, frame -> connections.toRoom(gap.roomId(), frame.json()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not fill the gap of room " + gap.roomId() + "; trying again", e);
            }
        }
    }
}
