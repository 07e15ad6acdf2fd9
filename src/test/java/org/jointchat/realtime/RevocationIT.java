package org.jointchat.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.jointchat.support.Accounts;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.FacesForm;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
import org.junit.jupiter.api.Test;

/** Ending a credential ends the sockets it opened, at once, and only those. */
class RevocationIT extends AgainstTheServer {


    private static long general(ChatClient client) {
        return client.hello.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("name").equals("general")).findFirst().orElseThrow().getJsonNumber("id").longValue();
    }

    @Test
    void aRevokedTokenEndsItsSocketAtOnceAndNoOtherOne() throws Exception {
        String login = Accounts.register(api, "revoke", "Revoke Tester");
        String revokedToken = Accounts.token(api, login);
        String keptToken = Accounts.token(api, login);
        try (var revokedSocket = ChatClient.connect(base, revokedToken, null); var keptSocket = ChatClient.connect(base, keptToken, null)) {
            long room = general(keptSocket);
            assertEquals(204, api.delete("api/v1/tokens/current", "Authorization", "Bearer " + revokedToken).statusCode());
            assertEquals(1008, revokedSocket.awaitClosed(), "the revoked token's socket is closed with 1008");

            // The other token's socket goes on as before.
            keptSocket.sendMessage(room, "still here after a revocation", "kept-1");
            var ack = keptSocket.next(f -> "ack".equals(f.getString("type")) && "kept-1".equals(f.getString("clientId")));
            assertTrue(ack.getJsonNumber("seq").longValue() > 0);
        }
    }

    @Test
    void anExpiringTokenEndsItsSocketWhenItExpires() throws Exception {
        String login = Accounts.register(api, "expiry", "Expiry Tester");
        // A token that lives three seconds, written as the server writes them (SHA-256 of the token, hex).
        String token = "expiring-token-" + java.util.UUID.randomUUID();
        try (var db = TestDatabase.connect();
                var insert = db.prepareStatement("""
                        INSERT INTO api_tokens (token_hash, user_id, expires_at)
                        SELECT encode(sha256(convert_to(?, 'UTF8')), 'hex'), id, now() + interval '3 seconds' FROM users WHERE login = ?""")) {
            insert.setString(1, token);
            insert.setString(2, login);
            assertEquals(1, insert.executeUpdate());
        }
        try (var socket = ChatClient.connect(base, token, null)) {
            assertEquals(login, socket.hello.getJsonObject("user").getString("login"));
            long opened = System.nanoTime();
            assertEquals(1008, socket.awaitClosed(), "closed when the token expired");
            assertTrue((System.nanoTime() - opened) / 1_000_000 < 8000, "within a second or so of the expiry");
        }
        assertEquals(401, api.get("api/v1/users/me", "Authorization", "Bearer " + token).statusCode());
    }

    @Test
    void signingOutOfTheBrowserEndsItsSockets() throws Exception {
        var browser = new HttpSession(base);
        String login = Accounts.register(api, "signout", "Signout Tester");
        var signedIn = FacesForm.of(browser.get("login.xhtml").body(), "login")
                .set("login:username", login).set("login:password", TestData.PASSWORD)
                .press(browser, "login:submit");
        assertEquals(302, signedIn.status());
        var home = browser.get("app/home.xhtml");
        assertEquals(200, home.statusCode());
        try (var socket = ChatClient.connectWithSession(base, browser.cookie("JSESSIONID"))) {
            assertEquals(login, socket.hello.getJsonObject("user").getString("login"));
            var loggedOut = FacesForm.of(home.body(), "session").press(browser, "session:logout");
            assertEquals(302, loggedOut.status());
            assertEquals(1008, socket.awaitClosed(), "signing out closes the page's socket");
        }
    }
}
