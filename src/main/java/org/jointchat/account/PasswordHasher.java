package org.jointchat.account;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.platform.BoundedPool;

/**
 * Jakarta Security's PBKDF2 hash with our cost. The stored form carries algorithm, iterations and
 * salt, so raising the cost later keeps old hashes verifiable.
 * <p>
 * Every hash and verification (registration, sign-in, tokens, password change) runs on a bounded pool:
 * at most {@code jointchat.password.hashing.threads} threads (default: half the cores, at least one) and a
 * short queue; beyond it the request is refused at once ({@link org.jointchat.platform.ServerBusyException},
 * 503 + Retry-After). However many sign-ins arrive, the other cores stay free for the message writer and the
 * sockets' sender threads, so hashing cannot starve message delivery.
 */
@ApplicationScoped
public class PasswordHasher {

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    @ConfigProperty(name = "jointchat.password.iterations", defaultValue = "210000")
    int iterations;

    @Inject
    @ConfigProperty(name = "jointchat.password.hashing.threads", defaultValue = "0")
    int configuredThreads;

    @Inject
    @ConfigProperty(name = "jointchat.password.hashing.queue", defaultValue = "16")
    int queue;

    @Inject
    @ConfigProperty(name = "jointchat.password.hashing.retry-after", defaultValue = "PT2S")
    Duration retryAfter;

    @Resource
    ManagedThreadFactory threadFactory;

    private BoundedPool pool;

    /** Verified against when a login does not exist, so that timing does not reveal which logins do. */
    private String decoyHash;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "16",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        decoyHash = pbkdf2.generate("decoy-password".toCharArray());
        pool = new BoundedPool("password hashing", threads(configuredThreads, Runtime.getRuntime().availableProcessors()),
                queue, retryAfter, threadFactory);
    }

    /** Configured, or half the cores (at least one). */
    static int threads(int configured, int cores) {
        return configured > 0 ? configured : Math.max(1, cores / 2);
    }

    @PreDestroy
    void stop() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    public String hash(String password) {
        return pool.run(() -> pbkdf2.generate(password.toCharArray()));
    }

    public boolean verify(String password, String storedHash) {
        return pool.run(() -> pbkdf2.verify(password.toCharArray(), storedHash));
    }

    /** Hashes waiting for a thread now. */
    int queued() {
        return pool.queued();
    }

    /** Spends the same time as a real verification and fails. */
    public boolean verifyDecoy(String password) {
        pool.run(() -> pbkdf2.verify(password.toCharArray(), decoyHash));
        return false;
    }
}
