package org.jointchat.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.jointchat.support.Accounts;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.FacesForm;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * Responses on the wire (issue 21, item 8): gzip when asked for pages, scripts, style sheets and JSON, never when not
 * asked, {@code Vary: Accept-Encoding} either way; the chat page's own files under versioned URLs cached for a year
 * (immutable), the page itself never cached long, and the page referring to versioned URLs only.
 */
class CompressionAndCachingIT extends AgainstTheServer {

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private final HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    private HttpSession signedIn() {
        String login = Accounts.register(api, "weight", "Weight Person");
        var browser = new HttpSession(base);
        var done = FacesForm.of(browser.get("login.xhtml").body(), "login")
                .set("login:username", login).set("login:password", TestData.PASSWORD).press(browser, "login:submit");
        assertEquals(302, done.status(), done.page().text());
        return browser;
    }

    private HttpResponse<byte[]> fetch(String path, String... headers) throws IOException, InterruptedException {
        // An absolute path (as the page writes it) includes the context path; a relative one is resolved under it.
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return raw.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    private static Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name);
    }

    private static void assertVaries(String what, HttpResponse<?> response) {
        assertTrue(response.headers().allValues("Vary").stream().anyMatch(v -> v.toLowerCase().contains("accept-encoding")),
                what + ": Vary: Accept-Encoding, " + response.headers().map());
    }

    /** The path of the chat page's module script, e.g. /static/abc123/js/chat/main.js (after the context path). */
    private static String mainScript(String html) {
        return Jsoup.parse(html).select("script[type=module]").attr("src");
    }

    /** The versioned directory of a main.js URL: {@code /ctx/static/<version>}. */
    private static String root(String main) {
        assertTrue(main.matches("(/[^/]+)?/static/[0-9a-f]{12}/js/chat/main\\.js"), "the module under a versioned URL: " + main);
        return main.substring(0, main.length() - "/js/chat/main.js".length());
    }

    @Test
    void theChatPageIsCompressedWhenAskedAndNeverCachedLong() {
        var browser = signedIn();
        var plain = browser.get("app/home.xhtml");
        assertEquals(200, plain.statusCode());
        assertTrue(header(plain, "Content-Encoding").isEmpty(), "not asked, not compressed: " + plain.headers().map());
        assertVaries("page", plain);
        String cache = header(plain, "Cache-Control").orElse("");
        assertTrue(cache.contains("no-cache") && !cache.contains("max-age=3"), "the page is asked for again every time: " + cache);

        var gzip = browser.get("app/home.xhtml", "Accept-Encoding", "gzip, deflate, br");
        assertEquals(200, gzip.statusCode());
        assertEquals(Optional.of("gzip"), header(gzip, "Content-Encoding"), gzip.headers().map().toString());
        assertVaries("compressed page", gzip);
        assertTrue(header(gzip, "Cache-Control").orElse("").contains("no-cache"));

        var refused = browser.get("app/home.xhtml", "Accept-Encoding", "gzip;q=0, identity");
        assertTrue(header(refused, "Content-Encoding").isEmpty(), "gzip;q=0 means no gzip");
    }

    @Test
    void theChatPageRefersToVersionedUrlsOnly() throws Exception {
        var page = Jsoup.parse(signedIn().get("app/home.xhtml").body());
        var urls = new ArrayList<String>();
        page.select("script[src]").forEach(e -> urls.add(e.attr("src")));
        page.select("link[href]").forEach(e -> urls.add(e.attr("href")));
        page.select("use[href]").forEach(e -> urls.add(e.attr("href")));
        page.select("[data-icons]").forEach(e -> urls.add(e.attr("data-icons")));
        assertFalse(urls.isEmpty());
        String root = root(mainScript(page.outerHtml()));
        for (String url : urls) {
            if (url.startsWith("data:")) {
                continue;
            }
            assertTrue(url.startsWith(root + "/") || url.matches(".*[?&]v=[^&]+.*"),
                    "every file of the page under a versioned URL: " + url + " in " + urls);
        }
        assertTrue(urls.stream().noneMatch(u -> u.contains("primefaces")), "the chat page loads no PrimeFaces: " + urls);
        assertTrue(urls.stream().anyMatch(u -> u.equals(root + "/css/jointchat.css")), urls.toString());
        assertTrue(page.select("link[rel=modulepreload]").size() > 20, "the modules are preloaded");
    }

    @Test
    void versionedFilesAreImmutableCompressedAndTheSameAsTheirSources() throws Exception {
        String main = mainScript(signedIn().get("app/home.xhtml").body());
        String root = root(main);

        var plain = fetch(main);
        assertEquals(200, plain.statusCode());
        assertEquals(Optional.of(IMMUTABLE), header(plain, "Cache-Control"));
        assertTrue(header(plain, "Content-Type").orElse("").contains("javascript"), plain.headers().map().toString());
        assertTrue(header(plain, "Content-Encoding").isEmpty());
        assertVaries("script", plain);
        assertArrayEquals(fetch("resources/js/chat/main.js").body(), plain.body(), "the same file as its source");

        var gzip = fetch(main, "Accept-Encoding", "gzip");
        assertEquals(Optional.of("gzip"), header(gzip, "Content-Encoding"));
        assertVaries("compressed script", gzip);
        assertEquals(Optional.of(IMMUTABLE), header(gzip, "Cache-Control"));
        assertArrayEquals(plain.body(), gunzip(gzip.body()));
        assertTrue(gzip.body().length < plain.body().length / 2, "compressed to " + gzip.body().length + " of " + plain.body().length);

        // A relative import of main.js stays in the versioned directory.
        var store = fetch(root + "/js/chat/state/store.js", "Accept-Encoding", "gzip");
        assertEquals(200, store.statusCode());
        assertEquals(Optional.of(IMMUTABLE), header(store, "Cache-Control"));

        var css = fetch(root + "/css/jointchat.css", "Accept-Encoding", "gzip");
        assertEquals(200, css.statusCode());
        assertEquals(Optional.of("gzip"), header(css, "Content-Encoding"));
        assertTrue(header(css, "Content-Type").orElse("").startsWith("text/css"));

        var icons = fetch(root + "/icons.svg", "Accept-Encoding", "gzip");
        assertEquals(200, icons.statusCode());
        assertEquals(Optional.of(IMMUTABLE), header(icons, "Cache-Control"));

        // A range (a resumed download) is answered as asked, not compressed.
        var range = fetch(main, "Accept-Encoding", "gzip", "Range", "bytes=0-99");
        assertEquals(206, range.statusCode());
        assertTrue(header(range, "Content-Encoding").isEmpty());
        assertEquals(100, range.body().length);
    }

    @Test
    void anOldVersionRedirectsToTheCurrentOneAndNothingElseIsServed() throws Exception {
        String main = mainScript(signedIn().get("app/home.xhtml").body());
        String root = root(main);
        String context = root.substring(0, root.indexOf("/static/"));
        var old = fetch(context + "/static/0123456789ab/js/chat/views/composer.js");
        assertEquals(302, old.statusCode());
        assertTrue(old.headers().firstValue("Location").orElse("").endsWith(main.replace("main.js", "views/composer.js")),
                old.headers().map().toString());
        assertNotEquals(Optional.of(IMMUTABLE), header(old, "Cache-Control"), "a redirect is not kept for a year");

        for (String path : List.of(root + "/WEB-INF/web.xml", root + "/js/chat/absent.js",
                root + "/js/%2e%2e/%2e%2e/WEB-INF/web.xml", root + "/", context + "/static/x")) {
            var answer = fetch(path);
            assertTrue(answer.statusCode() == 404 || answer.statusCode() == 400, path + ": " + answer.statusCode());
            assertNotEquals(Optional.of(IMMUTABLE), header(answer, "Cache-Control"), path + ": a miss is not kept");
        }
    }

    @Test
    void jsonIsCompressedWhenAskedAndSmallAnswersAreLeftAlone() throws Exception {
        String login = Accounts.register(api, "weightjson", "Weight Json");
        String token = Accounts.token(api, login);
        var created = api.postJson("api/v1/rooms", Json.createObjectBuilder().add("name", TestData.uniqueLogin("weightroom"))
                .add("topic", "compression").build().toString(), "Authorization", "Bearer " + token);
        assertEquals(201, created.statusCode(), created.body());
        long room = HttpSession.json(created).getJsonNumber("id").longValue();
        for (int i = 0; i < 12; i++) {
            var sent = api.postJson("api/v1/rooms/" + room + "/messages", Json.createObjectBuilder()
                    .add("text", "message " + i + " long enough that twelve of them pass the compression threshold")
                    .add("clientId", "weight-" + i).build().toString(), "Authorization", "Bearer " + token);
            assertTrue(sent.statusCode() == 201, sent.body());
            assertTrue(header(sent, "Content-Encoding").isEmpty(), "writes are not compressed");
        }
        String messages = "api/v1/rooms/" + room + "/messages?limit=50";
        var plain = fetch(messages, "Authorization", "Bearer " + token);
        assertEquals(200, plain.statusCode());
        assertTrue(header(plain, "Content-Encoding").isEmpty());
        assertVaries("json", plain);
        var gzip = fetch(messages, "Authorization", "Bearer " + token, "Accept-Encoding", "gzip");
        assertEquals(200, gzip.statusCode());
        assertEquals(Optional.of("gzip"), header(gzip, "Content-Encoding"));
        assertVaries("compressed json", gzip);
        assertArrayEquals(plain.body(), gunzip(gzip.body()));

        var small = fetch("api/v1/users/me", "Authorization", "Bearer " + token, "Accept-Encoding", "gzip");
        assertEquals(200, small.statusCode());
        assertTrue(small.body().length < 1024, "a small answer: " + small.body().length);
        assertTrue(header(small, "Content-Encoding").isEmpty(), "small answers are sent as they are");
        assertEquals(Optional.of(String.valueOf(small.body().length)), header(small, "Content-Length"));
    }

    @Test
    void primeFacesResourcesAreCachedForAYearOnTheOtherPages() throws Exception {
        var login = Jsoup.parse(api.get("login.xhtml").body());
        String script = login.select("script[src*=primefaces]").attr("src");
        assertTrue(script.contains("v="), "PrimeFaces' scripts carry their version: " + script);
        var answer = fetch(script, "Accept-Encoding", "gzip");
        assertEquals(200, answer.statusCode());
        assertEquals(Optional.of(IMMUTABLE), header(answer, "Cache-Control"));
        assertEquals(Optional.of("gzip"), header(answer, "Content-Encoding"));
        String css = login.select("link[href*=jointchat.css]").attr("href");
        assertTrue(css.matches("(/[^/]+)?/static/[0-9a-f]{12}/css/jointchat\\.css"), "the app's style sheet is versioned on every page: " + css);
    }
}
