package org.jointchat.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The other instances of a Payara cluster, reached through Payara's own Domain Data Grid (Hazelcast): named
 * channels that carry bytes to every other instance in the order one instance published them, the news that an
 * instance left, and counters shared by all instances. Off by default ({@code jointchat.cluster.enabled}): a
 * single instance never touches Hazelcast, and the WAR stays portable (Hazelcast is only loaded when enabled).
 * <p>
 * Everything published is sealed in a {@link GridEnvelope} with the shared secret {@code jointchat.cluster.secret}
 * (a password alias of the domain); a receiver gets only what verifies, and what does not is dropped and logged
 * (at most once a minute per channel). Without a secret there is no clustering.
 */
@ApplicationScoped
public class Cluster {

    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());

    /** What a channel hands to its subscriber, always on the channel's one thread, in arrival order. */
    public interface Receiver {

        /** Bytes another instance published ({@code from}: its member id). */
        void received(String from, byte[] payload);

        /** An instance left the cluster (stopped, killed or cut off): what it held is gone. */
        default void memberLeft(String member) {
        }
    }

    /** Writes the body of a channel message. */
    public interface Body {
        void to(DataOutputStream out) throws IOException;
    }

    /** A channel message: a kind byte, then the body (the one format every channel uses). */
    public static byte[] message(byte kind, Body body) {
        var bytes = new ByteArrayOutputStream(256);
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(kind);
            body.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Inject
    @ConfigProperty(name = "jointchat.cluster.enabled", defaultValue = "false")
    boolean enabled;

    /** The JNDI name of Payara's Hazelcast instance (Payara's default). */
    @Inject
    @ConfigProperty(name = "jointchat.cluster.hazelcast-jndi", defaultValue = "payara/Hazelcast")
    String hazelcastJndi;

    /** The shared secret every instance seals its publications with (the scripts keep it as a password alias). */
    @Inject
    @ConfigProperty(name = "jointchat.cluster.secret")
    Optional<String> secret;

    @Resource
    ManagedThreadFactory threads;

    private HazelcastGrid grid;
    private GridEnvelope envelope;
    private final Map<String, Boolean> subscribed = new ConcurrentHashMap<>();
    private final Map<String, Rejections> rejections = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        if (!enabled) {
            return;
        }
        if (secret.filter(s -> s.length() >= GridEnvelope.MIN_SECRET_LENGTH).isEmpty()) {
            LOG.severe("jointchat.cluster.enabled is true but jointchat.cluster.secret is missing or shorter than "
                    + GridEnvelope.MIN_SECRET_LENGTH + " characters: running as a single instance (./jointchat run stores one)");
            return;
        }
        if (ApplicationServer.kind() != ApplicationServer.Kind.PAYARA) { // issue 25: the grid is Payara's alone
            LOG.warning("jointchat.cluster.enabled is true but the cluster runs on Payara's data grid, which this server"
                    + " does not have: running as a single instance (docs/deployment.md)");
            return;
        }
        envelope = new GridEnvelope(secret.get());
        try {
            grid = HazelcastGrid.lookUp(hazelcastJndi, threads);
            LOG.info(() -> "Clustered through Payara's data grid as member " + grid.self() + " of " + grid.memberCount());
        } catch (Exception | LinkageError e) {
            // Misconfigured, not fatal: this instance still serves its own sockets, and says so loudly.
            LOG.log(Level.SEVERE, "jointchat.cluster.enabled is true but Payara's Hazelcast (" + hazelcastJndi
                    + ") is not available: running as a single instance", e);
        }
    }

    @PreDestroy
    void stop() {
        if (grid != null) {
            grid.close();
            grid = null;
        }
    }

    /** Whether other instances may exist: everything that crosses instances is skipped when not. */
    public boolean enabled() {
        return grid != null;
    }

    /** This instance's member id (empty when not clustered). */
    public String self() {
        return grid == null ? "" : grid.self();
    }

    /** Sends bytes to every other instance's subscriber of the channel (not to this one); nothing when not clustered. */
    public void publish(String channel, byte[] payload) {
        if (grid != null) {
            try {
                grid.publish(channel, envelope.seal(channel, payload));
            } catch (RuntimeException e) {
                // Never the caller's failure (a commit is already done): the others read what they miss from the
                // store, or hear it again when this instance says hello.
                LOG.log(Level.WARNING, "Could not publish to the other instances on channel " + channel, e);
            }
        }
    }

    /**
     * Subscribes once per channel; the receiver runs on a thread of its own, in publish order per instance, and
     * gets only payloads whose envelope verifies.
     */
    public void subscribe(String channel, Receiver receiver) {
        if (grid != null && subscribed.putIfAbsent(channel, Boolean.TRUE) == null) {
            grid.subscribe(channel, verifying(channel, envelope, receiver, this::rejected));
        }
    }

    /** What is told of a payload that did not verify: the channel and the member that published it. */
    interface Rejected {
        void rejected(String channel, String from);
    }

    /**
     * The receiver as the grid calls it: each sealed payload opened with the envelope and handed on only when its
     * HMAC verifies for this channel; anything else (another secret, changed, cut short, not ours) goes to
     * {@code rejected} and never reaches the receiver.
     */
    static Receiver verifying(String channel, GridEnvelope envelope, Receiver receiver, Rejected rejected) {
        return new Receiver() {
            @Override
            public void received(String from, byte[] sealed) {
                envelope.open(channel, sealed).ifPresentOrElse(payload -> receiver.received(from, payload),
                        () -> rejected.rejected(channel, from));
            }

            @Override
            public void memberLeft(String member) {
                receiver.memberLeft(member);
            }
        };
    }

    /** Counts what was dropped and says so at most once a minute per channel (a flood must not flood the log). */
    void rejected(String channel, String from) {
        var counts = rejections.computeIfAbsent(channel, c -> new Rejections());
        long dropped = counts.dropped.incrementAndGet();
        long now = System.nanoTime();
        long last = counts.lastLogged.get();
        if ((last == 0 || now - last >= TimeUnit.MINUTES.toNanos(1)) && counts.lastLogged.compareAndSet(last, now)) {
            LOG.warning(() -> "Dropped a grid message on channel " + channel + " from member " + from
                    + " whose HMAC did not verify (" + dropped + " so far): a member without this cluster's"
                    + " jointchat.cluster.secret is on the data grid");
        }
    }

    private static final class Rejections {
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong lastLogged = new AtomicLong();
    }

    /**
     * Counts one for a key within a sliding window shared by every instance; false when {@code limit} were
     * counted within the window already (then it is not counted). Only when {@link #enabled()}.
     */
    public boolean tryAcquireShared(String counter, long key, int limit, Duration window) {
        return grid.tryAcquire(counter, key, limit, window.toMillis());
    }

    /** Gives back the one counted last for the key. */
    public void refundShared(String counter, long key) {
        grid.refundLast(counter, key);
    }

    /** Forgets keys this instance holds whose window is empty. */
    public void forgetIdleShared(String counter, Duration window) {
        grid.forgetIdle(counter, window.toMillis());
    }

    // Socket tickets (issue 24, handshake): one-use entries any instance may take. Only when enabled().

    /** Stores a value under a key for {@code ttl}, on the grid. */
    public void putShared(String map, String key, String value, Duration ttl) {
        grid.putExpiring(map, key, value, ttl.toMillis());
    }

    /** Removes and returns the value under a key (null when absent or expired): one taker only. */
    public String takeShared(String map, String key) {
        return grid.take(map, key);
    }

    /** The value under a key, left in place; null when absent or expired. */
    public String peekShared(String map, String key) {
        return grid.peek(map, key);
    }
}
