package org.jointchat.email;

import static org.jointchat.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.Await;
import org.jointchat.support.FacesForm;
import org.jointchat.support.HttpSession;
import org.jointchat.support.LoopbackHttp;
import org.jointchat.support.Mailbox;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * E-mail addresses and password reset by e-mail (issue 23, mail), against a real SMTP server (GreenMail,
 * support/Mailbox): an address is used only once its link is followed, once; an expired, used or replaced link is
 * refused; a change is verified again and announced to the old address; another account's address is refused. A reset
 * answers alike (body and time) for known, unknown and unverified; its link goes only to the verified address,
 * works once, expires, and ends the account's sessions, tokens, remembered sign-ins and sockets; limits per address
 * (429) and per account (silent).
 */
class EmailAndPasswordResetIT extends AgainstTheServer {

    private static final String NEW_PASSWORD = "a brand new secret 7";

    @BeforeAll
    static void startTheMailbox() {
        Mailbox.start();
    }

    private static String addressOf(String login, String tag) {
        return login + "." + tag + "@example.test";
    }

    /** The secret of an e-mail link (its token parameter). */
    private static String secretOf(String link) {
        return URLDecoder.decode(link.substring(link.indexOf("token=") + 6), StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> putEmail(TestUser user, String email, String... headers) {
        var json = Json.createObjectBuilder().add("email", email).build().toString();
        String[] all = new String[headers.length + 4];
        all[0] = "Authorization";
        all[1] = user.bearer();
        all[2] = "Content-Type";
        all[3] = "application/json";
        System.arraycopy(headers, 0, all, 4, headers.length);
        return user.api().send(user.api().request("api/v1/users/me/email", all).PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Sets and verifies an address over the API; returns it. */
    private String verifiedAddress(TestUser user, String tag) throws Exception {
        String address = addressOf(user.login(), tag);
        assertEquals(202, putEmail(user, address).statusCode());
        String link = Mailbox.next(address).link("/verify-email.xhtml?token=");
        assertEquals(200, api.postJson("api/v1/email-verifications/" + secretOf(link), "").statusCode());
        return address;
    }

    private static void expireLinksOf(String table, String login) throws SQLException {
        try (var db = TestDatabase.connect(); var update = db.prepareStatement(
                "UPDATE " + table + " SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE login = ?)")) {
            update.setString(1, login);
            assertTrue(update.executeUpdate() > 0);
        }
    }

    private static long auditEntries(String action, String login) throws SQLException {
        try (var db = TestDatabase.connect(); var query = db.prepareStatement("SELECT count(*) FROM audit_log WHERE action = ? AND target = ?")) {
            query.setString(1, action);
            query.setString(2, login);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void anAddressIsUsedOnlyOnceItsLinkIsFollowedAndAChangeIsVerifiedAgainAndAnnounced() throws Exception {
        var ann = TestUser.register(api, "mailann", "Ann Mail");
        var state = HttpSession.json(ann.get("api/v1/users/me/email"));
        assertTrue(!state.containsKey("email") && !state.containsKey("pending") && state.getBoolean("mailEnabled"), state.toString());

        // Bean Validation: a sane syntax, at most 254 characters; nothing is sent.
        assertProblem(400, "validation", putEmail(ann, "not an address"), "no @");
        assertProblem(400, "validation", putEmail(ann, "a@" + "b".repeat(250) + ".test"), "longer than 254");

        // Set: 202, pending, a verification mail with correct headers in both forms.
        String first = addressOf(ann.login(), "first");
        var put = putEmail(ann, first);
        assertEquals(202, put.statusCode(), put.body());
        assertEquals(first, HttpSession.json(put).getString("pending"));
        assertFalse(HttpSession.json(put).containsKey("email"), "not used before it is verified");
        var mail = Mailbox.next(first);
        assertEquals("Confirm your e-mail address for JointChat", mail.subject());
        assertEquals("noreply@jointchat.test", mail.from());
        assertEquals("auto-generated", mail.header("Auto-Submitted"));
        assertEquals("en", mail.header("Content-Language"));
        assertTrue(mail.header("Message-ID").matches("<[0-9a-f]{32}@jointchat\\.test>"), mail.header("Message-ID"));
        assertNotNull(mail.header("Date"));
        assertTrue(mail.contentType().startsWith("multipart/alternative"), mail.contentType());
        assertTrue(mail.text().contains("Ann Mail (login " + ann.login() + ")"), mail.text());
        String link = mail.link("/verify-email.xhtml?token=");
        assertTrue(mail.html().contains("href=\"" + link.replace("&", "&amp;") + "\""), mail.html());
        assertFalse(mail.html().contains("<img") || mail.html().contains("<link") || mail.html().contains("<script"), "no external resources");

        // The link works once.
        assertEquals("verified", HttpSession.json(api.postJson("api/v1/email-verifications/" + secretOf(link), "")).getString("outcome"));
        assertProblem(410, "link-used", api.postJson("api/v1/email-verifications/" + secretOf(link), ""), "a used link");
        assertEquals(first, HttpSession.json(ann.get("api/v1/users/me/email")).getString("email"));
        assertEquals(1, auditEntries("user.email-changed", ann.login()));

        // Another account cannot use it (whatever the case), and the answer does not tell it that an account has it:
        // the same 202 as for any address, while the address's owner is told that someone tried.
        var bob = TestUser.register(api, "mailbob", "Bob Mail");
        var taken = putEmail(bob, first.toUpperCase());
        assertEquals(202, taken.statusCode(), taken.body());
        assertEquals(first.toUpperCase(), HttpSession.json(taken).getString("pending"));
        var tried = Mailbox.next(first);
        assertEquals("Someone tried to add this address to JointChat", tried.subject());
        assertFalse(tried.text().contains("token=") || tried.text().contains(bob.login()), "no link, no name: " + tried.text());
        Mailbox.assertNone(first, Duration.ofSeconds(1));
        assertEquals(first, HttpSession.json(ann.get("api/v1/users/me/email")).getString("email"), "ann keeps it");

        // A change: verified again (on the page, with a confirmation button), then announced to the old address.
        String second = addressOf(ann.login(), "second");
        assertEquals(202, putEmail(ann, second).statusCode());
        assertEquals(first, HttpSession.json(ann.get("api/v1/users/me/email")).getString("email"), "the old one stays until then");
        String changeLink = Mailbox.next(second).link("/verify-email.xhtml?token=");
        var visitor = new HttpSession(base);
        var page = visitor.get(changeLink.substring(changeLink.indexOf("verify-email.xhtml")));
        assertTrue(page.body().contains("Use " + second + " as the e-mail address"), "the page names the address before confirming");
        var confirmed = FacesForm.of(page.body(), "verify").press(visitor, "verify:confirm");
        assertEquals("Your e-mail address is verified. Password reset links go to it from now on.",
                confirmed.page().getElementById("verify-result").text());
        assertEquals(second, HttpSession.json(ann.get("api/v1/users/me/email")).getString("email"));
        var notice = Mailbox.next(first);
        assertEquals("Your JointChat e-mail address was changed", notice.subject());
        assertTrue(notice.text().contains(ann.login()) && notice.text().contains(second) && notice.text().contains("If this was not you"),
                notice.text());
        assertEquals("This verification link was used already.",
                org.jsoup.Jsoup.parse(visitor.get(changeLink.substring(changeLink.indexOf("verify-email.xhtml"))).body())
                        .getElementById("verify-result").text());

        // In Russian when asked so; an expired link and one replaced by a newer link are refused.
        String third = addressOf(ann.login(), "third");
        assertEquals(202, putEmail(ann, third, "Accept-Language", "ru").statusCode());
        var russian = Mailbox.next(third);
        assertEquals("Подтвердите адрес почты для JointChat", russian.subject());
        assertEquals("ru", russian.header("Content-Language"));
        String replaced = secretOf(russian.link("/verify-email.xhtml?token="));
        assertEquals(202, ann.post("api/v1/users/me/email/resend", "").statusCode());
        String newer = secretOf(Mailbox.next(third).link("/verify-email.xhtml?token="));
        assertProblem(404, "link-invalid", api.postJson("api/v1/email-verifications/" + replaced, ""), "a replaced link");
        expireLinksOf("email_verifications", ann.login());
        assertProblem(410, "link-expired", api.postJson("api/v1/email-verifications/" + newer, ""), "an expired link");
        assertEquals("This verification link has expired. Open your profile to send a new one.",
                org.jsoup.Jsoup.parse(visitor.get("verify-email.xhtml?token=" + newer).body()).getElementById("verify-result").text());
        assertEquals(second, HttpSession.json(ann.get("api/v1/users/me/email")).getString("email"));

        // The profile page sets an address too: post, redirect to the section, the pending address shown.
        var signedIn = new HttpSession(base);
        assertEquals(302, FacesForm.of(signedIn.get("login.xhtml").body(), "login").set("login:username", ann.login())
                .set("login:password", TestData.PASSWORD).press(signedIn, "login:submit").status());
        String fourth = addressOf(ann.login(), "fourth");
        var saved = FacesForm.of(signedIn.get("app/profile.xhtml").body(), "email").set("email:address", fourth)
                .press(signedIn, "email:saveEmail");
        assertEquals(302, saved.status(), saved.page().text());
        assertTrue(saved.response().headers().firstValue("Location").orElse("").endsWith("/app/profile.xhtml#email"));
        var profile = org.jsoup.Jsoup.parse(signedIn.get("app/profile.xhtml").body());
        assertEquals("Waiting for verification: a link was sent to " + fourth + ". Follow it to start using the address.",
                profile.select("#email-pending p").text());
        Mailbox.next(fourth);

        // Removed: gone, and the removed address is told.
        assertEquals(204, ann.delete("api/v1/users/me/email").statusCode());
        assertFalse(HttpSession.json(ann.get("api/v1/users/me/email")).containsKey("email"));
        assertTrue(Mailbox.next(second).text().contains("was removed"));

        // Five verification mails this hour (first, second, third, its resend, fourth; replaced links count too):
        // the sixth is refused and sends nothing.
        String sixth = addressOf(ann.login(), "sixth");
        var limited = putEmail(ann, sixth);
        assertEquals(429, limited.statusCode(), limited.body());
        assertTrue(limited.body().contains("too-many-requests") && limited.headers().firstValue("Retry-After").isPresent(), limited.body());
        Mailbox.assertNone(sixth, Duration.ofSeconds(1));
    }

    @Test
    void aResetAnswersAlikeGoesOnlyToTheVerifiedAddressWorksOnceAndEndsEverySessionTokenAndSocket() throws Exception {
        var carol = TestUser.register(api, "resetcarol", "Carol Reset");
        String carolAddress = verifiedAddress(carol, "main");
        var dave = TestUser.register(api, "resetdave", "Dave Unverified");
        String daveAddress = addressOf(dave.login(), "pending");
        assertEquals(202, putEmail(dave, daveAddress).statusCode());
        Mailbox.next(daveAddress); // the verification mail, never followed

        // The same answer for a known login, a known address (any case), unknown ones, and an unverified account.
        var byLogin = api.postJson("api/v1/password-resets", "{\"login\":\"" + carol.login().toUpperCase() + "\"}");
        assertEquals(202, byLogin.statusCode(), byLogin.body());
        String firstLink = Mailbox.next(carolAddress).link("/reset-password.xhtml?token=");
        for (String body : List.of("{\"email\":\"" + carolAddress.toUpperCase() + "\"}", "{\"login\":\"nobody-" + carol.login() + "\"}",
                "{\"email\":\"nobody@example.test\"}", "{\"login\":\"" + dave.login() + "\"}", "{\"email\":\"" + daveAddress + "\"}", "{}")) {
            var answer = api.postJson("api/v1/password-resets", body);
            assertEquals(202, answer.statusCode(), body);
            assertEquals(byLogin.body(), answer.body(), "the same body for " + body);
        }
        var mail = Mailbox.next(carolAddress);
        assertEquals("Reset your JointChat password", mail.subject());
        assertTrue(mail.text().contains("30 minutes"), mail.text());
        Mailbox.assertNone(daveAddress, Duration.ofSeconds(1));
        Mailbox.assertNone("nobody@example.test", Duration.ofSeconds(1));

        // Only the newest link works: the first one ended when the second was issued.
        assertProblem(410, "link-used", api.postJson("api/v1/password-resets/" + secretOf(firstLink),
                "{\"newPassword\":\"" + NEW_PASSWORD + "\"}"), "a link older than the newest");

        // A change of the address ends the open reset links too; the new address waits (until the reset, below).
        String carolPending = addressOf(carol.login(), "pending");
        assertEquals(202, putEmail(carol, carolPending).statusCode());
        String pendingSecret = secretOf(Mailbox.next(carolPending).link("/verify-email.xhtml?token="));
        assertProblem(410, "link-used", api.postJson("api/v1/password-resets/" + secretOf(mail.link("token=")),
                "{\"newPassword\":\"" + NEW_PASSWORD + "\"}"), "a link sent before the address change");

        // The third link of the hour is carol's last: the account limit answers alike and sends nothing more.
        assertEquals(202, api.postJson("api/v1/password-resets", "{\"login\":\"" + carol.login() + "\"}").statusCode());
        String resetLink = Mailbox.next(carolAddress).link("/reset-password.xhtml?token=");
        assertEquals(202, api.postJson("api/v1/password-resets", "{\"login\":\"" + carol.login() + "\"}").statusCode());
        Mailbox.assertNone(carolAddress, Duration.ofSeconds(1));

        // Similar time for known accounts (fresh ones, under their limit, each getting a link) and unknown logins:
        // the answer leaves after the per-address limit; the look-up and the mail happen afterwards.
        var known = new ArrayList<Long>();
        var unknown = new ArrayList<Long>();
        var fresh = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            var user = TestUser.register(api, "resettime" + i, "Timed Reset " + i);
            setVerifiedAddress(user.login(), addressOf(user.login(), "main"));
            fresh.add(user.login());
        }
        timed("{\"login\":\"nobody-warm-" + carol.login() + "\"}"); // warm-up
        for (int i = 0; i < 5; i++) {
            known.add(timed("{\"login\":\"" + fresh.get(i) + "\"}"));
            unknown.add(timed("{\"login\":\"nobody" + i + "-" + carol.login() + "\"}"));
        }
        long knownMedian = median(known);
        long unknownMedian = median(unknown);
        assertTrue(Math.abs(knownMedian - unknownMedian) < 30, "known " + known + " ms, unknown " + unknown + " ms");
        for (String login : fresh) {
            assertEquals("Reset your JointChat password", Mailbox.next(addressOf(login, "main")).subject(), "each known one got its link");
        }

        // Per client address: the sixth request within 15 minutes is refused with a 429 (it says nothing of an account).
        var proxy = LoopbackHttp.address(127, 0, 0, 9);
        String client = "198.51.100." + (10 + (int) (Math.random() * 200));
        for (int i = 0; i < 5; i++) {
            assertEquals(202, LoopbackHttp.request(proxy, base, "POST", "api/v1/password-resets", "application/json",
                    "{\"login\":\"nobody-" + i + "\"}", "X-Forwarded-For", client).status());
        }
        var limited = LoopbackHttp.request(proxy, base, "POST", "api/v1/password-resets", "application/json",
                "{\"login\":\"nobody\"}", "X-Forwarded-For", client);
        assertEquals(429, limited.status(), limited.body());
        assertTrue(limited.body().contains("too-many-requests") && limited.retryAfter() != null, limited.body());

        // What is open before the reset: a browser session remembered by a cookie, an API token, a socket.
        var browser = new HttpSession(base);
        var signedIn = FacesForm.of(browser.get("login.xhtml").body(), "login").set("login:username", carol.login())
                .set("login:password", TestData.PASSWORD).set("login:rememberMe_input", "on").press(browser, "login:submit");
        assertEquals(302, signedIn.status());
        String remembered = browser.cookie("JREMEMBERMEID");
        assertNotNull(remembered);
        assertEquals(200, browser.get("app/home.xhtml").statusCode());
        try (var socket = carol.connect()) {
            // The page checks the link first; a password the rules refuse leaves the link usable.
            var resetPage = new HttpSession(base);
            String path = resetLink.substring(resetLink.indexOf("reset-password.xhtml"));
            var form = resetPage.get(path);
            assertTrue(form.body().contains("Choose a new password"), form.body());
            var tooShort = FacesForm.of(form.body(), "reset").set("reset:newPassword", "short").set("reset:repeat", "short")
                    .press(resetPage, "reset:save");
            assertTrue(tooShort.page().text().contains("A password has at least 8 characters."), tooShort.page().text());
            assertProblem(400, "validation", api.postJson("api/v1/password-resets/" + secretOf(resetLink),
                    "{\"newPassword\":\"short\"}"), "the password rules of registration");

            // The link sets the password once; every session, token, remembered sign-in and socket ends.
            assertEquals(204, api.postJson("api/v1/password-resets/" + secretOf(resetLink),
                    "{\"newPassword\":\"" + NEW_PASSWORD + "\"}").statusCode());
            assertTrue(socket.awaitClosed() >= 1000, "the open socket closes");
        }
        assertEquals(401, carol.get("api/v1/users/me").statusCode(), "the API token ended");
        assertEquals(302, browser.get("app/home.xhtml").statusCode(), "the browser session ended");
        assertEquals(302, new HttpSession(base).get("app/home.xhtml", "Cookie", "JREMEMBERMEID=" + remembered).statusCode(),
                "the remembered sign-in ended");
        assertProblem(410, "link-used", api.postJson("api/v1/password-resets/" + secretOf(resetLink),
                "{\"newPassword\":\"another new secret 8\"}"), "a used link");
        // The address pending before the reset no longer waits: its link is void, the verified address stays.
        assertProblem(404, "link-invalid", api.postJson("api/v1/email-verifications/" + pendingSecret, ""),
                "an address pending before the password reset");
        assertEquals(401, api.postJson("api/v1/tokens", "{\"login\":\"" + carol.login() + "\",\"password\":\"" + TestData.PASSWORD + "\"}").statusCode());
        assertEquals(201, api.postJson("api/v1/tokens", "{\"login\":\"" + carol.login() + "\",\"password\":\"" + NEW_PASSWORD + "\"}").statusCode());
        assertEquals(1, auditEntries("user.password-reset", carol.login()));

        // An expired link is refused, on the page and over the API.
        var erin = TestUser.register(api, "reseterin", "Erin Expired");
        String erinAddress = verifiedAddress(erin, "main");
        // Asked with a forged Host header: the link still points at jointchat.public-url (the test server), never at
        // the host the request named.
        assertEquals(202, postWithHost("evil.example.test", "api/v1/password-resets", "{\"email\":\"" + erinAddress + "\"}"));
        String erinLink = Mailbox.next(erinAddress).link("/reset-password.xhtml?token=");
        String publicUrl = System.getenv().getOrDefault("JOINTCHAT_PUBLIC_URL", base.toString()).replaceAll("/$", "");
        assertEquals(URI.create(publicUrl).getHost(), URI.create(erinLink).getHost(), erinLink);
        assertTrue(erinLink.startsWith(publicUrl + "/reset-password.xhtml?token="), erinLink);
        assertFalse(erinLink.contains("evil"), erinLink);
        expireLinksOf("password_resets", erin.login());
        assertEquals("This link has expired. Ask for a new one.", org.jsoup.Jsoup.parse(new HttpSession(base)
                .get(erinLink.substring(erinLink.indexOf("reset-password.xhtml"))).body()).getElementById("reset-problem").text());
        assertProblem(410, "link-expired", api.postJson("api/v1/password-resets/" + secretOf(erinLink),
                "{\"newPassword\":\"" + NEW_PASSWORD + "\"}"), "an expired link");
        assertProblem(410, "link-expired", api.postJson("api/v1/password-resets/complete", Json.createObjectBuilder()
                .add("token", secretOf(erinLink)).add("newPassword", NEW_PASSWORD).build().toString()), "the secret in the body");
        assertEquals(200, erin.get("api/v1/users/me").statusCode(), "nothing changed");
    }

    /**
     * Reset links go to the verified address: a session restored from a remember-me cookie (no recent sign-in) cannot
     * change or remove it without the password, so a stolen session alone cannot take the account over.
     */
    @Test
    void changingOrRemovingTheAddressNeedsARecentSignInOrThePassword() throws Exception {
        var kim = TestUser.register(api, "mailkim", "Kim Proof");
        String kept = addressOf(kim.login(), "kept");
        setVerifiedAddress(kim.login(), kept);
        var remembered = new HttpSession(base);
        assertEquals(302, org.jointchat.support.Administrators.signIn(remembered, kim.login(), TestData.PASSWORD, true).status());
        String cookie = "JREMEMBERMEID=" + remembered.cookie("JREMEMBERMEID");
        var restored = new HttpSession(base);
        assertEquals(200, restored.get("api/v1/users/me", "Cookie", cookie).statusCode(), "signed in by the cookie");
        String own = base.getScheme() + "://" + base.getAuthority();
        String thief = addressOf(kim.login(), "thief");

        assertProblem(403, "reauthentication-required", putAs(restored, "{\"email\":\"" + thief + "\"}", own),
                "a session restored from a cookie is no recent sign-in");
        assertProblem(403, "reauthentication-required",
                putAs(restored, "{\"email\":\"" + thief + "\",\"password\":\"not the password 1\"}", own), "a wrong password");
        assertProblem(403, "reauthentication-required", restored.delete("api/v1/users/me/email", "Origin", own),
                "removing it alike");
        Mailbox.assertNone(thief, Duration.ofSeconds(1));
        var unchanged = HttpSession.json(kim.get("api/v1/users/me/email"));
        assertEquals(kept, unchanged.getString("email"));
        assertFalse(unchanged.containsKey("pending"), "nothing pending: " + unchanged);

        var proven = putAs(restored, "{\"email\":\"" + thief + "\",\"password\":\"" + TestData.PASSWORD + "\"}", own);
        assertEquals(202, proven.statusCode(), "the password proves the owner: " + proven.body());
        assertNotNull(Mailbox.next(thief).link("/verify-email.xhtml?token="));

        // One address gets at most 3 such mails a day, whoever asks; past that the same answer, and nothing is sent.
        for (int i = 0; i < 2; i++) {
            assertEquals(202, putEmail(kim, thief).statusCode());
            assertNotNull(Mailbox.next(thief));
        }
        var fourth = putEmail(kim, thief);
        assertEquals(202, fourth.statusCode(), fourth.body());
        assertEquals(thief, HttpSession.json(fourth).getString("pending"), "the same answer");
        Mailbox.assertNone(thief, Duration.ofSeconds(1));
    }

    private static HttpResponse<String> putAs(HttpSession session, String json, String origin) {
        return session.send(session.request("api/v1/users/me/email", "Origin", origin, "Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void aMailInTheOutboxStaysUntilTheSmtpServerTookItAndAFailedOneWaitsForItsNextAttempt() throws Exception {
        // Two mails left in the outbox (as a digest written while the SMTP server was down, or before a restart):
        // one deliverable, one the SMTP conversation refuses (a malformed recipient).
        String good = "outbox" + System.nanoTime() + "@example.test";
        String bad = "not an address " + System.nanoTime();
        long goodId = outboxRow(good);
        long badId = outboxRow(bad);
        // Any mail that reaches the SMTP server sends what waits, right away (else the poll, every 30 s).
        var fay = TestUser.register(api, "outboxfay", "Fay Outbox");
        setVerifiedAddress(fay.login(), addressOf(fay.login(), "main"));
        assertEquals(202, api.postJson("api/v1/password-resets", "{\"login\":\"" + fay.login() + "\"}").statusCode());
        Mailbox.next(addressOf(fay.login(), "main"));
        var delivered = Mailbox.next(good);
        assertEquals("Left in the outbox", delivered.subject());
        assertEquals("<https://chat.example.test/u>", delivered.header("List-Unsubscribe"));
        Await.until(Duration.ofSeconds(10), "the delivered row is deleted, the failed one moved to a later attempt",
                () -> outboxState(goodId) == null && outboxState(badId) != null && outboxState(badId).startsWith("1 true"));
        try (var db = TestDatabase.connect(); var delete = db.prepareStatement("DELETE FROM mail_outbox WHERE id = ?")) {
            delete.setLong(1, badId); // not retried for two days in the shared test domain
            delete.executeUpdate();
        }
    }

    private static long outboxRow(String to) throws SQLException {
        try (var db = TestDatabase.connect(); var insert = db.prepareStatement("""
                INSERT INTO mail_outbox (recipient, language, subject, text_body, html_body, headers)
                VALUES (?, 'en', 'Left in the outbox', 'Sent after all.', NULL, 'List-Unsubscribe: <https://chat.example.test/u>
                ') RETURNING id""")) {
            insert.setString(1, to);
            try (var rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** "attempts nextAttemptLater lastErrorPresent" of an outbox row; null when it is gone. */
    private static String outboxState(long id) throws SQLException {
        try (var db = TestDatabase.connect(); var query = db.prepareStatement(
                "SELECT attempts, next_attempt_at > now(), last_error IS NOT NULL FROM mail_outbox WHERE id = ?")) {
            query.setLong(1, id);
            try (var rows = query.executeQuery()) {
                return rows.next() ? rows.getInt(1) + " " + rows.getBoolean(2) + " " + rows.getBoolean(3) : null;
            }
        }
    }

    private static void setVerifiedAddress(String login, String address) throws SQLException {
        try (var db = TestDatabase.connect(); var update = db.prepareStatement(
                "UPDATE users SET email = ?, email_verified_at = now() WHERE login = ?")) {
            update.setString(1, address);
            update.setString(2, login);
            assertEquals(1, update.executeUpdate());
        }
    }

    /** A JSON POST written by hand, with the Host header given (HttpClient does not let a caller set it); the status. */
    private int postWithHost(String host, String path, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        int port = base.getPort() < 0 ? 80 : base.getPort();
        try (var socket = new Socket(base.getHost(), port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("POST " + base.getPath() + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private long timed(String body) {
        long started = System.nanoTime();
        assertEquals(202, api.postJson("api/v1/password-resets", body).statusCode());
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static long median(List<Long> values) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
