package org.jointchat.admin;

import static org.jointchat.admin.AdministrationIT.assertProblem;
import static org.jointchat.support.Administrators.administrator;
import static org.jointchat.support.Administrators.delete;
import static org.jointchat.support.Administrators.get;
import static org.jointchat.support.Administrators.post;
import static org.jointchat.support.Administrators.put;
import static org.jointchat.support.Administrators.registrationMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import org.jointchat.support.TestUser;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.FacesForm;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who may register, as an administrator sets it: closed (nobody, on the API and the page), invite-only (with an
 * invite link an administrator created, until it expires, is used up or revoked) and open again.
 */
class RegistrationModesIT extends AgainstTheServer {

    private TestUser admin;

    @AfterEach
    void openAgain() {
        // The mode is the whole server's: every other test registers freely.
        if (admin != null) {
            registrationMode(api, admin, "open");
        }
    }

    HttpResponse<String> register(String login, String invite) {
        var body = Json.createObjectBuilder().add("login", login).add("displayName", "Newcomer").add("password", TestData.PASSWORD);
        if (invite != null) {
            body.add("invite", invite);
        }
        return api.postJson("api/v1/accounts", body.build().toString(), "Accept-Language", "en");
    }

    JsonObject invite(int hours, int uses) {
        var created = post(api, admin, "invites", Json.createObjectBuilder().add("expiresInHours", hours).add("maxUses", uses).build());
        assertEquals(201, created.statusCode(), created.body());
        return HttpSession.json(created);
    }

    /** The register page of a link, filled in and submitted as a browser without JavaScript would. */
    FacesForm.HttpSessionResponse registerOnThePage(HttpSession browser, String pagePath, String login) {
        var page = browser.get(pagePath, "Accept-Language", "en");
        assertEquals(200, page.statusCode());
        return FacesForm.of(page.body(), "register").set("register:login", login).set("register:displayName", "Page Newcomer")
                .set("register:password", TestData.PASSWORD).set("register:passwordRepeat", TestData.PASSWORD)
                .press(browser, "register:submit");
    }

    @Test
    void closedRegistrationRefusesEveryoneOnTheApiAndThePage() throws Exception {
        admin = administrator(api, "admclosed", "Admin Closed");
        var before = new HttpSession(base);
        var openPage = before.get("register.xhtml", "Accept-Language", "en");
        assertNotNull(org.jsoup.Jsoup.parse(openPage.body()).getElementById("register"), "open: the form");

        var changed = put(api, admin, "registration", Json.createObjectBuilder().add("mode", "closed").build());
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals("closed", HttpSession.json(changed).getString("mode"));
        assertEquals("closed", HttpSession.json(get(api, admin, "registration")).getString("mode"));

        String login = TestData.uniqueLogin("closed");
        var refused = register(login, null);
        assertProblem(refused, 403, "registration-closed");
        assertEquals("Registration is closed on this server. Ask an administrator for an account.",
                HttpSession.json(refused).getString("detail"));
        assertProblem(register(login, "some-invite"), 403, "registration-closed");

        // The page says so and has no form; the login page no longer offers registration. A form posted anyway is refused.
        var page = org.jsoup.Jsoup.parse(new HttpSession(base).get("register.xhtml", "Accept-Language", "en").body());
        assertNull(page.getElementById("register"), "no form");
        assertTrue(page.getElementById("registration-refused").text().contains("Registration is closed on this server."));
        assertFalse(new HttpSession(base).get("login.xhtml", "Accept-Language", "en").body().contains("register.xhtml"));
        var stale = FacesForm.of(openPage.body(), "register").set("register:login", login).set("register:displayName", "Stale")
                .set("register:password", TestData.PASSWORD).set("register:passwordRepeat", TestData.PASSWORD)
                .press(before, "register:submit");
        assertTrue(stale.status() != 302 || !before.redirectPath(stale.response()).startsWith("/app/home"), "not registered");
        try (var db = TestDatabase.connect(); var count = db.prepareStatement("SELECT count(*) FROM users WHERE login = ?")) {
            count.setString(1, login);
            try (var rows = count.executeQuery()) {
                rows.next();
                assertEquals(0, rows.getInt(1), "no account was made");
            }
        }

        // An unknown mode is refused; the change is audited.
        assertProblem(put(api, admin, "registration", Json.createObjectBuilder().add("mode", "sometimes").build()), 400, "validation");
        var audit = HttpSession.json(get(api, admin, "audit?limit=50")).getJsonArray("entries").getValuesAs(JsonObject.class);
        assertTrue(audit.stream().anyMatch(e -> "registration.mode".equals(e.getString("action"))
                && admin.login().equals(e.getString("actor", null)) && e.getString("details").endsWith("closed")), audit.toString());

        // Open again: everyone registers.
        registrationMode(api, admin, "open");
        assertEquals(201, register(login, null).statusCode());
        assertTrue(new HttpSession(base).get("login.xhtml", "Accept-Language", "en").body().contains("register.xhtml"));
    }

    @Test
    void inviteOnlyRegistersHoldersOfAUsableInviteOnly() throws Exception {
        admin = administrator(api, "adminv", "Admin Invites");
        registrationMode(api, admin, "invite-only");
        assertProblem(register(TestData.uniqueLogin("noinv"), null), 403, "invite-required");
        assertProblem(register(TestData.uniqueLogin("badinv"), "no-such-invite"), 403, "invite-invalid");
        var withoutInvite = org.jsoup.Jsoup.parse(new HttpSession(base).get("register.xhtml", "Accept-Language", "en").body());
        assertNull(withoutInvite.getElementById("register"));
        assertTrue(withoutInvite.getElementById("registration-refused").text().contains("invite link only"));

        // An invite for two accounts: one on the API, one on the page of its link; a third is refused.
        var created = invite(24, 2);
        String code = created.getString("code");
        String link = created.getString("link");
        assertTrue(link.endsWith("/register.xhtml?invite=" + code), link);
        var shown = created.getJsonObject("invite");
        assertEquals(2, shown.getInt("maxUses"));
        assertEquals(0, shown.getInt("uses"));
        assertTrue(shown.getBoolean("usable"));
        assertEquals(admin.login(), shown.getString("createdBy"));

        // A failed registration (the login is taken) does not use the invite up.
        assertProblem(register(admin.login(), code), 409, "login-taken");
        assertEquals(201, register(TestData.uniqueLogin("inv1"), code).statusCode());

        var browser = new HttpSession(base);
        String pageLogin = TestData.uniqueLogin("inv2");
        var onPage = registerOnThePage(browser, browser.redirectPathOf(URI.create(link).getRawPath()) + "?" + URI.create(link).getRawQuery(),
                pageLogin);
        assertEquals(302, onPage.status(), onPage.page().text());
        assertEquals("/app/home.xhtml", browser.redirectPath(onPage.response()), "registering with an invite signs in too");
        assertTrue(browser.get("app/home.xhtml", "Accept-Language", "en").body().contains("@" + pageLogin.toLowerCase()));
        assertEquals(201, api.postJson("api/v1/tokens", Json.createObjectBuilder().add("login", pageLogin)
                .add("password", TestData.PASSWORD).build().toString()).statusCode(), "the page's account signs in");

        var spent = register(TestData.uniqueLogin("inv3"), code);
        assertProblem(spent, 403, "invite-invalid");
        assertEquals("This invite link cannot be used: it is unknown, expired, revoked or used up.", HttpSession.json(spent).getString("detail"));
        var spentOnPage = registerOnThePage(new HttpSession(base), "register.xhtml?invite=" + code, TestData.uniqueLogin("inv4"));
        assertEquals(200, spentOnPage.status());
        assertTrue(spentOnPage.page().text().contains("This invite link cannot be used"), spentOnPage.page().text());
        var listed = get(api, admin, "invites").body();
        var mine = HttpSession.parse("{\"i\":" + listed + "}").getJsonArray("i").getValuesAs(JsonObject.class).stream()
                .filter(i -> i.getString("id").equals(shown.getString("id"))).findFirst().orElseThrow();
        assertEquals(2, mine.getInt("uses"));
        assertFalse(mine.getBoolean("usable"));
        assertFalse(listed.contains(code), "codes are never listed");

        // An expired invite is refused (its expiry moved into the past behind the API: nobody waits an hour here).
        var expiring = invite(1, 5);
        try (var db = TestDatabase.connect(); var expire = db.prepareStatement(
                "UPDATE invites SET expires_at = now() - interval '1 second' WHERE code_hash = ?")) {
            expire.setString(1, expiring.getJsonObject("invite").getString("id"));
            assertEquals(1, expire.executeUpdate());
        }
        assertProblem(register(TestData.uniqueLogin("expired"), expiring.getString("code")), 403, "invite-invalid");

        // A revoked invite is refused at once; revoking twice is 404.
        var revoking = invite(48, 5);
        String id = revoking.getJsonObject("invite").getString("id");
        assertEquals(204, delete(api, admin, "invites/" + id).statusCode());
        assertProblem(register(TestData.uniqueLogin("revoked"), revoking.getString("code")), 403, "invite-invalid");
        assertProblem(delete(api, admin, "invites/" + id), 404, "not-found");

        // Out-of-range invites are refused.
        assertProblem(post(api, admin, "invites", Json.createObjectBuilder().add("expiresInHours", 0).build()), 400, "validation");
        assertProblem(post(api, admin, "invites", Json.createObjectBuilder().add("maxUses", 0).build()), 400, "validation");
        assertProblem(post(api, admin, "invites", Json.createObjectBuilder().add("expiresInHours", 24 * 366).build()), 400, "validation");

        // Open again: no invite needed, and an invite given anyway is not used.
        registrationMode(api, admin, "open");
        var unused = invite(24, 1);
        assertEquals(201, register(TestData.uniqueLogin("open"), null).statusCode());
        assertEquals(201, register(TestData.uniqueLogin("open"), unused.getString("code")).statusCode());
        var stillUnused = HttpSession.parse("{\"i\":" + get(api, admin, "invites").body() + "}").getJsonArray("i")
                .getValuesAs(JsonObject.class).stream().filter(i -> i.getString("id").equals(unused.getJsonObject("invite").getString("id")))
                .findFirst().orElseThrow();
        assertEquals(0, stillUnused.getInt("uses"));
        assertNotNull(org.jsoup.Jsoup.parse(new HttpSession(base).get("register.xhtml", "Accept-Language", "en").body()).getElementById("register"));
    }
}
