package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jointchat.support.Accounts;
import org.jointchat.support.Administrators;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.LoopbackHttp;
import org.jointchat.support.Await;
import org.jointchat.support.Problems;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
import org.jointchat.support.TestUser;
import org.jointchat.twofactor.Base32;
import org.jointchat.twofactor.Totp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * Single sign-on (issue 23, item 2) against a real Keycloak, which scripts/test-server.sh starts with the realm of
 * src/test/resources/keycloak/ (kc-alice: e-mail not verified; kc-bob: verified bob@example.test; kc-carol: a login
 * that exists here). The test domain turns passwords off for linked accounts (pom.xml it.oidc.local-passwords).
 * At a desktop (1280 × 800) and on a phone (390 × 844); screenshots in target/screenshots/. The last test stops
 * Keycloak: the provider is down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SingleSignOnInBrowsersIT extends AgainstTheServer {

    static final String ISSUER = System.getenv().getOrDefault("JOINTCHAT_OIDC_ISSUER", "http://127.0.0.1:18180/realms/jointchat");
    static final String BUTTON = "Sign in with " + System.getenv().getOrDefault("JOINTCHAT_OIDC_DISPLAY_NAME", "Keycloak");

    /** Keycloak boots in the background while Payara starts; the first test waits for it (at most two minutes). */
    @BeforeEach
    void keycloakIsUp() throws Exception {
        if (keycloakUp) {
            return;
        }
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var discovery = HttpRequest.newBuilder(URI.create(ISSUER + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(5)).build();
        Await.until(Duration.ofMinutes(2), Duration.ofMillis(500), "Keycloak answers at " + ISSUER + " (see target/keycloak.log)", () -> {
            try {
                return http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
        keycloakUp = true;
    }

    static boolean keycloakUp;

    @Test
    @Order(1)
    void atADesktopAFirstSignInCreatesTheAccountSignOutEndsItAndASecondFindsIt() throws Exception {
        // An account here holds kc-alice's address, verified here; Keycloak says it is not verified: never a link.
        String holder = Accounts.register(api, "alicehere", "Alice Here");
        try (var db = TestDatabase.connect(); var statement = db.createStatement()) {
            statement.executeUpdate("UPDATE users SET email = NULL, email_verified_at = NULL WHERE lower(email) = 'alice@example.test'");
            statement.executeUpdate("UPDATE users SET email = 'alice@example.test', email_verified_at = now() WHERE login = '" + holder + "'");
        }
        try (var browser = new Browser("sso-desktop", 1280, 800)) {
            browser.driver.get(base + "login.xhtml");
            assertEquals(BUTTON, browser.text("#sso").strip());
            assertTrue(browser.inViewport("#sso"), "the button is on screen");
            Accessibility.assertAccessible(browser, "the login page with single sign-on");
            browser.screenshot("sso-login");

            browser.click("#sso");
            signInAtKeycloak(browser, "kc-alice", "alice-test-password", true);
            assertEquals("kc-alice", browser.driver.findElement(By.id("chat")).getAttribute("data-me"), "the account from preferred_username");
            assertEquals("Alice Keycloak @kc-alice", browser.text("#signed-in-as").strip(), "the name from the ID token");
            browser.screenshot("sso-signed-in");
            assertEquals(1, count("SELECT count(*) FROM linked_identities l JOIN users u ON u.id = l.user_id WHERE u.login = 'kc-alice'"));
            assertEquals(0, count("SELECT count(*) FROM users WHERE login = 'kc-alice' AND email IS NOT NULL"),
                    "an address Keycloak did not verify is not taken");
            assertEquals(0, count("SELECT count(*) FROM linked_identities l JOIN users u ON u.id = l.user_id WHERE u.login = '" + holder + "'"),
                    "an address Keycloak did not verify never links the account that holds it here");

            // Sign-out ends the local session.
            browser.click("#session\\:logout");
            browser.waitForText("#login\\:messages", "You have logged out.");
            browser.driver.get(base + "app/home.xhtml");
            browser.find("#login\\:username");
            assertTrue(browser.driver.getCurrentUrl().contains("/login.xhtml"), "signed out: " + browser.driver.getCurrentUrl());

            // A second sign-in finds the link (Keycloak's own session still holds, so no form this time).
            browser.click("#sso");
            signInAtKeycloak(browser, "kc-alice", "alice-test-password", false);
            assertEquals("kc-alice", browser.driver.findElement(By.id("chat")).getAttribute("data-me"));
            assertEquals(1, count("SELECT count(*) FROM users WHERE login LIKE 'kc-alice%'"), "no second account");
            assertEquals(1, count("SELECT count(*) FROM linked_identities l JOIN users u ON u.id = l.user_id WHERE u.login = 'kc-alice'"));

            // The two-factor policy's enrolment hold applies to a single sign-on as to a password: held on the profile.
            browser.click("#session\\:logout");
            browser.waitForText("#login\\:messages", "You have logged out.");
            twoFactorPolicy("everyone");
            try {
                browser.click("#sso");
                browser.until(d -> d.getCurrentUrl().contains("/app/profile.xhtml"));
                assertTrue(browser.driver.findElements(By.id("composer-text")).isEmpty(), "the chat stays closed");
                browser.js("document.getElementById('twofactor-required').scrollIntoView({block: 'center'})");
                browser.waitForText("#twofactor-required", "Your administrator requires two-factor sign-in for your account.");
                assertTrue(browser.inViewport("#twofactor-required"), "the reason is on screen");
                browser.screenshot("sso-enrolment-hold");
            } finally {
                twoFactorPolicy("nobody");
            }
        }
    }

    @Test
    @Order(2)
    void onAPhoneAVerifiedAddressLinksTheExistingAccountWhosePasswordThenStopsWorking() throws Exception {
        String local = Accounts.register(api, "bob", "Bob Local");
        String other = Accounts.register(api, "dora", "Dora Local");
        try (var db = TestDatabase.connect(); var statement = db.createStatement()) {
            statement.executeUpdate("UPDATE users SET email = NULL, email_verified_at = NULL WHERE lower(email) = 'bob@example.test'");
            statement.executeUpdate("UPDATE users SET email = 'bob@example.test', email_verified_at = now() WHERE login = '" + local + "'");
        }
        // What the password made before the link: an API token and a remembered browser sign-in.
        var tokenBefore = tokenRequest(local, TestData.PASSWORD);
        assertEquals(201, tokenBefore.statusCode(), tokenBefore.body());
        var before = TestUser.claiming(api, local, Json.createReader(new StringReader(tokenBefore.body())).readObject().getString("token"));
        var remembered = new HttpSession(base);
        assertEquals(302, Administrators.signIn(remembered, local, TestData.PASSWORD, true).status());
        assertEquals(1, count("SELECT count(*) FROM remember_tokens r JOIN users u ON u.id = r.user_id WHERE u.login = '" + local + "'"));
        // And a second factor of its own (TOTP, over REST).
        byte[] secret = enrolTotp(before);
        Administrators.setAdmin(local, true);
        try (var phone = new Browser("sso-phone", 390, 844)) {
            phone.driver.get(base + "login.xhtml");
            assertTrue(phone.inViewport("#sso"), "the button is on a phone's screen");
            Accessibility.assertAccessible(phone, "the login page with single sign-on on a phone");
            phone.screenshot("sso-login");

            // An administrator's account is never linked by its address: its password stays the way in.
            phone.click("#sso");
            phone.until(d -> !d.findElements(By.id("username")).isEmpty());
            phone.type("#username", "kc-bob");
            phone.type("#password", "bob-test-password");
            phone.click("#kc-login");
            phone.waitForText("#login\\:messages", "This address belongs to an administrator account here");
            assertTrue(phone.inViewport("#login\\:messages"), "the reason is on screen");
            phone.screenshot("sso-admin-not-linked");
            assertEquals(0, count("SELECT count(*) FROM linked_identities l JOIN users u ON u.id = l.user_id WHERE u.login = '" + local + "'"));
            Administrators.setAdmin(local, false);

            // Not an administrator: linked, but the account's second factor is still asked for (Keycloak's session holds).
            phone.click("#sso");
            phone.find("#secondStep\\:code");
            assertTrue(phone.driver.getCurrentUrl().contains("/login-second-step.xhtml"), phone.driver.getCurrentUrl());
            assertTrue(phone.inViewport("#secondStep\\:code"), "the code field is on screen");
            phone.screenshot("sso-second-step");
            phone.type("#secondStep\\:code", Totp.code(secret, Totp.currentStep() + 1));
            phone.click("#secondStep\\:submit");
            phone.find("#composer-text");
            phone.until(d -> d.findElement(By.id("banner")).getAttribute("hidden") != null);
            assertEquals(local, phone.driver.findElement(By.id("chat")).getAttribute("data-me"), "the existing account, linked");
            phone.screenshot("sso-linked");
            // Passwords are off for linked accounts: what the password made before the link has ended.
            assertEquals(401, before.get("api/v1/users/me").statusCode(), "the API token made with the password");
            assertEquals(302, remembered.get("app/home.xhtml").statusCode(), "the browser signed in with the password");
            assertEquals(0, count("SELECT count(*) FROM remember_tokens r JOIN users u ON u.id = r.user_id WHERE u.login = '" + local + "'"));
            assertEquals(1, count("SELECT count(*) FROM linked_identities l JOIN users u ON u.id = l.user_id WHERE u.login = '" + local + "'"));
            assertEquals(0, count("SELECT count(*) FROM users WHERE login = 'kc-bob'"), "no new account");

            // Passwords are off for linked accounts: the login page says so (only to whoever knows the password).
            phone.click("#more-toggle"); // a phone's page bar (signing out) is under More
            phone.click("#session\\:logout");
            phone.type("#login\\:username", local);
            phone.type("input#login\\:password", TestData.PASSWORD);
            phone.click("#login\\:submit");
            phone.waitForText("#login\\:messages", "This account signs in with Keycloak");
            assertTrue(phone.inViewport("#login\\:messages"), "the reason is on screen");
            phone.screenshot("sso-password-off");
        }
        // And so do API tokens; a wrong password is just wrong, and an account without a link keeps its password.
        Problems.assertProblem(403, "passwords-off", tokenRequest(local, TestData.PASSWORD), "the right password of a linked account");
        Problems.assertProblem(401, "invalid-credentials", tokenRequest(local, "not the password"), "a wrong password");
        assertEquals(201, tokenRequest(other, TestData.PASSWORD).statusCode(), "an account without a link signs in with its password");
        // An administrator keeps the password even when linked (the way in while the provider is down): it is
        // accepted, and the second factor is asked for next.
        Administrators.setAdmin(local, true);
        try {
            Problems.assertProblem(401, "second-factor-required", tokenRequest(local, TestData.PASSWORD), "a linked administrator's password");
        } finally {
            Administrators.setAdmin(local, false);
        }
    }

    @Test
    @Order(3)
    void aLoginThatExistsHereAndIsNotLinkedIsNotTakenOver() throws Exception {
        var registered = api.postJson("api/v1/accounts", Json.createObjectBuilder().add("login", "kc-carol")
                .add("displayName", "Carol Local").add("password", TestData.PASSWORD).build().toString());
        assertTrue(registered.statusCode() == 201 || registered.statusCode() == 409, registered.body());
        try (var browser = new Browser("sso-clash", 1280, 800)) {
            // A sign-in under way (at Keycloak's form), and a way back with another state: refused, nobody signed in.
            browser.driver.get(base + "login.xhtml");
            browser.click("#sso");
            browser.find("#username");
            browser.driver.get(base + "sso/callback.xhtml?code=forged&state=forged");
            browser.waitForText("#login\\:messages", "The sign-in took too long or was started in another window.");
            assertTrue(browser.driver.findElements(By.id("composer-text")).isEmpty(), "not signed in");

            browser.click("#sso");
            browser.find("#username");
            browser.type("#username", "kc-carol");
            browser.type("#password", "carol-test-password");
            browser.click("#kc-login");
            browser.waitForText("#login\\:messages", "An account named \"kc-carol\" already exists here and is not linked to Keycloak.");
            assertTrue(browser.inViewport("#login\\:messages"), "the reason is on screen");
            assertTrue(browser.driver.findElements(By.id("composer-text")).isEmpty(), "not signed in");
            browser.screenshot("sso-login-taken");
            assertEquals(0, count("SELECT count(*) FROM linked_identities l JOIN users u ON u.id = l.user_id WHERE u.login = 'kc-carol'"));

            // Starts are limited per client address like sign-ins (a burst of 20): then 429 and a message on the page.
            var crowd = LoopbackHttp.address(127, 0, 3, 1);
            LoopbackHttp.Answer answer = null;
            for (int i = 0; i < 40 && (answer == null || answer.status() != 429); i++) {
                answer = LoopbackHttp.get(crowd, base, "sso/start.xhtml", "Accept-Language", "en");
                assertTrue(answer.status() == 302 || answer.status() == 429, answer.status() + " " + answer.body());
            }
            assertEquals(429, answer.status(), "limited after the burst");
            assertTrue(answer.retryAfter() != null, "Retry-After");
            assertTrue(answer.body().contains("Too many sign-ins with Keycloak from your address"), answer.body());
        }
    }

    @Test
    @Order(4)
    void aProviderThatIsDownIsToldOnTheLoginPage() throws Exception {
        var stop = new ProcessBuilder("bash", "scripts/test-server.sh", "stop-keycloak").redirectErrorStream(true).start();
        String output = new String(stop.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(stop.waitFor(60, TimeUnit.SECONDS) && stop.exitValue() == 0, "Keycloak stopped: " + output);
        for (int[] size : new int[][] {{1280, 800}, {390, 844}}) {
            try (var browser = new Browser("sso-down-" + size[0], size[0], size[1])) {
                browser.driver.get(base + "login.xhtml");
                browser.click("#sso");
                browser.waitForText("#login\\:messages", "Keycloak cannot be reached right now.");
                assertTrue(browser.inViewport("#login\\:messages") && browser.inViewport("#sso"), "the reason and the button are on screen");
                String page = browser.driver.findElement(By.tagName("body")).getText();
                assertFalse(page.contains("Exception") || page.contains("at org."), "no stack trace: " + page);
                browser.screenshot("sso-provider-down");
                if (size[0] > 500) {
                    Accessibility.assertAccessible(browser, "the login page telling that the provider is down");
                }
            }
        }
        // The way in meanwhile: an account without a link (a local administrator) still signs in with its password.
        assertEquals(201, tokenRequest(Accounts.register(api, "local", "Local Admin"), TestData.PASSWORD).statusCode());
    }

    /** At Keycloak's login form (when it asks: its own session may still hold), then back in the chat. */
    private void signInAtKeycloak(Browser browser, String user, String password, boolean formExpected) {
        browser.until(d -> !d.findElements(By.id("composer-text")).isEmpty() || !d.findElements(By.id("username")).isEmpty());
        if (!browser.driver.findElements(By.id("username")).isEmpty()) {
            assertTrue(browser.driver.getCurrentUrl().startsWith(ISSUER + "/protocol/openid-connect/auth"), browser.driver.getCurrentUrl());
            assertTrue(browser.driver.getCurrentUrl().contains("code_challenge_method=S256"), "PKCE");
            if (formExpected) {
                try {
                    browser.screenshot("sso-keycloak-form");
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
            browser.type("#username", user);
            browser.type("#password", password);
            browser.click("#kc-login");
        } else {
            assertFalse(formExpected, "Keycloak asked for no password the first time");
        }
        browser.find("#composer-text");
        browser.until(d -> d.findElement(By.id("banner")).getAttribute("hidden") != null);
    }

    /** Turns TOTP on over REST (as TwoFactorIT does); the secret. */
    private static byte[] enrolTotp(TestUser user) {
        var started = user.post("api/v1/users/me/two-factor/totp", "{}");
        assertEquals(201, started.statusCode(), started.body());
        byte[] secret = Base32.decode(Json.createReader(new StringReader(started.body())).readObject().getString("secret"));
        var confirmed = user.post("api/v1/users/me/two-factor/totp/confirmation",
                "{\"code\":\"" + Totp.code(secret, Totp.currentStep()) + "\"}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        return secret;
    }

    private static void twoFactorPolicy(String mode) throws Exception {
        try (var db = TestDatabase.connect(); var statement = db.prepareStatement("""
                INSERT INTO server_settings (name, value, changed_at) VALUES ('two-factor', ?, now())
                ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, changed_at = now()""")) {
            statement.setString(1, mode);
            statement.executeUpdate();
        }
    }

    private HttpResponse<String> tokenRequest(String login, String password) {
        return api.postJson("api/v1/tokens", Json.createObjectBuilder().add("login", login).add("password", password).build().toString());
    }

    private static long count(String sql) throws Exception {
        try (var db = TestDatabase.connect(); var statement = db.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
