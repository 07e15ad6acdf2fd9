package org.jointchat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jointchat.platform.Database;
import org.jointchat.support.Deployments;
import org.jointchat.support.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Accounts inside the server, against the real PostgreSQL: what is stored, what is refused, lockout, tokens. */
@ExtendWith(ArquillianExtension.class)
class AccountServiceIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.app(AccountServiceIT.class);
    }

    @Inject
    AccountService accounts;

    @Inject
    TokenService tokens;

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Test
    void registrationStoresAPbkdf2HashAndNeverThePassword() throws SQLException {
        String login = TestData.uniqueLogin("Hash");
        accounts.register(Registration.of(login, "  Hash Tester ", TestData.PASSWORD));

        var row = queryRow("SELECT login, display_name, password_hash FROM users WHERE login = lower(?)", login);
        assertEquals(login.toLowerCase(), row.get(0), "login is stored lower-case");
        assertEquals("Hash Tester", row.get(1), "display name is trimmed");
        String hash = row.get(2);
        assertTrue(hash.startsWith("PBKDF2WithHmacSHA512:"), "stored hash: " + hash);
        assertFalse(hash.contains(TestData.PASSWORD));
        assertTrue(pbkdf2.verify(TestData.PASSWORD.toCharArray(), hash));
        assertFalse(pbkdf2.verify("wrong password".toCharArray(), hash));
        assertEquals(0L, count("SELECT count(*) FROM users WHERE password_hash LIKE ?", "%" + TestData.PASSWORD + "%"));
    }

    @Test
    void aLoginTakenInAnotherCaseIsRefusedAndNothingIsWritten() throws SQLException {
        String login = TestData.uniqueLogin("dup");
        accounts.register(Registration.of(login, "First", TestData.PASSWORD));
        long before = count("SELECT count(*) FROM users");

        assertThrows(LoginTakenException.class,
                () -> accounts.register(Registration.of(login.toUpperCase(), "Second", TestData.PASSWORD)));
        assertEquals(before, count("SELECT count(*) FROM users"));
        assertEquals("First", accounts.findByLogin(login).orElseThrow().getDisplayName());
    }

    @Test
    void concurrentRegistrationsOfOneLoginStoreExactlyOne() throws Exception {
        String login = TestData.uniqueLogin("race");
        Callable<Boolean> attempt = () -> {
            try {
                accounts.register(Registration.of(login, "Racer", TestData.PASSWORD));
                return true;
            } catch (LoginTakenException e) {
                return false;
            }
        };
        long successes = 0;
        for (var outcome : executor.invokeAll(List.of(attempt, attempt, attempt, attempt))) {
            successes += outcome.get() ? 1 : 0;
        }
        assertEquals(1, successes);
        assertEquals(1L, count("SELECT count(*) FROM users WHERE login = lower(?)", login));
    }

    @Test
    void everyBrokenRuleIsRefusedAndLeavesTheTableUnchanged() throws SQLException {
        String ok = TestData.PASSWORD;
        var broken = List.of(
                new Registration("", "Ann", ok, ok),
                new Registration("ab", "Ann", ok, ok),
                new Registration("a".repeat(33), "Ann", ok, ok),
                new Registration("-ann", "Ann", ok, ok),
                new Registration("ann'; DROP TABLE users;--", "Ann", ok, ok),
                new Registration(TestData.uniqueLogin("n"), "", ok, ok),
                new Registration(TestData.uniqueLogin("n"), "x".repeat(65), ok, ok),
                new Registration(TestData.uniqueLogin("n"), "Ann\u0000", ok, ok),
                new Registration(TestData.uniqueLogin("n"), "Ann", "short", "short"),
                new Registration(TestData.uniqueLogin("n"), "Ann", "p".repeat(129), "p".repeat(129)),
                new Registration(TestData.uniqueLogin("n"), "Ann", ok, ok + "!"));
        long before = count("SELECT count(*) FROM users");
        for (var registration : broken) {
            var refused = assertThrows(InvalidInputException.class, () -> accounts.register(registration),
                    () -> "accepted: " + registration);
            assertFalse(refused.errors().isEmpty());
        }
        assertEquals(before, count("SELECT count(*) FROM users"));
    }

    @Test
    void fiveFailuresLockTheLoginEvenForTheRightPasswordUntilTheWindowPasses() throws Exception {
        // The test domain runs with a 4 s window (scripts/test-server.sh); production uses 15 min.
        String login = TestData.uniqueLogin("lock");
        accounts.register(Registration.of(login, "Locked Out", TestData.PASSWORD));

        for (int i = 0; i < 5; i++) {
            assertInstanceOf(AuthenticationResult.Invalid.class, accounts.authenticate(login, "wrong-" + i));
        }
        var locked = assertInstanceOf(AuthenticationResult.Locked.class, accounts.authenticate(login.toUpperCase(), TestData.PASSWORD));
        assertTrue(locked.retryAfter().compareTo(Duration.ofSeconds(5)) <= 0, "retry after " + locked.retryAfter());

        Thread.sleep(locked.retryAfter().toMillis() + 300); // waiting out the lock-out is the point
        assertInstanceOf(AuthenticationResult.Success.class, accounts.authenticate(login, TestData.PASSWORD));
        assertEquals(0L, count("SELECT count(*) FROM login_failures WHERE login = lower(?)", login), "success clears failures");
    }

    @Test
    void unknownLoginsAreLockedTooSoProbingRevealsNothing() {
        String login = TestData.uniqueLogin("ghost");
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(AuthenticationResult.Invalid.class, accounts.authenticate(login, "guess-" + i));
        }
        assertInstanceOf(AuthenticationResult.Locked.class, accounts.authenticate(login, "guess-5"));
    }

    @Test
    void tokensAreStoredHashedWorkUntilRevokedAndThenStopAtOnce() throws SQLException {
        String login = TestData.uniqueLogin("tok");
        var user = accounts.register(Registration.of(login, "Token User", TestData.PASSWORD));

        var issued = tokens.issue(user);
        assertTrue(issued.token().length() >= 43, "256 random bits, base64url");
        assertEquals(0L, count("SELECT count(*) FROM api_tokens WHERE token_hash = ?", issued.token()));
        assertEquals(1L, count("SELECT count(*) FROM api_tokens WHERE token_hash = ?", TokenService.hashOf(issued.token())));
        assertEquals(login.toLowerCase(), tokens.loginFor(issued.token()).orElseThrow());

        var other = tokens.issue(user);
        assertNotEquals(issued.token(), other.token());
        assertTrue(tokens.revoke(issued.token()));
        assertTrue(tokens.loginFor(issued.token()).isEmpty(), "revoked token stops working");
        assertTrue(tokens.loginFor(other.token()).isPresent(), "other tokens keep working");
        assertTrue(tokens.loginFor(issued.token() + "x").isEmpty());
    }

    private long count(String sql, Object... parameters) throws SQLException {
        return Long.parseLong(queryRow(sql, parameters).get(0));
    }

    private List<String> queryRow(String sql, Object... parameters) throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var rows = statement.executeQuery()) {
                assertTrue(rows.next(), "no row for " + sql);
                var values = new java.util.ArrayList<String>();
                for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                    values.add(rows.getString(c));
                }
                return values;
            }
        }
    }
}
