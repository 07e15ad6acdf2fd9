package org.jointchat.sso;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.jointchat.account.AccountService;
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.LoginTakenException;
import org.jointchat.account.Registration;
import org.jointchat.audit.AuditLog;
import org.jointchat.platform.Jdbc;
import org.jointchat.platform.VisibleText;

/**
 * Which JointChat account a provider's identity (issuer, subject) is: the link made at its first sign-in (table
 * linked_identities, V21). A first sign-in links to an existing account only when the provider says the e-mail is
 * verified and it is that account's verified address; otherwise it creates an account whose login comes from the
 * login claim, checked like a registration. A login that exists and is not linked is refused, never taken over.
 * An administrator's account is never linked by its address: the local administrator keeps a password that always
 * works, the way back in while the provider is down (docs/operations.md).
 */
@ApplicationScoped
public class LinkedAccounts {

    private static final Logger LOG = Logger.getLogger(LinkedAccounts.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Jdbc jdbc;

    @Inject
    AccountService accounts;

    @Inject
    AuditLog audit;

    @Inject
    OidcSettings settings;

    /** This bean through its CDI proxy, so that {@link #linkExisting} runs in its transaction. */
    @Inject
    LinkedAccounts self;

    record Account(long id, String login, boolean deactivated, boolean admin) {
    }

    /** The login of the account this validated ID token signs in to; creates or links it at the first sign-in. */
    public String accountFor(String issuer, JsonObject claims) {
        String subject = claims.getString("sub");
        var linked = linkedAccount(issuer, subject);
        if (linked.isPresent()) {
            jdbc.update("UPDATE linked_identities SET last_sign_in_at = now() WHERE issuer = ? AND subject = ?", issuer, subject);
            return usable(linked.get()).login();
        }
        String email = string(claims, "email");
        if (email != null && isTrue(claims.get("email_verified"))) {
            var owner = jdbc.one("""
                    SELECT id, login, deactivated_at IS NOT NULL, is_admin FROM users
                     WHERE email IS NOT NULL AND lower(email) = lower(?)""",
                    row -> new Account(row.getLong(1), row.getString(2), row.getBoolean(3), row.getBoolean(4)), email);
            if (owner.isPresent()) {
                if (owner.get().admin()) {
                    throw new SignOnFailure("oidc.error.adminNotLinked", "account " + owner.get().login()
                            + " is an administrator: never linked by e-mail");
                }
                self.linkExisting(issuer, subject, usable(owner.get()));
                return owner.get().login();
            }
        }
        return create(issuer, subject, claims, email != null && isTrue(claims.get("email_verified")) ? email : null);
    }

    /**
     * Links an existing account to the identity. While passwords are off for linked accounts, whatever its password
     * made before (sessions, API tokens, remember-me cookies) ends with the link, as after a password change; the
     * single sign-on session is made after this, with the new credentials version.
     */
    @Transactional
    public void linkExisting(String issuer, String subject, Account account) {
        link(issuer, subject, account);
        if (!settings.localPasswords()) {
            accounts.endPasswordCredentials(account.id());
        }
        audit.record(account.login(), "sso.account.link", account.login(), "issuer: " + issuer + ", by verified e-mail"
                + (settings.localPasswords() ? "" : "; password sign-ins ended"));
    }

    /** Whether the account has a provider identity linked (any issuer). */
    public boolean isLinked(long userId) {
        return jdbc.count("SELECT count(*) FROM linked_identities WHERE user_id = ?", userId) > 0;
    }

    private String create(String issuer, String subject, JsonObject claims, String verifiedEmail) {
        String claimed = string(claims, settings.loginClaim());
        if (claimed == null || claimed.isBlank()) {
            throw new SignOnFailure("oidc.error.noLogin", "no claim " + settings.loginClaim(), settings.loginClaim());
        }
        var registration = Registration.of(claimed.strip(), displayName(claims, claimed.strip()), randomPassword());
        String login = registration.normalizedLogin();
        if (accounts.findByLogin(login).isPresent()) {
            throw new SignOnFailure("oidc.error.loginTaken", "login " + login + " exists and is not linked", login);
        }
        try {
            // The account and its link in one transaction: neither is left without the other.
            var user = accounts.registerVerified(registration, verifiedEmail,
                    id -> link(issuer, subject, new Account(id, login, false, false)));
            var account = new Account(user.getId(), user.getLogin(), false, false);
            audit.record(account.login(), "sso.account.create", account.login(), "issuer: " + issuer);
            LOG.info(() -> "Single sign-on: created account " + account.login() + " for " + issuer);
            return account.login();
        } catch (LoginTakenException taken) {
            throw new SignOnFailure("oidc.error.loginTaken", "login " + login + " exists", taken, login);
        } catch (InvalidInputException invalid) {
            throw new SignOnFailure("oidc.error.loginInvalid", "login " + claimed + ": " + invalid.errors(), invalid, claimed.strip());
        }
    }

    private void link(String issuer, String subject, Account account) {
        jdbc.update("""
                INSERT INTO linked_identities (issuer, subject, user_id, last_sign_in_at) VALUES (?, ?, ?, now())
                ON CONFLICT DO NOTHING""", issuer, subject, account.id());
        // Nothing inserted: the same sign-in twice at once (fine), or the account is linked to another identity.
        if (linkedAccount(issuer, subject).filter(a -> a.id() == account.id()).isEmpty()) {
            throw new SignOnFailure("oidc.error.alreadyLinked", "account " + account.login() + " is linked to another identity");
        }
    }

    private Optional<Account> linkedAccount(String issuer, String subject) {
        return jdbc.one("""
                SELECT u.id, u.login, u.deactivated_at IS NOT NULL FROM linked_identities l JOIN users u ON u.id = l.user_id
                 WHERE l.issuer = ? AND l.subject = ?""", row -> new Account(row.getLong(1), row.getString(2), row.getBoolean(3), false),
                issuer, subject);
    }

    private static Account usable(Account account) {
        if (account.deactivated()) {
            throw new SignOnFailure("login.deactivated", "account " + account.login() + " is deactivated");
        }
        return account;
    }

    /** The provider's name for the person, within the registration's rules; else the login. */
    static String displayName(JsonObject claims, String login) {
        String name = string(claims, "name");
        if (name == null || name.isBlank()) {
            String joined = ((string(claims, "given_name") == null ? "" : string(claims, "given_name")) + " "
                    + (string(claims, "family_name") == null ? "" : string(claims, "family_name"))).strip();
            name = joined.isEmpty() ? login : joined;
        }
        name = name.strip();
        if (VisibleText.hasHiddenCharacters(name, false)) {
            return login;
        }
        return name.codePointCount(0, name.length()) <= Registration.DISPLAY_NAME_MAX ? name
                : name.substring(0, name.offsetByCodePoints(0, Registration.DISPLAY_NAME_MAX));
    }

    /** A password nobody knows: the account signs in through the provider (an administrator can set a temporary one). */
    private static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String string(JsonObject claims, String name) {
        return claims.get(name) instanceof JsonString s ? s.getString() : null;
    }

    /** "email_verified" is a boolean; some providers send the string "true". */
    private static boolean isTrue(JsonValue value) {
        return value == JsonValue.TRUE || (value instanceof JsonString s && "true".equalsIgnoreCase(s.getString()));
    }
}
