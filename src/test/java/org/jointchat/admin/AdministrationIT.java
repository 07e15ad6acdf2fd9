package org.jointchat.admin;

import static org.jointchat.support.Administrators.administrator;
import static org.jointchat.support.Administrators.delete;
import static org.jointchat.support.Administrators.get;
import static org.jointchat.support.Administrators.person;
import static org.jointchat.support.Administrators.post;
import static org.jointchat.support.Administrators.put;
import static org.jointchat.support.Administrators.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.jointchat.support.Administrators;
import org.jointchat.support.TestUser;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.FacesForm;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The administration of accounts, tried from outside: who may use it (403 problem for everyone else, a 403 page
 * for the pages), the search, deactivation (every way of being signed in ends at once; the messages stay),
 * reactivation, ending sessions, temporary passwords, the administrator role and its last holder, and the audit
 * log that records each action with who did it to whom.
 */
class AdministrationIT extends AgainstTheServer {

    private static final String PROBLEM_JSON = "application/problem+json";

    static void assertProblem(HttpResponse<String> answer, int status, String type) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM_JSON),
                "problem+json: " + answer.headers().firstValue("Content-Type"));
        assertEquals("urn:jointchat:problem:" + type, HttpSession.json(answer).getString("type"), answer.body());
    }

    HttpResponse<String> me(String token) {
        return api.get("api/v1/users/me", "Authorization", "Bearer " + token);
    }

    HttpResponse<String> tokenFor(String login, String password) {
        return api.postJson("api/v1/tokens", Json.createObjectBuilder().add("login", login).add("password", password).build().toString(),
                "Accept-Language", "en");
    }

    /** A browser signed in on the login page (optionally remembered). */
    HttpSession browserSignedIn(String login, boolean remember) {
        var browser = new HttpSession(base);
        var answer = signIn(browser, login, TestData.PASSWORD, remember);
        assertEquals(302, answer.status(), answer.page().text());
        assertEquals(200, browser.get("app/home.xhtml").statusCode());
        return browser;
    }

    long publicRoom(TestUser owner) {
        var created = api.postJson("api/v1/rooms", Json.createObjectBuilder().add("name", TestData.uniqueLogin("adm"))
                .add("visibility", "public").build().toString(), "Authorization", owner.bearer());
        assertEquals(201, created.statusCode(), created.body());
        return HttpSession.json(created).getJsonNumber("id").longValue();
    }

    void join(TestUser who, long room) {
        var joined = api.send(api.request("api/v1/rooms/" + room + "/members/" + who.login(), "Authorization", who.bearer())
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, joined.statusCode(), joined.body());
    }

    JsonObject user(TestUser admin, String login) {
        var answer = get(api, admin, "users/" + login);
        assertEquals(200, answer.statusCode(), answer.body());
        return HttpSession.json(answer);
    }

    /** The newest audit entries (at most 200). */
    List<JsonObject> audit(TestUser admin) {
        var answer = get(api, admin, "audit?limit=200");
        assertEquals(200, answer.statusCode(), answer.body());
        return HttpSession.json(answer).getJsonArray("entries").getValuesAs(JsonObject.class);
    }

    static boolean hasEntry(List<JsonObject> entries, String actor, String action, String target) {
        return entries.stream().anyMatch(e -> action.equals(e.getString("action"))
                && java.util.Objects.equals(actor, text(e, "actor")) && java.util.Objects.equals(target, text(e, "target")));
    }

    /** A field that is a string, or null (JSON null; the API always sends every field of an entry). */
    static String text(JsonObject object, String name) {
        assertTrue(object.containsKey(name), name + " in " + object);
        return object.isNull(name) ? null : object.getString(name);
    }

    @Test
    void everyoneButAnAdministratorGets403OnEveryAdministrationCallAndPage() throws Exception {
        var someone = person(api, "plain", "Plain User");
        var target = person(api, "target", "Target User");
        var calls = List.<java.util.function.Function<TestUser, HttpResponse<String>>>of(
                p -> get(api, p, "users"),
                p -> get(api, p, "users?q=" + target.login()),
                p -> get(api, p, "users/" + target.login()),
                p -> post(api, p, "users/" + target.login() + "/deactivate", null),
                p -> post(api, p, "users/" + target.login() + "/reactivate", null),
                p -> post(api, p, "users/" + target.login() + "/end-sessions", null),
                p -> delete(api, p, "users/" + target.login() + "/sessions"),
                p -> post(api, p, "users/" + target.login() + "/temporary-password", null),
                p -> put(api, p, "users/" + target.login() + "/admin", null),
                p -> put(api, p, "users/" + someone.login() + "/admin", null),
                p -> delete(api, p, "users/" + target.login() + "/admin"),
                p -> get(api, p, "registration"),
                p -> put(api, p, "registration", Json.createObjectBuilder().add("mode", "closed").build()),
                p -> get(api, p, "invites"),
                p -> post(api, p, "invites", Json.createObjectBuilder().add("maxUses", 5).build()),
                p -> delete(api, p, "invites/" + "0".repeat(64)),
                p -> get(api, p, "audit"));
        for (var call : calls) {
            var answer = call.apply(someone);
            assertProblem(answer, 403, "forbidden");
            assertEquals("Only administrators may do this.", HttpSession.json(answer).getString("detail"));
            // Without any credential: 401, as every API call that needs one.
            assertProblem(call.apply(TestUser.claiming(api, "nobody", "not-a-token")), 401, "unauthenticated");
        }
        // Nothing of it happened: the target still signs in with their own password, nobody became an administrator.
        assertEquals(200, me(target.token()).statusCode());
        assertEquals(201, tokenFor(target.login(), TestData.PASSWORD).statusCode());
        var admin = administrator(api, "adm403", "Admin Fourothree");
        assertFalse(user(admin, someone.login()).getBoolean("admin"));
        assertEquals("open", HttpSession.json(get(api, admin, "registration")).getString("mode"));

        // The pages: signed out, the login page; signed in without the role, the 403 page; an administrator, the page.
        var stranger = new HttpSession(base);
        var signedOut = stranger.get("admin/users.xhtml");
        assertEquals(302, signedOut.statusCode());
        assertEquals("/login.xhtml?next=%2Fadmin%2Fusers.xhtml", stranger.redirectPath(signedOut));
        var plainBrowser = browserSignedIn(someone.login(), false);
        var adminBrowser = browserSignedIn(admin.login(), false);
        for (String page : List.of("admin/users.xhtml", "admin/registration.xhtml", "admin/audit.xhtml")) {
            var refused = plainBrowser.get(page, "Accept-Language", "en");
            assertEquals(403, refused.statusCode(), page);
            assertTrue(refused.body().contains("This page is for administrators"), refused.body());
            assertFalse(refused.body().contains("jc-admin-nav"), "no administration content on the 403 page");
            assertEquals(200, adminBrowser.get(page, "Accept-Language", "en").statusCode(), page);
        }
        // Only administrators' chat header links to the administration pages.
        assertFalse(plainBrowser.get("app/home.xhtml").body().contains("id=\"session:administration\""));
        assertTrue(adminBrowser.get("app/home.xhtml").body().contains("id=\"session:administration\""));
    }

    @Test
    void anAdministratorFindsUsersByLoginOrNameAPageAtATime() throws Exception {
        var admin = administrator(api, "adms", "Admin Search");
        String tag = "Srch" + UUID.randomUUID().toString().substring(0, 6);
        var logins = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            logins.add(person(api, "found", tag + " Person " + i).login());
        }
        logins.sort(null);
        var first = HttpSession.json(get(api, admin, "users?q=" + tag.toLowerCase() + "&limit=2"));
        assertEquals(3, first.getInt("total"));
        assertEquals(0, first.getInt("offset"));
        var firstPage = first.getJsonArray("users").getValuesAs(JsonObject.class);
        assertEquals(logins.subList(0, 2), firstPage.stream().map(u -> u.getString("login")).toList(), "by login");
        assertEquals(tag + " Person", firstPage.get(0).getString("displayName").substring(0, tag.length() + 7));
        var second = HttpSession.json(get(api, admin, "users?q=" + tag.toUpperCase() + "&limit=2&offset=2"));
        assertEquals(List.of(logins.get(2)), second.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                .map(u -> u.getString("login")).toList());
        // By login too; one user; an unknown one is 404.
        var byLogin = HttpSession.json(get(api, admin, "users?q=" + logins.get(1)));
        assertEquals(1, byLogin.getInt("total"));
        var one = user(admin, logins.get(1));
        assertFalse(one.getBoolean("admin"));
        assertFalse(one.getBoolean("deactivated"));
        assertNotNull(one.getString("createdAt"));
        assertProblem(get(api, admin, "users/nobody-" + tag.toLowerCase()), 404, "not-found");
        // Wildcards are text: "%" finds nobody whose name has none.
        assertEquals(0, HttpSession.json(get(api, admin, "users?q=" + tag + "%25x")).getInt("total"));
    }

    @Test
    void deactivationEndsEverySignInAtOnceRefusesSignInAndKeepsTheMessages() throws Exception {
        var admin = administrator(api, "admd", "Admin Deactivator");
        var leaver = person(api, "leaver", "Leaving Employee");
        long room = publicRoom(admin);
        join(leaver, room);
        var sent = api.postJson("api/v1/rooms/" + room + "/messages", Json.createObjectBuilder().add("text", "my last words here")
                .add("clientId", TestData.uniqueLogin("c")).build().toString(), "Authorization", leaver.bearer());
        assertEquals(201, sent.statusCode(), sent.body());

        var browser = browserSignedIn(leaver.login(), false);
        var remembered = browserSignedIn(leaver.login(), true);
        String rememberCookie = remembered.cookie("JREMEMBERMEID");
        assertNotNull(rememberCookie);
        try (var socket = ChatClient.connect(base, leaver.token(), null);
                var tab = ChatClient.connectWithSession(base, browser.cookie("JSESSIONID"))) {
            long started = System.nanoTime();
            var answer = post(api, admin, "users/" + leaver.login() + "/deactivate", null);
            assertEquals(204, answer.statusCode(), answer.body());
            assertEquals(1008, socket.awaitClosed(), "the token's socket is closed by the server");
            assertEquals(1008, tab.awaitClosed(), "the browser tab's socket too");
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMs < 3000, "closed at once, not by a timeout: " + tookMs + " ms");
        }
        // The token, the browser session and the remembered sign-in are refused from the next request on.
        assertProblem(me(leaver.token()), 401, "unauthenticated");
        var home = browser.get("app/home.xhtml");
        assertEquals(302, home.statusCode());
        assertTrue(browser.redirectPath(home).startsWith("/login.xhtml"));
        assertEquals(401, browser.get("api/v1/users/me").statusCode());
        var fromCookie = new HttpSession(base).get("app/home.xhtml", "Cookie", "JREMEMBERMEID=" + rememberCookie);
        assertEquals(302, fromCookie.statusCode(), "the remembered sign-in has ended");
        var refusedSocket = assertThrows(CompletionException.class, () -> ChatClient.connect(base, leaver.token(), null));
        assertEquals(401, ((WebSocketHandshakeException) refusedSocket.getCause()).getResponse().statusCode(), "no new socket");

        // Signing in again: the API says why (only to the holder of the right password); the page says so.
        var refused = tokenFor(leaver.login(), TestData.PASSWORD);
        assertProblem(refused, 403, "account-deactivated");
        assertEquals("This account is deactivated. An administrator can reactivate it.", HttpSession.json(refused).getString("detail"));
        assertProblem(tokenFor(leaver.login(), "a wrong password"), 401, "invalid-credentials");
        var page = signIn(new HttpSession(base), leaver.login(), TestData.PASSWORD, false);
        assertEquals(200, page.status());
        assertTrue(page.page().text().contains("This account is deactivated. An administrator can reactivate it."), page.page().text());

        // Everything they wrote stays in history; the account shows as deactivated; it cannot be registered again.
        var history = api.get("api/v1/rooms/" + room + "/messages", "Authorization", admin.bearer());
        assertEquals(200, history.statusCode(), history.body());
        assertTrue(HttpSession.parse("{\"m\":" + history.body() + "}").getJsonArray("m").getValuesAs(JsonObject.class).stream()
                .anyMatch(m -> "my last words here".equals(m.getString("text", null)) && leaver.login().equals(m.getString("author", null))),
                history.body());
        var shown = user(admin, leaver.login());
        assertTrue(shown.getBoolean("deactivated"));
        assertNotNull(shown.getString("deactivatedAt"));
        var again = api.postJson("api/v1/accounts", Json.createObjectBuilder().add("login", leaver.login()).add("displayName", "Again")
                .add("password", TestData.PASSWORD).build().toString());
        assertProblem(again, 409, "login-taken");
        // Deactivating twice changes nothing.
        assertEquals(204, post(api, admin, "users/" + leaver.login() + "/deactivate", null).statusCode());

        // Reactivated: they sign in again, on the API and on the page.
        assertEquals(204, post(api, admin, "users/" + leaver.login() + "/reactivate", null).statusCode());
        assertFalse(user(admin, leaver.login()).getBoolean("deactivated"));
        var token = tokenFor(leaver.login(), TestData.PASSWORD);
        assertEquals(201, token.statusCode(), token.body());
        assertEquals(200, me(HttpSession.json(token).getString("token")).statusCode());
        browserSignedIn(leaver.login(), false);

        var entries = audit(admin);
        assertTrue(hasEntry(entries, admin.login(), "user.deactivate", leaver.login()), entries.toString());
        assertTrue(hasEntry(entries, admin.login(), "user.reactivate", leaver.login()), entries.toString());
        assertEquals(1, entries.stream().filter(e -> "user.deactivate".equals(e.getString("action"))
                && leaver.login().equals(e.getString("target", null))).count(), "the second deactivation did nothing");
    }

    @Test
    void endingSessionsSignsTheUserOutEverywhereButTheyMaySignInAgain() throws Exception {
        var admin = administrator(api, "adme", "Admin Ender");
        var user = person(api, "ended", "Ended Sessions");
        var browser = browserSignedIn(user.login(), false);
        try (var socket = ChatClient.connect(base, user.token(), null)) {
            assertEquals(204, post(api, admin, "users/" + user.login() + "/end-sessions", null).statusCode());
            assertEquals(1008, socket.awaitClosed());
        }
        assertEquals(401, me(user.token()).statusCode());
        assertEquals(302, browser.get("app/home.xhtml").statusCode());
        // The other spelling of the same action.
        var second = tokenFor(user.login(), TestData.PASSWORD);
        assertEquals(201, second.statusCode(), second.body());
        assertEquals(204, delete(api, admin, "users/" + user.login() + "/sessions").statusCode());
        assertEquals(401, me(HttpSession.json(second).getString("token")).statusCode());
        // Not locked out: the same password works.
        assertEquals(201, tokenFor(user.login(), TestData.PASSWORD).statusCode());
        browserSignedIn(user.login(), false);
        assertTrue(hasEntry(audit(admin), admin.login(), "user.sessions.end", user.login()));
        assertProblem(post(api, admin, "users/nobody-" + UUID.randomUUID().toString().substring(0, 8) + "/end-sessions", null),
                404, "not-found");
    }

    @Test
    void aTemporaryPasswordMustBeChangedOnTheProfilePageBeforeAnythingElse() throws Exception {
        var admin = administrator(api, "admt", "Admin Temporary");
        var forgetful = person(api, "forgot", "Forgetful User");
        var oldBrowser = browserSignedIn(forgetful.login(), false);

        // A password the administrator chooses must follow the rules; a generated one is given back once.
        assertProblem(post(api, admin, "users/" + forgetful.login() + "/temporary-password",
                Json.createObjectBuilder().add("password", "short").build()), 400, "validation");
        var set = post(api, admin, "users/" + forgetful.login() + "/temporary-password", null);
        assertEquals(200, set.statusCode(), set.body());
        String temporary = HttpSession.json(set).getString("password");
        assertTrue(temporary.length() >= 12, temporary);
        assertTrue(user(admin, forgetful.login()).getBoolean("mustChangePassword"));

        // Every earlier sign-in ended; the old password no longer works.
        assertEquals(401, me(forgetful.token()).statusCode());
        assertEquals(302, oldBrowser.get("app/home.xhtml").statusCode());
        assertProblem(tokenFor(forgetful.login(), TestData.PASSWORD), 401, "invalid-credentials");
        // The temporary one issues no token until it is changed.
        var refused = tokenFor(forgetful.login(), temporary);
        assertProblem(refused, 403, "password-change-required");
        assertTrue(HttpSession.json(refused).getString("detail").contains("profile"), refused.body());

        // On the page, signing in with it leads to the profile; every other page sends them back there.
        var browser = new HttpSession(base);
        var signedIn = signIn(browser, forgetful.login(), temporary, false);
        assertEquals(302, signedIn.status(), signedIn.page().text());
        assertEquals("/app/profile.xhtml", browser.redirectPath(signedIn.response()));
        for (String page : List.of("app/home.xhtml", "app/rooms.xhtml", "app/home.xhtml?room=1")) {
            var elsewhere = browser.get(page);
            assertEquals(302, elsewhere.statusCode(), page);
            assertEquals("/app/profile.xhtml", browser.redirectPath(elsewhere), page);
        }
        var profile = browser.get("app/profile.xhtml", "Accept-Language", "en");
        assertEquals(200, profile.statusCode());
        assertTrue(profile.body().contains("id=\"must-change\""), "the page says why");
        // Nor do the API and the socket serve that browser session (whose cookie a script could use) until then.
        String own = base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
        for (var held : List.of(browser.get("api/v1/users/me", "Accept-Language", "en"),
                browser.get("api/v1/rooms", "Accept-Language", "en"),
                browser.postJson("api/v1/rooms", Json.createObjectBuilder().add("name", TestData.uniqueLogin("held"))
                        .add("visibility", "public").build().toString(), "Origin", own, "Accept-Language", "en"))) {
            assertProblem(held, 403, "password-change-required");
            assertTrue(HttpSession.json(held).getString("detail").contains("profile"), held.body());
        }
        var heldSocket = assertThrows(CompletionException.class,
                () -> ChatClient.connectWithSession(base, browser.cookie("JSESSIONID")));
        var handshake = ((WebSocketHandshakeException) heldSocket.getCause()).getResponse();
        assertEquals(403, handshake.statusCode());
        assertTrue(String.valueOf(handshake.body()).contains("Password change required"), String.valueOf(handshake.body()));
        // Changing the password is what the API still answers (here refused for a wrong current one, not held).
        var wrongCurrent = browser.send(browser.request("api/v1/users/me/password", "Content-Type", "application/json",
                "Origin", own).PUT(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                .add("currentPassword", "not the temporary one").add("newPassword", "another new password 8").build().toString())));
        assertProblem(wrongCurrent, 400, "validation");

        // Choosing a new password opens the chat, and the API issues tokens for it.
        String chosen = "my own new password 7";
        var changed = FacesForm.of(profile.body(), "password").set("password:currentPassword", temporary)
                .set("password:newPassword", chosen).press(browser, "password:change");
        assertEquals(302, changed.status(), changed.page().text());
        assertEquals("/app/home.xhtml", browser.redirectPath(changed.response()));
        assertEquals(200, browser.get("app/home.xhtml").statusCode());
        assertFalse(browser.get("app/profile.xhtml").body().contains("id=\"must-change\""));
        var me = browser.get("api/v1/users/me");
        assertEquals(200, me.statusCode(), me.body());
        try (var tab = ChatClient.connectWithSession(base, browser.cookie("JSESSIONID"))) {
            assertEquals(forgetful.login(), tab.hello.getJsonObject("user").getString("login"));
        }
        assertProblem(tokenFor(forgetful.login(), temporary), 401, "invalid-credentials");
        assertEquals(201, tokenFor(forgetful.login(), chosen).statusCode());
        assertFalse(user(admin, forgetful.login()).getBoolean("mustChangePassword"));

        var entries = audit(admin);
        assertTrue(hasEntry(entries, admin.login(), "user.password.temporary", forgetful.login()), entries.toString());
        assertFalse(entries.toString().contains(temporary), "the password is in no audit entry");
    }

    @Test
    void administratorsGrantAndRevokeTheRoleWhichAppliesToTheVeryNextRequest() throws Exception {
        var admin = administrator(api, "admg", "Admin Granter");
        var helper = person(api, "helper", "Helper");
        assertProblem(get(api, helper, "users"), 403, "forbidden");
        assertEquals(204, put(api, admin, "users/" + helper.login() + "/admin", null).statusCode());
        assertTrue(user(admin, helper.login()).getBoolean("admin"));
        assertEquals(200, get(api, helper, "users").statusCode(), "an administrator now");
        // Granting twice changes nothing; the role is recorded once.
        assertEquals(204, put(api, admin, "users/" + helper.login() + "/admin", null).statusCode());
        assertEquals(204, delete(api, admin, "users/" + helper.login() + "/admin").statusCode());
        assertProblem(get(api, helper, "users"), 403, "forbidden");
        assertFalse(user(admin, helper.login()).getBoolean("admin"));
        var entries = audit(admin);
        assertEquals(1, entries.stream().filter(e -> "user.admin.grant".equals(e.getString("action"))
                && helper.login().equals(e.getString("target", null)) && admin.login().equals(e.getString("actor", null))).count());
        assertTrue(hasEntry(entries, admin.login(), "user.admin.revoke", helper.login()));
    }

    @Test
    void theLastActiveAdministratorCanBeNeitherRevokedNorDeactivated() throws Exception {
        var last = administrator(api, "admlast", "Last Admin");
        Administrators.onlyAdministrator(last.login());
        var revoke = delete(api, last, "users/" + last.login() + "/admin");
        assertProblem(revoke, 409, "last-administrator");
        assertEquals("This is the last active administrator: make someone else an administrator first.",
                HttpSession.json(revoke).getString("detail"));
        assertProblem(post(api, last, "users/" + last.login() + "/deactivate", null), 409, "last-administrator");
        assertEquals(200, get(api, last, "users").statusCode(), "still an administrator");

        // With a second one, the first may go; then the second is the last.
        var second = person(api, "admnext", "Next Admin");
        assertEquals(204, put(api, last, "users/" + second.login() + "/admin", null).statusCode());
        assertEquals(204, delete(api, last, "users/" + last.login() + "/admin").statusCode());
        assertProblem(get(api, last, "users"), 403, "forbidden");
        assertProblem(delete(api, second, "users/" + second.login() + "/admin"), 409, "last-administrator");
        // A deactivated administrator does not count: deactivating the other one is refused while it is the last.
        assertEquals(204, put(api, second, "users/" + last.login() + "/admin", null).statusCode());
        assertEquals(204, post(api, second, "users/" + last.login() + "/deactivate", null).statusCode());
        assertProblem(post(api, second, "users/" + second.login() + "/deactivate", null), 409, "last-administrator");
        assertProblem(get(api, last, "users"), 401, "unauthenticated");
        assertEquals(204, post(api, second, "users/" + last.login() + "/reactivate", null).statusCode());
    }

    @Test
    void theAuditLogRecordsEachActionWithWhoAndWhomNewestFirstAPageAtATime() throws Exception {
        var admin = administrator(api, "adma", "Admin Auditor");
        var subject = person(api, "subject", "Audit Subject");
        String who = subject.login();
        assertEquals(204, post(api, admin, "users/" + who + "/deactivate", null).statusCode());
        assertEquals(204, post(api, admin, "users/" + who + "/reactivate", null).statusCode());
        assertEquals(204, post(api, admin, "users/" + who + "/end-sessions", null).statusCode());
        assertEquals(200, post(api, admin, "users/" + who + "/temporary-password", null).statusCode());
        assertEquals(204, put(api, admin, "users/" + who + "/admin", null).statusCode());
        assertEquals(204, delete(api, admin, "users/" + who + "/admin").statusCode());
        var invite = post(api, admin, "invites", Json.createObjectBuilder().add("expiresInHours", 2).add("maxUses", 3).build());
        assertEquals(201, invite.statusCode(), invite.body());
        String inviteId = HttpSession.json(invite).getJsonObject("invite").getString("id");
        assertEquals(204, delete(api, admin, "invites/" + inviteId).statusCode());

        var actions = List.of("user.deactivate", "user.reactivate", "user.sessions.end", "user.password.temporary",
                "user.admin.grant", "user.admin.revoke");
        // Newest first, three at a time, until all of this test's entries are seen; pages never overlap.
        var seen = new ArrayList<JsonObject>();
        var ids = new HashSet<Long>();
        Long before = null;
        long previous = Long.MAX_VALUE;
        while (seen.stream().filter(e -> who.equals(e.getString("target", null))).count() < actions.size()) {
            var page = HttpSession.json(get(api, admin, "audit?limit=3" + (before == null ? "" : "&before=" + before)));
            var entries = page.getJsonArray("entries").getValuesAs(JsonObject.class);
            assertEquals(3, entries.size(), "full pages while there is more");
            for (var entry : entries) {
                long id = entry.getJsonNumber("id").longValue();
                assertTrue(id < previous, "newest first");
                assertTrue(ids.add(id), "no entry twice");
                previous = id;
                assertNotNull(entry.getString("at"));
            }
            seen.addAll(entries);
            before = page.getJsonNumber("before").longValue();
            assertEquals(previous, before, "the next page starts after the last entry of this one");
        }
        var mine = seen.stream().filter(e -> who.equals(e.getString("target", null))).toList();
        var oldestFirst = new ArrayList<>(mine.stream().map(e -> e.getString("action")).toList());
        java.util.Collections.reverse(oldestFirst);
        assertEquals(actions, oldestFirst, "each action once, in order");
        mine.forEach(e -> assertEquals(admin.login(), e.getString("actor")));
        String shortId = inviteId.substring(0, 12);
        assertTrue(hasEntry(seen, admin.login(), "invite.create", "invite:" + shortId), seen.toString());
        assertTrue(hasEntry(seen, admin.login(), "invite.revoke", "invite:" + shortId), seen.toString());
        assertFalse(seen.toString().contains(HttpSession.json(invite).getString("code")), "the invite's code is in no entry");

        // The audit page shows them too, 50 to a page, with a link to the older ones and back.
        try (var db = TestDatabase.connect(); var insert = db.prepareStatement(
                "INSERT INTO audit_log (actor, action, target) SELECT ?, 'test.filler', 'filler-' || g FROM generate_series(1, 60) g")) {
            insert.setString(1, admin.login());
            insert.executeUpdate();
        }
        var browser = browserSignedIn(admin.login(), false);
        var page = org.jsoup.Jsoup.parse(browser.get("admin/audit.xhtml", "Accept-Language", "en").body());
        var rows = page.select("#audit_data > tr");
        assertEquals(50, rows.size());
        assertTrue(rows.get(0).text().contains("filler-60"), "newest first: " + rows.get(0).text());
        assertTrue(rows.get(0).text().contains("@" + admin.login()));
        assertNull(page.getElementById("newest"), "the newest page links to no newer one");
        var older = page.getElementById("older");
        assertNotNull(older, "a link to the older entries");
        var link = java.net.URI.create(older.attr("href"));
        var olderPage = org.jsoup.Jsoup.parse(browser.get(browser.redirectPathOf(link.getRawPath()) + "?" + link.getRawQuery(),
                "Accept-Language", "en").body());
        var olderRows = olderPage.select("#audit_data > tr");
        assertTrue(olderRows.size() > 10 && olderRows.size() <= 50, "the next 50 at most: " + olderRows.size());
        assertTrue(olderRows.get(0).text().contains("filler-10"), "the page goes on where the first ended: " + olderRows.get(0).text());
        assertTrue(olderPage.text().contains("user.admin.revoke") && olderPage.text().contains(who), "this test's entries: " + olderPage.text());
        assertNotNull(olderPage.getElementById("newest"), "the older page links back to the newest");
    }

    @Test
    void theAuditLogKeepsTheMachinesOwnGrantWithNoActor() throws Exception {
        // What ./jointchat admin grant writes (AdminCommandIT runs it): an entry without an actor, shown as the machine.
        var admin = administrator(api, "admm", "Admin Machine");
        try (var db = TestDatabase.connect(); var insert = db.prepareStatement(
                "INSERT INTO audit_log (actor, action, target, details) VALUES (NULL, 'user.admin.grant', ?, 'on the machine')")) {
            insert.setString(1, admin.login());
            insert.executeUpdate();
        }
        assertTrue(hasEntry(audit(admin), null, "user.admin.grant", admin.login()));
        var page = browserSignedIn(admin.login(), false).get("admin/audit.xhtml", "Accept-Language", "en");
        assertTrue(page.body().contains("the machine (./jointchat admin)"), "shown as the machine");
    }
}
