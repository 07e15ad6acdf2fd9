package org.jointchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.http.HttpRequest;
import org.jointchat.support.Accounts;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.FacesForm;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * "Keep me signed in": the browser stays signed in when its session is gone (as after a server restart,
 * which drops every session), until it logs out, the password changes or the sign-in expires.
 */
class RememberMeIT extends AgainstTheServer {

    private static final String COOKIE = "JREMEMBERMEID";

    /** Signs in on the login page; returns the browser (its cookie jar holds what the server set). */
    HttpSession signIn(String login, boolean remember) {
        var browser = new HttpSession(base);
        var form = FacesForm.of(browser.get("login.xhtml").body(), "login")
                .set("login:username", login).set("login:password", TestData.PASSWORD);
        if (remember) {
            form.set("login:rememberMe_input", "on");
        }
        var signedIn = form.press(browser, "login:submit");
        assertEquals(302, signedIn.status(), signedIn.page().text());
        return browser;
    }

    /** A browser that kept only the remember cookie (its session ended with the server) opens the chat. */
    int openChatWithOnly(String remembered) {
        var later = new HttpSession(base);
        return later.get("app/home.xhtml", "Cookie", COOKIE + "=" + remembered).statusCode();
    }

    @Test
    void aRememberedSignInOutlivesTheSessionUntilLogoutPasswordChangeOrExpiry() throws Exception {
        String login = Accounts.register(api, "remember", "Remy Member");

        assertNull(signIn(login, false).cookie(COOKIE), "nothing remembered unless asked");

        // Asked for: an HttpOnly, SameSite cookie that signs a session-less browser in again.
        var browser = signIn(login, true);
        String remembered = browser.cookie(COOKIE);
        assertNotNull(remembered);
        var setCookie = new HttpSession(base);
        var page = FacesForm.of(setCookie.get("login.xhtml").body(), "login").set("login:username", login)
                .set("login:password", TestData.PASSWORD).set("login:rememberMe_input", "on").press(setCookie, "login:submit");
        String header = page.response().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(COOKIE + "="))
                .findFirst().orElseThrow();
        assertTrue(header.contains("HttpOnly") && header.contains("SameSite=Lax") && header.contains("Max-Age="), header);

        var later = new HttpSession(base);
        var home = later.get("app/home.xhtml", "Cookie", COOKIE + "=" + remembered);
        assertEquals(200, home.statusCode(), "signed in again from the cookie");
        assertTrue(home.body().contains("Remy Member"));
        assertNotNull(later.cookie("JSESSIONID"), "with a new session, so the cookie is checked once");
        assertEquals(200, later.get("api/v1/users/me").statusCode());

        // Logging out ends this remembered sign-in.
        var loggedOut = FacesForm.of(browser.get("app/home.xhtml").body(), "session").press(browser, "session:logout");
        assertEquals(302, loggedOut.status());
        assertEquals(302, openChatWithOnly(remembered), "ended by logout");

        // A new password ends every remembered sign-in of the user.
        String second = signIn(login, true).cookie(COOKIE);
        assertEquals(200, openChatWithOnly(second));
        String token = Accounts.token(api, login);
        var changed = api.send(api.request("api/v1/users/me/password", "Authorization", "Bearer " + token,
                "Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                .add("currentPassword", TestData.PASSWORD).add("newPassword", TestData.PASSWORD + "-2").build().toString())));
        assertEquals(204, changed.statusCode(), changed.body());
        assertEquals(302, openChatWithOnly(second), "ended by the password change");

        // And it expires.
        var third = new HttpSession(base);
        var form = FacesForm.of(third.get("login.xhtml").body(), "login").set("login:username", login)
                .set("login:password", TestData.PASSWORD + "-2").set("login:rememberMe_input", "on").press(third, "login:submit");
        assertEquals(302, form.status());
        String expiring = third.cookie(COOKIE);
        try (var db = TestDatabase.connect(); var expire = db.prepareStatement(
                "UPDATE remember_tokens SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE login = ?)")) {
            expire.setString(1, login);
            assertEquals(1, expire.executeUpdate());
        }
        assertEquals(302, openChatWithOnly(expiring), "ended by its expiry");
    }
}
