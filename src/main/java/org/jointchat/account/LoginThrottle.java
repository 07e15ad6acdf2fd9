package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Brute-force protection: after N failed attempts for one login within the window, further attempts
 * are refused until the oldest of them leaves the window. Kept in PostgreSQL so that it holds across
 * restarts and instances; attempts for one login are serialised with an advisory lock.
 */
@ApplicationScoped
public class LoginThrottle {

    @PersistenceContext(unitName = "jointchat")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "jointchat.login.lockout.failures", defaultValue = "5")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "jointchat.login.lockout.window", defaultValue = "PT15M")
    Duration window;

    /** Takes the per-login lock for the rest of the transaction and tells how long the login stays locked, if it is. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Duration> lockFor(String loginKey) {
        // count(*) around it: the lock function returns void, a column type not every JPA provider reads (Hibernate).
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext(?1))) l").setParameter(1, loginKey).getSingleResult();
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT count(*), EXTRACT(EPOCH FROM (min(failed_at) + ?2 * INTERVAL '1 millisecond' - clock_timestamp()))
                  FROM login_failures
                 WHERE login = ?1 AND failed_at > clock_timestamp() - ?2 * INTERVAL '1 millisecond'""")
                .setParameter(1, loginKey)
                .setParameter(2, window.toMillis())
                .getSingleResult();
        long failures = ((Number) row[0]).longValue();
        if (failures < maxFailures) {
            return Optional.empty();
        }
        double seconds = ((Number) row[1]).doubleValue();
        return Optional.of(Duration.ofMillis(Math.max(1000, (long) Math.ceil(seconds * 1000))));
    }

    /** Whether a login is locked now (a short transaction of its own: no lock is held while a password is hashed). */
    @Transactional
    public Optional<Duration> check(String loginKey) {
        return lockFor(loginKey);
    }

    /**
     * Books an attempt whose password was checked outside any transaction, atomically under the login's
     * lock: a failure counts, a success clears the count — unless the login got locked meanwhile (a burst of
     * guesses in parallel), which then wins even over the right password.
     */
    @Transactional
    public Optional<Duration> settle(String loginKey, boolean valid) {
        var locked = lockFor(loginKey);
        if (locked.isPresent()) {
            return locked;
        }
        if (valid) {
            reset(loginKey);
        } else {
            recordFailure(loginKey);
        }
        return Optional.empty();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordFailure(String loginKey) {
        em.createNativeQuery("DELETE FROM login_failures WHERE login = ?1 AND failed_at < clock_timestamp() - ?2 * INTERVAL '1 millisecond'")
                .setParameter(1, loginKey)
                .setParameter(2, window.toMillis())
                .executeUpdate();
        em.createNativeQuery("INSERT INTO login_failures (login) VALUES (?1)").setParameter(1, loginKey).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void reset(String loginKey) {
        em.createNativeQuery("DELETE FROM login_failures WHERE login = ?1").setParameter(1, loginKey).executeUpdate();
    }

    /** Forgets failures that no longer count, for logins nobody retried. */
    @Transactional
    public int purgeExpired() {
        return em.createNativeQuery("DELETE FROM login_failures WHERE failed_at < clock_timestamp() - ?1 * INTERVAL '1 millisecond'")
                .setParameter(1, window.toMillis())
                .executeUpdate();
    }
}
