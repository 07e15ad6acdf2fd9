package org.jointchat.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jointchat.support.Accounts;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.FacesForm;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.junit.jupiter.api.Test;

/**
 * The browser-side defences, as they arrive on the wire: a Content-Security-Policy on every answer (pages: scripts
 * only from here or with the answer's own nonce, never 'unsafe-inline'; no framing), nosniff, Referrer-Policy; a
 * session cookie that is HttpOnly and SameSite=Lax; and cookie-signed API calls that must come from the server's own
 * pages.
 */
class SecurityHeadersIT extends AgainstTheServer {

    private static final Pattern NONCE = Pattern.compile("'nonce-([A-Za-z0-9+/=_-]+)'");

    /** A user signed in through the login page (a browser's session cookie), optionally an administrator. */
    private HttpSession signedIn(String prefix, boolean admin) throws SQLException {
        String login = Accounts.register(api, prefix, prefix + " Person");
        if (admin) {
            try (var db = TestDatabase.connect(); var grant = db.prepareStatement("UPDATE users SET is_admin = true WHERE login = ?")) {
                grant.setString(1, login);
                assertEquals(1, grant.executeUpdate());
            }
        }
        var browser = new HttpSession(base);
        var done = FacesForm.of(browser.get("login.xhtml").body(), "login")
                .set("login:username", login).set("login:password", TestData.PASSWORD).press(browser, "login:submit");
        assertEquals(302, done.status(), done.page().text());
        return browser;
    }

    /** The directives of a policy by name, e.g. "script-src" -> "'self' 'nonce-…'". */
    private static Map<String, String> directives(String policy) {
        return Arrays.stream(policy.split(";")).map(String::strip).filter(d -> !d.isEmpty())
                .collect(Collectors.toMap(d -> d.split("\\s+", 2)[0], d -> d.contains(" ") ? d.split("\\s+", 2)[1] : "", (a, b) -> a));
    }

    /** What every answer carries, page or not; returns its one policy. */
    private static Map<String, String> assertCommonHeaders(String what, HttpResponse<String> response) {
        var policies = response.headers().allValues("Content-Security-Policy");
        assertEquals(1, policies.size(), what + ": exactly one policy: " + policies);
        var policy = directives(policies.get(0));
        assertEquals("'none'", policy.get("frame-ancestors"), what + ": never framed: " + policies);
        String scripts = policy.getOrDefault("script-src", policy.get("default-src"));
        assertTrue(scripts != null && !scripts.contains("'unsafe-inline'") && !scripts.contains("'unsafe-eval'"),
                what + ": scripts limited: " + policies);
        assertEquals("'none'", policy.get("object-src"), what + ": no plugins: " + policies);
        assertEquals(List.of("nosniff"), response.headers().allValues("X-Content-Type-Options"), what);
        assertEquals(List.of("same-origin"), response.headers().allValues("Referrer-Policy"), what);
        assertTrue(response.headers().allValues("Strict-Transport-Security").isEmpty(), what + ": no HSTS over plain HTTP");
        return policy;
    }

    /**
     * A page: its policy allows scripts from here and with this answer's nonce only, and the page needs nothing
     * else: each inline script carries the nonce, and no element has an inline event handler (which no nonce allows).
     * Returns the nonce.
     */
    private static String assertPage(String what, HttpResponse<String> response) {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), what + " is a page");
        var policy = assertCommonHeaders(what, response);
        String scripts = policy.get("script-src");
        var nonce = NONCE.matcher(scripts);
        assertTrue(nonce.find(), what + ": a nonce: " + scripts);
        assertTrue(scripts.startsWith("'self'"), what + ": " + scripts);
        assertEquals("'none'", policy.get("object-src"));
        assertEquals("'self'", policy.get("base-uri"), what);
        assertEquals("'self'", policy.get("form-action"), what);
        var page = Jsoup.parse(response.body());
        for (var script : page.select("script")) {
            if (!script.hasAttr("src")) {
                assertEquals(nonce.group(1), script.attr("nonce"), what + ": an inline script without the nonce: " + script);
            }
        }
        for (var element : page.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                assertFalse(attribute.getKey().toLowerCase().startsWith("on"), what + ": an inline handler: " + element.tagName() + " " + attribute);
                assertFalse(attribute.getValue().strip().toLowerCase().startsWith("javascript:"), what + ": a javascript: URL: " + attribute);
            }
        }
        return nonce.group(1);
    }

    private long general(HttpSession browser) {
        var rooms = browser.get("api/v1/rooms");
        assertEquals(200, rooms.statusCode(), rooms.body());
        return HttpSession.objects(rooms).stream()
                .filter(r -> r.getString("name").equals("general")).findFirst().orElseThrow().getJsonNumber("id").longValue();
    }

    @Test
    void everyPageCarriesAPolicyWithAFreshNonceAndTheOtherDefences() throws Exception {
        var stranger = new HttpSession(base);
        String first = assertPage("login", stranger.get("login.xhtml"));
        assertNotEquals(first, assertPage("login again", stranger.get("login.xhtml")), "a fresh nonce on every answer");
        assertPage("register", stranger.get("register.xhtml"));
        var missing = stranger.get("no-such-page.xhtml");
        assertEquals(404, missing.statusCode());
        assertPage("error page", missing);

        var person = signedIn("headers", false);
        assertPage("home (the chat)", person.get("app/home.xhtml"));
        assertPage("room directory", person.get("app/rooms.xhtml"));
        assertPage("room settings", person.get("app/room.xhtml?id=" + general(person)));
        assertPage("profile", person.get("app/profile.xhtml"));
        var forbidden = person.get("admin/users.xhtml");
        assertEquals(403, forbidden.statusCode(), "not an administrator");
        assertPage("admin page refused", forbidden);

        var admin = signedIn("headadmin", true);
        var users = admin.get("admin/users.xhtml");
        assertEquals(200, users.statusCode());
        assertPage("admin users", users);
    }

    @Test
    void whatIsNotAPageRunsNoScriptAndIsNeverFramedEither() {
        var stranger = new HttpSession(base);
        var login = stranger.get("login.xhtml").body();
        String css = Jsoup.parse(login).select("link[rel=stylesheet]").stream().map(l -> l.attr("href"))
                .filter(h -> h.contains("jointchat.css")).findFirst().orElseThrow();
        var stylesheet = stranger.get(stranger.redirectPathOf(css));
        assertEquals(200, stylesheet.statusCode());
        assertEquals("'none'", assertCommonHeaders("a Faces resource", stylesheet).get("script-src"));
        var icons = stranger.get("resources/icons.svg");
        assertEquals(200, icons.statusCode());
        assertEquals("'none'", assertCommonHeaders("a static file", icons).get("script-src"));
        var problem = stranger.get("api/v1/users/me");
        assertEquals(401, problem.statusCode());
        assertEquals("'none'", assertCommonHeaders("an API answer", problem).get("script-src"));
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLaxOnTheWire() throws Exception {
        var browser = new HttpSession(base);
        var page = browser.get("login.xhtml");
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + page.headers().map()));
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP: not Secure: " + cookie);

        // The session that signing in starts (a new id) is sent the same way.
        String login = Accounts.register(api, "cookie", "Cookie Person");
        var signedIn = FacesForm.of(page.body(), "login").set("login:username", login).set("login:password", TestData.PASSWORD)
                .press(browser, "login:submit").response();
        String renewed = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no new session cookie: " + signedIn.headers().map()));
        assertNotEquals(cookie.split(";")[0], renewed.split(";")[0]);
        assertTrue(renewed.contains("HttpOnly") && renewed.toLowerCase().contains("samesite=lax"), renewed);
    }

    private static String newRoom() {
        return Json.createObjectBuilder().add("name", TestData.uniqueLogin("origin")).add("visibility", "public").build().toString();
    }

    @Test
    void cookieSignedApiChangesMustComeFromTheServersOwnPages() throws Exception {
        var browser = signedIn("origin", false);
        String own = base.getScheme() + "://" + base.getHost() + ":" + base.getPort();

        // Another site's page posting with the user's cookie: refused before anything is done.
        for (String[] foreign : new String[][] {{"Origin", "http://evil.example"}, {"Sec-Fetch-Site", "cross-site"},
                {"Origin", "null"}, {"Origin", own + ".evil.example"}}) {
            var refused = browser.postJson("api/v1/rooms", newRoom(), foreign);
            assertEquals(403, refused.statusCode(), foreign[0] + ": " + foreign[1] + " " + refused.body());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertEquals("urn:jointchat:problem:cross-origin", HttpSession.json(refused).getString("type"), refused.body());
        }
        var deleted = browser.delete("api/v1/tokens/current", "Origin", "http://evil.example");
        assertEquals(403, deleted.statusCode(), "every unsafe method");
        // A cookie-signed change that does not show where it comes from is not taken either.
        assertEquals(403, browser.postJson("api/v1/rooms", newRoom()).statusCode());
        // Reading is not a change: the page's own GETs carry no Origin.
        assertEquals(200, browser.get("api/v1/users/me", "Origin", "http://evil.example").statusCode());

        // From the server's own pages: taken.
        assertEquals(201, browser.postJson("api/v1/rooms", newRoom(), "Origin", own).statusCode());
        assertEquals(201, browser.postJson("api/v1/rooms", newRoom(), "Sec-Fetch-Site", "same-origin").statusCode());

        // A bearer token is no ambient credential: another site's page cannot have it, so Origin does not matter.
        String login = Accounts.register(api, "bearer", "Bearer Person");
        String token = Accounts.token(api, login);
        var client = new HttpSession(base);
        assertEquals(201, client.postJson("api/v1/rooms", newRoom(), "Authorization", "Bearer " + token,
                "Origin", "http://evil.example").statusCode());
        // Nor is being signed in at all: anonymous calls (registration, tokens) are unaffected.
        assertEquals(201, client.postJson("api/v1/tokens", Json.createObjectBuilder().add("login", login)
                .add("password", TestData.PASSWORD).build().toString(), "Origin", "http://evil.example").statusCode());
    }
}
