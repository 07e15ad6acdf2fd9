package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jointchat.support.ChatClient;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 25: the unchanged target/jointchat.war on a second application server, WildFly, as
 * {@code ./jointchat run --server wildfly} runs it (scripts/test-server.sh start-wildfly: a server of its own on
 * 8080 + it.wildfly.offset with a database of its own). What a user meets there: registering and signing in through
 * the pages (Faces and PrimeFaces render), the chat page's socket says hello and shows a message sent over REST,
 * history pages, signing out closes the session's sockets, a room is created and its settings page saves, and the
 * server's health says ready.
 */
class WildFlySmokeIT {

    static final int OFFSET = Integer.getInteger("it.wildfly.offset", 10500);
    static final URI BASE = URI.create("http://127.0.0.1:" + (8080 + OFFSET) + "/");
    /** WildFly serves MicroProfile Health on its management interface (loopback), not on the HTTP port. */
    static final URI MANAGEMENT = URI.create("http://127.0.0.1:" + (9990 + OFFSET) + "/");

    @BeforeAll
    static void startWildFly() throws Exception {
        script("start-wildfly", 600);
    }

    @AfterAll
    static void stopWildFly() throws Exception {
        script("stop-wildfly", 120);
    }

    static void script(String command, int seconds) throws Exception {
        var process = new ProcessBuilder("bash", "scripts/test-server.sh", command).inheritIO().start();
        assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), command + " within " + seconds + " s");
        assertEquals(0, process.exitValue(), command + " succeeded");
    }

    @Test
    void aUserChatsOnWildFly() throws Exception {
        var api = new HttpSession(BASE);

        // The server is ready, and says so where WildFly says it.
        var ready = new HttpSession(MANAGEMENT).get("health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("UP", HttpSession.json(ready).getString("status"), ready.body());
        assertTrue(ready.body().contains("database"), "JointChat's own readiness checks run: " + ready.body());
        assertEquals(200, api.get("openapi").statusCode(), "the API description");

        // Someone already there, with a token (REST registration and sign-in).
        var owner = TestUser.register(api, "wfowner", "Wendy Owner");
        long general = HttpSession.objects(owner.get("api/v1/rooms")).stream()
                .filter(r -> r.getString("name").equals("general")).findFirst().orElseThrow().getJsonNumber("id").longValue();

        // A newcomer registers on the page, signs out and signs in again through the login page.
        String login = TestData.uniqueLogin("wfly").toLowerCase();
        try (var browser = new Browser("wildfly-smoke", 1280, 800)) {
            browser.register(BASE.toString(), login, "Wilma Fly");
            browser.screenshot("wildfly-1-registered");
            browser.driver.get(BASE + "app/profile.xhtml");
            browser.click("#session\\:logout");
            browser.find("#login\\:username");
            browser.signIn(BASE.toString(), login); // waits for the socket's hello: the banner goes away
            assertTrue(browser.inViewport("#composer-text"), "the chat page, signed in");

            // A message sent over REST arrives on the page's socket, on screen.
            String text = "Hello from the API on WildFly " + login;
            var sent = owner.post("api/v1/rooms/" + general + "/messages",
                    Json.createObjectBuilder().add("text", text).add("clientId", TestData.uniqueLogin("c")).build().toString());
            assertEquals(201, sent.statusCode(), sent.body());
            browser.waitForText("#message-list .jc-text", text);
            browser.screenshot("wildfly-2-message");

            // Signing out ends the session's sockets too (the credential a socket was opened with reaches the endpoint
            // on Undertow as on Tyrus: the container opens the socket on the handshake's thread).
            var session = browser.driver.manage().getCookieNamed("JSESSIONID").getValue();
            try (var tab = ChatClient.connectWithSession(BASE, session)) {
                browser.driver.get(BASE + "app/profile.xhtml");
                browser.click("#session\\:logout");
                browser.find("#login\\:username");
                assertEquals(1008, tab.awaitClosed(), "signing out closes the session's sockets");
            }
        }

        // The same over a third party's socket: hello, then the message live.
        try (var socket = ChatClient.connect(BASE, owner.token(), null)) {
            assertTrue(socket.hello.getJsonArray("rooms").size() >= 1, "hello lists the rooms: " + socket.hello);
            var sent = owner.post("api/v1/rooms/" + general + "/messages",
                    Json.createObjectBuilder().add("text", "live").add("clientId", TestData.uniqueLogin("c")).build().toString());
            assertEquals(201, sent.statusCode(), sent.body());
            var live = socket.next(f -> "message".equals(f.getString("type")) && "live".equals(f.getString("text", "")));
            assertEquals(general, live.getJsonNumber("room").longValue());
        }

        // History pages: three more messages, read back two at a time.
        List<Long> seqs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            var sent = owner.post("api/v1/rooms/" + general + "/messages",
                    Json.createObjectBuilder().add("text", "page " + i).add("clientId", TestData.uniqueLogin("c")).build().toString());
            seqs.add(HttpSession.json(sent).getJsonNumber("seq").longValue());
        }
        var newest = HttpSession.objects(owner.get("api/v1/rooms/" + general + "/messages?limit=2"));
        assertEquals(List.of("page 2", "page 3"), newest.stream().map(m -> m.getString("text")).toList());
        var older = HttpSession.objects(owner.get("api/v1/rooms/" + general + "/messages?limit=2&before=" + seqs.get(1)));
        assertEquals("page 1", older.get(older.size() - 1).getString("text"));

        // A room is created, and its settings page (Faces, PrimeFaces) saves a new topic.
        var created = owner.post("api/v1/rooms", Json.createObjectBuilder().add("name", TestData.uniqueLogin("wfroom"))
                .add("visibility", "public").build().toString());
        assertEquals(201, created.statusCode(), created.body());
        long room = HttpSession.json(created).getJsonNumber("id").longValue();
        try (var browser = new Browser("wildfly-settings", 1280, 800)) {
            browser.signIn(BASE.toString(), owner.login());
            browser.driver.get(BASE + "app/room.xhtml?id=" + room);
            browser.find("#details\\:topic").clear();
            browser.type("#details\\:topic", "Deployed on WildFly");
            browser.click("#details\\:save");
            browser.until(d -> HttpSession.json(owner.get("api/v1/rooms/" + room)).getString("topic", "").equals("Deployed on WildFly"));
            assertTrue(browser.inViewport("#room-heading"), "the settings page, on screen");
            browser.screenshot("wildfly-3-room-settings");
        }
    }
}
