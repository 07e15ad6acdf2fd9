package org.jointchat.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.account.UserRef;
import org.jointchat.platform.WarmupPass;

/**
 * A server that starts comes back warm (issue 24, item 3): before it takes people's sockets, it opens
 * {@code jointchat.warmup.handshakes} WebSocket handshakes to itself through the real {@code /ws} (sign-in,
 * handshake guard, upgrade, hello, frames both ways), so that the JIT has compiled the paths a returning crowd
 * takes. Meanwhile readiness says DOWN ({@link WarmupReadiness}: a balancer sends nobody) and people's
 * handshakes get a quick 503 with Retry-After, never a wait. Bounded by {@code jointchat.warmup.seconds};
 * runs once per server process, when the application starts with it (not on a redeployment into a server that
 * has run for a while: its container is warm). The warm-up signs in as {@link WarmupPass#LOGIN}, which is no
 * account: its sockets are neither registered nor online, and it writes nothing.
 */
@ApplicationScoped
public class Warmup {

    private static final Logger LOG = Logger.getLogger(Warmup.class.getName());
    /** Set in the process once a warm-up ran (or was skipped): a redeployment does not warm again. */
    private static final String DONE_PROPERTY = "org.jointchat.warmup.done";
    /** The warm-up's user in frames (never stored, never online). */
    static final UserRef USER = new UserRef(-1, WarmupPass.LOGIN, "warm-up");

    @Inject
    @ConfigProperty(name = "jointchat.warmup.handshakes", defaultValue = "2000")
    int handshakes;

    @Inject
    @ConfigProperty(name = "jointchat.warmup.seconds", defaultValue = "30")
    int seconds;

    @Inject
    @ConfigProperty(name = "jointchat.warmup.frames", defaultValue = "20")
    int framesPerSocket;

    @Inject
    @ConfigProperty(name = "jointchat.warmup.concurrency", defaultValue = "8")
    int concurrency;

    /** The HTTP port the warm-up connects to on 127.0.0.1; by default this instance's own (see {@link #port()}). */
    @Inject
    @ConfigProperty(name = "jointchat.warmup.port")
    Optional<Integer> configuredPort;

    @Inject
    WarmupPass pass;

    private volatile boolean warming;
    private volatile long endsAtNanos;
    private volatile String outcome = "not run";

    /** Starts the warm-up in the background when this is the application's first start in a fresh server. */
    void start(String contextPath) {
        long uptimeSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        boolean first = System.getProperty(DONE_PROPERTY) == null;
        System.setProperty(DONE_PROPERTY, "true");
        if (handshakes <= 0 || seconds <= 0 || !first || uptimeSeconds > 120) {
            outcome = handshakes <= 0 || seconds <= 0 ? "off (jointchat.warmup.handshakes)" : "not needed (the server was running)";
            pass.close();
            LOG.info(() -> "Warm-up: " + outcome);
            return;
        }
        outcome = "running";
        warming = true;
        endsAtNanos = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        var run = new WarmupRun(this, "ws://127.0.0.1:" + port() + contextPath + "/ws", pass.token(), handshakes,
                Math.max(1, framesPerSocket), Math.max(1, concurrency), Duration.ofSeconds(seconds));
        var thread = new Thread(run, "jointchat-warmup");
        thread.setDaemon(true);
        thread.start();
        LOG.info(() -> "Warm-up: started (" + handshakes + " loopback handshakes, " + framesPerSocket + " frames each, at most "
                + seconds + " s); readiness DOWN and handshakes answered 503 until it ends");
    }

    /** The warm-up ended (done, out of time, or failed): the server takes people's sockets. */
    void finished(String summary) {
        outcome = summary;
        warming = false;
        pass.close();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        if (uptime < 300) {
            // The next stop tells clients to come back after about as long as this start took, warm-up included.
            IdleTimerScheduler.startupSeconds = Math.max(5, uptime);
        }
        LOG.info(() -> "Warm-up: " + summary + "; taking sockets (" + uptime + " s after the process started)");
    }

    /** True while the warm-up runs: people's handshakes wait (503) and readiness is DOWN. */
    public boolean warming() {
        return warming;
    }

    /** What the warm-up did (for readiness data and the log). */
    String outcome() {
        return outcome;
    }

    /** Retry-After for a handshake refused while warming: what is left of the warm-up, spread over a few seconds. */
    int retryAfterSeconds() {
        long left = Math.max(0, (endsAtNanos - System.nanoTime()) / 1_000_000_000L);
        return (int) Math.min(left, 5) + 1 + ThreadLocalRandom.current().nextInt(3);
    }

    /**
     * This instance's HTTP port: {@code jointchat.warmup.port}, else a cluster instance's {@code HTTP_LISTENER_PORT},
     * else WildFly's 8080 + port offset, else the single domain's port base (the file {@code ./jointchat} writes into
     * the domain) + 80, else 8080.
     */
    int port() {
        if (configuredPort.isPresent()) {
            return configuredPort.get();
        }
        String property = System.getProperty("HTTP_LISTENER_PORT");
        if (property != null && property.matches("\\d+")) {
            return Integer.parseInt(property);
        }
        String offset = System.getProperty("jboss.socket.binding.port-offset"); // WildFly (issue 25): 8080 + offset
        if (offset != null && offset.matches("\\d+")) {
            return 8080 + Integer.parseInt(offset);
        }
        String root = System.getProperty("com.sun.aas.instanceRoot");
        if (root != null) {
            try {
                return Integer.parseInt(Files.readString(Path.of(root, "jointchat-portbase")).strip()) + 80;
            } catch (java.io.IOException | NumberFormatException e) {
                // not a domain made by ./jointchat
            }
        }
        return 8080;
    }
}
