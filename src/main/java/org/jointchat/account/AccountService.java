package org.jointchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.logging.Logger;
import org.jointchat.platform.AfterCommit;
import org.jointchat.platform.BoundedCache;
import org.jointchat.platform.Database;
import org.jointchat.platform.Jdbc;
import org.jointchat.platform.VisibleText;

/** Registration, authentication and look-up of accounts: the rules live here, adapters only call. */
@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class.getName());

    static final int LOGIN_KEY_MAX = 64;
    private static final String UNIQUE_VIOLATION = "23505";

    @PersistenceContext(unitName = "jointchat")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    LoginThrottle throttle;

    @Inject
    Event<UserRegistered> registered;

    @Inject
    Event<ProfileChanged> profileChanged;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    @Inject
    TokenService tokens;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Jdbc jdbc;

    @Inject
    RegistrationPolicy policy;

    /** Who a login is, asked on every socket that opens; dropped when the profile changes. */
    private final BoundedCache<String, UserRef> refs = new BoundedCache<>(100_000);

    public static final int ABOUT_MAX = 500;
    public static final int STATUS_MAX = 100;

    /**
     * What every signed-in request asks about its login (credentials version and a temporary password), cached per
     * login and dropped on every {@link CredentialsChanged}; see {@link #credentialsVersion} and
     * {@link #mustChangePassword}.
     */
    private final BoundedCache<String, SignInState> signIns = new BoundedCache<>(100_000);

    /** The credentials version (-1: deactivated) and whether the password is a temporary one that must be changed. */
    private record SignInState(int credentialsVersion, boolean mustChangePassword) {
    }

    /**
     * This bean through its CDI proxy, so that the transactional steps below run in transactions of their own
     * while the password hash (hundreds of milliseconds, perhaps waiting for the hashing pool) is computed outside
     * any: no pooled connection or lock is held meanwhile, so a burst of registrations or password changes cannot
     * take the database pool from the message writer and the API.
     */
    @Inject
    AccountService self;

    /** Features that may refuse a right password (single sign-on, issue 23 item 2). */
    @Inject
    Instance<PasswordSignInGate> passwordGates;

    /** {@link #register(Registration, String)} without an invite. */
    public User register(Registration registration) {
        return register(registration, null);
    }

    /**
     * Stores a new account, or throws without writing anything: {@link InvalidInputException} for broken
     * rules, {@link LoginTakenException} when the login exists in any case (a deactivated account's too),
     * {@link RegistrationRefusedException} when the registration mode refuses it (closed; invite-only without a
     * usable invite), {@link org.jointchat.platform.ServerBusyException} when the hashing pool is full. An invite's
     * use is counted in the storing transaction: a failed registration does not use it up. The cheap refusals come
     * before the hash; the password is hashed outside any transaction.
     */
    public User register(Registration registration, String inviteCode) {
        policy.checkOpen(inviteCode);
        var violations = registration.violations();
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        String login = registration.normalizedLogin();
        if (findByLogin(login).isPresent()) {
            throw new LoginTakenException(login);
        }
        String hash = hasher.hash(registration.password());
        return self.store(registration, hash, inviteCode);
    }

    /**
     * Single sign-on (issue 23, item 2): an account for someone an identity provider vouched for, checked by the
     * registration rules (the password is a random one nobody knows). The registration mode does not apply: the
     * provider decides who may sign in. {@code verifiedEmail}: the provider's verified address, or null.
     * Throws like {@link #register(Registration, String)}.
     */
    public User registerVerified(Registration registration, String verifiedEmail, LongConsumer inSameTransaction) {
        var violations = registration.violations();
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        if (findByLogin(registration.normalizedLogin()).isPresent()) {
            throw new LoginTakenException(registration.normalizedLogin());
        }
        String hash = hasher.hash(registration.password());
        var user = self.storeVerified(registration, hash, inSameTransaction);
        if (verifiedEmail != null) {
            try {
                self.storeVerifiedEmail(user.getId(), verifiedEmail);
            } catch (RuntimeException taken) {
                // Another account took the address meanwhile (users_email_key): the account goes on without it.
                if (!Database.hasSqlState(taken, UNIQUE_VIOLATION)) {
                    throw taken;
                }
                LOG.info(() -> "Single sign-on: the address of " + user.getLogin() + " is another account's; not stored");
            }
        }
        return user;
    }

    /**
     * The storing half of {@link #registerVerified}: the account, and in the same transaction what the caller adds
     * (the link to the provider's identity), so that neither is left without the other.
     */
    @Transactional
    public User storeVerified(Registration registration, String passwordHash, LongConsumer inSameTransaction) {
        String login = registration.normalizedLogin();
        var user = persistNew(new User(login, registration.normalizedDisplayName(), passwordHash));
        inSameTransaction.accept(user.getId());
        registered.fire(new UserRegistered(user.getId(), user.getLogin()));
        return user;
    }

    /** A verified address for a new account, when no other account holds it (a race ends in a unique violation). */
    @Transactional
    public void storeVerifiedEmail(long userId, String verifiedEmail) {
        jdbc.update("""
                UPDATE users SET email = ?, email_verified_at = now() WHERE id = ?
                   AND NOT EXISTS (SELECT 1 FROM users o WHERE lower(o.email) = lower(?))""", verifiedEmail, userId, verifiedEmail);
    }

    /**
     * Ends every credential made with the password (sessions, API tokens, remember-me cookies) as a password change
     * does, the password itself unchanged: single sign-on calls it when it links an account while passwords are off.
     */
    @Transactional
    public void endPasswordCredentials(long userId) {
        var user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        user.endCredentials();
        em.flush();
        signIns.invalidate(user.getLogin());
        tokens.revokeAllExcept(userId, null);
        credentialsChanged.fire(CredentialsChanged.ofPassword(UserRef.of(user), user.getCredentialsVersion()));
    }

    /** The storing half of {@link #register(Registration, String)}, with the hash made already. */
    @Transactional
    public User store(Registration registration, String passwordHash, String inviteCode) {
        policy.checkOpen(inviteCode); // the mode may have changed while the password was hashed
        String login = registration.normalizedLogin();
        policy.useInvite(inviteCode);
        var user = persistNew(new User(login, registration.normalizedDisplayName(), passwordHash));
        registered.fire(new UserRegistered(user.getId(), user.getLogin()));
        return user;
    }

    /**
     * Checks a login and password, counting failures per login; see {@link LoginThrottle}. The hash (~100 ms
     * of CPU by design) is computed outside any transaction: no pooled connection or lock is held meanwhile,
     * so a burst of logins cannot take the pool from the message writer and the API.
     */
    public AuthenticationResult authenticate(String login, String password) {
        if (login == null || login.isBlank() || password == null) {
            return new AuthenticationResult.Invalid();
        }
        String key = loginKey(login);
        var locked = throttle.check(key);
        if (locked.isPresent()) {
            return new AuthenticationResult.Locked(locked.get());
        }
        Optional<User> user = findByLogin(key);
        boolean valid = password.length() <= Registration.PASSWORD_MAX * 2
                && user.map(u -> hasher.verify(password, u.getPasswordHash()))
                        .orElseGet(() -> hasher.verifyDecoy(password));
        var lockedNow = throttle.settle(key, valid);
        if (lockedNow.isPresent()) {
            return new AuthenticationResult.Locked(lockedNow.get());
        }
        if (!valid) {
            return new AuthenticationResult.Invalid();
        }
        // Only the holder of the right password learns that the account is deactivated.
        if (user.get().isDeactivated()) {
            return new AuthenticationResult.Deactivated();
        }
        // Single sign-on (issue 23, item 2): only the holder of the right password learns that it is turned off.
        for (var gate : passwordGates) {
            if (!gate.allowsPassword(user.get())) {
                return new AuthenticationResult.PasswordsOff();
            }
        }
        return new AuthenticationResult.Success(user.get());
    }

    /** Changes display name, about and status of the user; null keeps a field. Announced to everyone after commit. */
    @Transactional
    public User updateProfile(long userId, String displayName, String about, String status) {
        var user = em.find(User.class, userId);
        var errors = new ArrayList<FieldError>();
        String name = displayName == null ? user.getDisplayName() : displayName.strip();
        if (name.isEmpty()) {
            errors.add(new FieldError("displayName", "account.displayName.required"));
        } else if (name.codePointCount(0, name.length()) > Registration.DISPLAY_NAME_MAX) {
            errors.add(new FieldError("displayName", "account.displayName.tooLong"));
        } else if (Registration.hasControlCharacters(name)) {
            errors.add(new FieldError("displayName", "account.displayName.invalid"));
        }
        String newAbout = about == null ? user.getAbout() : about.strip();
        if (newAbout.codePointCount(0, newAbout.length()) > ABOUT_MAX) {
            errors.add(new FieldError("about", "profile.about.tooLong"));
        } else if (VisibleText.hasHiddenCharacters(newAbout, true)) {
            errors.add(new FieldError("about", "profile.about.invalid"));
        }
        String newStatus = status == null ? user.getStatusText() : status.strip();
        if (newStatus.codePointCount(0, newStatus.length()) > STATUS_MAX) {
            errors.add(new FieldError("status", "profile.status.tooLong"));
        } else if (Registration.hasControlCharacters(newStatus)) {
            errors.add(new FieldError("status", "profile.status.invalid"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        user.changeProfile(name, newAbout, newStatus);
        String login = user.getLogin();
        refs.invalidate(login);
        afterCommit.run(() -> refs.invalidate(login));
        profileChanged.fire(new ProfileChanged(UserRef.of(user), newStatus));
        return user;
    }

    /**
     * Changes the password when the current one is right; every other session and every token but
     * {@code keepToken} (the one making this request, if any) ends. Both hashes are computed outside any
     * transaction (see {@link #self}); the change is stored only if the password did not change meanwhile.
     */
    public int changePassword(long userId, String currentPassword, String newPassword, String keepToken) {
        var user = em.find(User.class, userId);
        String storedHash = user.getPasswordHash();
        if (currentPassword == null || !hasher.verify(currentPassword, storedHash)) {
            throw new InvalidInputException(List.of(new FieldError("currentPassword", "profile.password.wrong")));
        }
        var violations = Registration.of(user.getLogin(), user.getDisplayName(), newPassword).violations();
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations.stream().map(e -> new FieldError("newPassword", e.messageKey())).toList());
        }
        return self.storePassword(userId, storedHash, hasher.hash(newPassword), keepToken);
    }

    /** The storing half of {@link #changePassword}: refused as a wrong current password if it changed since it was checked. */
    @Transactional
    public int storePassword(long userId, String checkedHash, String newHash, String keepToken) {
        var user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (!user.getPasswordHash().equals(checkedHash)) {
            throw new InvalidInputException(List.of(new FieldError("currentPassword", "profile.password.wrong")));
        }
        user.changePasswordHash(newHash);
        signIns.invalidate(user.getLogin());
        tokens.revokeAllExcept(user.getId(), keepToken);
        credentialsChanged.fire(CredentialsChanged.ofPassword(UserRef.of(user), user.getCredentialsVersion()));
        return user.getCredentialsVersion();
    }

    // --- Issue 23, mail: a password set through an e-mail reset link ---

    /**
     * Sets a new password without the current one (the caller proved the account's e-mail address with a reset
     * link, in this transaction): the same rules as registration; every session, API token, remember-me token and
     * socket of the account ends ({@link CredentialsChanged}). The hash is computed in the caller's transaction: a
     * rare operation, and the link must be used up together with the change.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UserRef resetPassword(long userId, String newPassword) {
        var user = em.find(User.class, userId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        var violations = Registration.of(user.getLogin(), user.getDisplayName(), newPassword).violations();
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations.stream().map(e -> new FieldError("newPassword", e.messageKey())).toList());
        }
        user.changePasswordHash(hasher.hash(newPassword));
        signIns.invalidate(user.getLogin());
        tokens.revokeAllExcept(user.getId(), null);
        credentialsChanged.fire(CredentialsChanged.ofPassword(UserRef.of(user), user.getCredentialsVersion()));
        return UserRef.of(user);
    }

    /**
     * The current credentials version of a login (cached; refreshed on every change); -1 for a deactivated account,
     * which matches no session.
     */
    public int credentialsVersion(String login) {
        var state = signInState(login);
        return state == null ? -1 : state.credentialsVersion();
    }

    /** One query (or none, when cached) for both questions a signed-in request asks. */
    private SignInState signInState(String login) {
        if (login == null) {
            return null;
        }
        return signIns.get(Registration.normalizeLogin(login), l -> jdbc.one("""
                SELECT CASE WHEN deactivated_at IS NULL THEN credentials_version ELSE -1 END, must_change_password
                  FROM users WHERE login = ?""",
                row -> new SignInState(row.getInt(1), row.getBoolean(2)), l).orElse(null));
    }

    void rememberVersion(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialsChanged change) {
        signIns.invalidate(change.user().login()); // the next request reads the committed version and flag
    }

    /** A name changed here or on another instance of the cluster: the next socket reads it again. */
    void forgetRef(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProfileChanged change) {
        refs.invalidate(change.user().login());
    }

    /**
     * Whether the user signed in with a temporary password and must choose a new one before chatting (cached with the
     * credentials version: setting a temporary password and changing it both fire {@link CredentialsChanged}).
     */
    public boolean mustChangePassword(String login) {
        var state = signInState(login);
        return state != null && state.mustChangePassword();
    }

    /** Users whose login or display name contains the query (ignoring case), by display name. */
    public List<User> search(String query, int limit, int offset) {
        String pattern = "%" + (query == null ? "" : query.strip().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
        return em.createQuery("""
                        select u from User u
                         where u.login like :pattern or lower(u.displayName) like :pattern
                         order by lower(u.displayName), u.login""", User.class)
                .setParameter("pattern", pattern)
                .setFirstResult(Math.max(0, offset))
                .setMaxResults(Math.max(1, Math.min(100, limit)))
                .getResultList();
    }

    /** The id, login and display name of a login (cached; exact after every profile change). */
    public Optional<UserRef> ref(String login) {
        if (login == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(refs.get(Registration.normalizeLogin(login), l -> jdbc.one(
                "SELECT id, login, display_name FROM users WHERE login = ?",
                row -> new UserRef(row.getLong(1), row.getString(2), row.getString(3)), l).orElse(null)));
    }

    /** Stores a new account; two registrations of one login at once: the unique index decides. */
    private User persistNew(User user) {
        try {
            em.persist(user);
            em.flush();
            return user;
        } catch (PersistenceException e) {
            if (Database.hasSqlState(e, UNIQUE_VIOLATION)) {
                throw new LoginTakenException(user.getLogin());
            }
            throw e;
        }
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

    /** The key a login's failures are counted under (LoginThrottle): normalized, bounded. */
    static String loginKey(String login) {
        String normalized = Registration.normalizeLogin(login);
        return normalized.length() > LOGIN_KEY_MAX ? normalized.substring(0, LOGIN_KEY_MAX) : normalized;
    }
}
