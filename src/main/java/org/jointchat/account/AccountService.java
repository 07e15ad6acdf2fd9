package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.jointchat.platform.Database;

/** Registration, authentication and look-up of accounts: the rules live here, adapters only call. */
@ApplicationScoped
public class AccountService {

    private static final int LOGIN_KEY_MAX = 64;
    private static final String UNIQUE_VIOLATION = "23505";

    @PersistenceContext(unitName = "jointchat")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    LoginThrottle throttle;

    @Inject
    Event<UserRegistered> registered;

    /**
     * Stores a new account, or throws without writing anything: {@link InvalidInputException} for broken
     * rules, {@link LoginTakenException} when the login exists in any case.
     */
    @Transactional
    public User register(Registration registration) {
        var violations = registration.violations();
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        String login = registration.normalizedLogin();
        if (findByLogin(login).isPresent()) {
            throw new LoginTakenException(login);
        }
        var user = new User(login, registration.normalizedDisplayName(), hasher.hash(registration.password()));
        try {
            em.persist(user);
            em.flush();
        } catch (PersistenceException e) {
            // Two registrations of one login at once: the unique index decides.
            if (Database.hasSqlState(e, UNIQUE_VIOLATION)) {
                throw new LoginTakenException(login);
            }
            throw e;
        }
        registered.fire(new UserRegistered(user.getId(), user.getLogin()));
        return user;
    }

    /** Checks a login and password, counting failures per login; see {@link LoginThrottle}. */
    @Transactional
    public AuthenticationResult authenticate(String login, String password) {
        if (login == null || login.isBlank() || password == null) {
            return new AuthenticationResult.Invalid();
        }
        String key = loginKey(login);
        var locked = throttle.lockFor(key);
        if (locked.isPresent()) {
            return new AuthenticationResult.Locked(locked.get());
        }
        Optional<User> user = findByLogin(key);
        boolean valid = password.length() <= Registration.PASSWORD_MAX * 2
                && user.map(u -> hasher.verify(password, u.getPasswordHash()))
                        .orElseGet(() -> hasher.verifyDecoy(password));
        if (!valid) {
            throttle.recordFailure(key);
            return new AuthenticationResult.Invalid();
        }
        throttle.reset(key);
        return new AuthenticationResult.Success(user.get());
    }

    public Optional<User> findById(long id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    public Optional<User> findByLogin(String login) {
        if (login == null) {
            return Optional.empty();
        }
        return em.createNamedQuery(User.BY_LOGIN, User.class)
                .setParameter("login", Registration.normalizeLogin(login))
                .getResultStream()
                .findFirst();
    }

    private static String loginKey(String login) {
        String normalized = Registration.normalizeLogin(login);
        return normalized.length() > LOGIN_KEY_MAX ? normalized.substring(0, LOGIN_KEY_MAX) : normalized;
    }
}
