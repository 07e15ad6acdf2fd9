package org.jointchat.passkey;

import static org.jointchat.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/**
 * The passkeys API's rules that need no authenticator (issue 23, item 4): options as WebAuthn wants them, answers
 * without a challenge of their purpose refused, a forged answer refused, another site's page refused, and only the
 * owner's passkeys reachable. The ceremonies themselves run in PasskeysInBrowsersIT.
 */
class PasskeysApiIT extends AgainstTheServer {

    private static final String PASSKEYS = "api/v1/passkeys";
    private static final String ANSWER = "{\"credential\":{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\","
            + "\"response\":{\"clientDataJSON\":\"e30\",\"authenticatorData\":\"AAAA\",\"signature\":\"AAAA\"},\"clientExtensionResults\":{}}}";

    @Test
    void registrationOptionsAskForADiscoverablePasskeyOfThisSiteAndOwnersOnlyReachTheirs() {
        var user = TestUser.register(api, "pka", "Ann Api");
        assertProblem(401, "unauthenticated", api.get(PASSKEYS), "a stranger lists nothing");
        assertEquals("[]", user.get(PASSKEYS).body());

        var options = HttpSession.json(user.post(PASSKEYS + "/registration/options", "{}"));
        assertEquals(base.getHost().equals("127.0.0.1") ? "localhost" : base.getHost(), options.getJsonObject("rp").getString("id"),
                "an IP address is no rpId");
        assertEquals("required", options.getJsonObject("authenticatorSelection").getString("residentKey"));
        assertEquals("preferred", options.getJsonObject("authenticatorSelection").getString("userVerification"));
        assertTrue(options.getString("challenge").length() >= 43, "32 random bytes");
        assertEquals(user.login(), options.getJsonObject("user").getString("name"));

        // A forged answer is refused, and its challenge is gone: the right answer could not follow it.
        var forged = user.post(PASSKEYS, "{\"name\":\"Fake\",\"credential\":{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\","
                + "\"response\":{\"clientDataJSON\":\"e30\",\"attestationObject\":\"oA\"},\"clientExtensionResults\":{}}}");
        assertTrue(forged.statusCode() == 400 || forged.statusCode() == 401, forged.body());
        assertProblem(401, "invalid-credentials", user.post(PASSKEYS, "{\"name\":\"Fake\",\"credential\":{}}"),
                "no challenge is left for a second try");
        assertEquals("[]", user.get(PASSKEYS).body(), "nothing half-stored");
        assertProblem(404, "not-found", user.delete(PASSKEYS + "/999999999"), "only one's own passkeys");
        assertProblem(400, "validation", user.put(PASSKEYS + "/1", "{\"name\":\"  \"}"), "a name is needed");
    }

    @Test
    void signInAnswersNeedTheirOwnChallengeAndThisSitesPages() {
        String own = "Origin", origin = base.getScheme() + "://" + base.getAuthority();
        var refused = api.postJson(PASSKEYS + "/sign-in", ANSWER, own, origin, "Accept-Language", "en");
        assertProblem(401, "invalid-credentials", refused, "no challenge was issued");
        assertTrue(refused.body().contains("expired"), refused.body());

        var options = HttpSession.json(api.postJson(PASSKEYS + "/sign-in/options", "{}", own, origin));
        assertEquals(0, options.getJsonArray("allowCredentials").size(), "no user name: any passkey of this site");
        assertEquals("required", options.getString("userVerification"), "password-less: the authenticator verifies the user");
        assertProblem(401, "invalid-credentials", api.postJson(PASSKEYS + "/second-step", ANSWER, own, origin),
                "a sign-in's challenge is not a second step's");
        assertProblem(401, "invalid-credentials", api.postJson(PASSKEYS + "/second-step/options", "{}", own, origin),
                "no second step without a right password first");

        assertProblem(403, "cross-origin", api.postJson(PASSKEYS + "/sign-in/options", "{}", own, "https://evil.example"),
                "another site's page cannot start a sign-in");
        assertProblem(403, "cross-origin", api.postJson(PASSKEYS + "/sign-in", ANSWER, own, "https://evil.example"),
                "nor finish one");
        assertProblem(401, "unauthenticated", api.get(PASSKEYS), "nobody was signed in");
    }

    /**
     * With a passkey in software: an answer to another challenge, from another origin, or with a counter that went
     * backwards is refused; the right one signs in; a removed passkey signs in no more.
     */
    @Test
    void theServerChecksChallengeOriginCounterAndRemoval() throws Exception {
        var user = TestUser.register(api, "pks", "Sam Soft");
        String origin = base.getScheme() + "://" + base.getAuthority();
        var options = HttpSession.json(user.post(PASSKEYS + "/registration/options", "{}"));
        var authenticator = new SoftAuthenticator(options.getJsonObject("rp").getString("id"));
        byte[] handle = java.util.Base64.getUrlDecoder().decode(options.getJsonObject("user").getString("id"));
        var added = user.post(PASSKEYS, "{\"name\":\"Soft\",\"credential\":"
                + authenticator.register(options.getString("challenge"), origin) + "}");
        assertEquals(201, added.statusCode(), added.body());
        long id = HttpSession.json(added).getJsonNumber("id").longValue();

        var browser = new HttpSession(base);
        assertProblem(401, "invalid-credentials", signIn(browser, authenticator, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", origin, 1, handle),
                "an answer to another challenge");
        assertProblem(401, "invalid-credentials", signIn(browser, authenticator, null, "http://evil.example", 2, handle),
                "an answer made for another origin");
        var signedIn = signIn(browser, authenticator, null, origin, 5, handle);
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        assertEquals(user.login(), HttpSession.json(signedIn).getString("login"));
        assertEquals(200, browser.get(PASSKEYS).statusCode(), "the session is signed in");
        assertTrue(user.get(PASSKEYS).body().contains("\"lastUsedAt\":\""), "its use is shown");

        assertProblem(401, "invalid-credentials", signIn(new HttpSession(base), authenticator, null, origin, 3, handle),
                "a counter that went backwards (a cloned authenticator)");
        assertEquals(204, user.delete(PASSKEYS + "/" + id).statusCode());
        var removed = signIn(new HttpSession(base), authenticator, null, origin, 9, handle);
        assertProblem(401, "invalid-credentials", removed, "a removed passkey");
        assertTrue(removed.body().contains("not registered"), removed.body());
    }

    /** A password-less sign-in: options, then the answer (to the challenge given, or to {@code challenge} if set). */
    private java.net.http.HttpResponse<String> signIn(HttpSession browser, SoftAuthenticator authenticator, String challenge,
            String clientOrigin, long counter, byte[] handle) throws Exception {
        String origin = base.getScheme() + "://" + base.getAuthority();
        var options = HttpSession.json(browser.postJson(PASSKEYS + "/sign-in/options", "{}", "Origin", origin));
        String answer = authenticator.signIn(challenge != null ? challenge : options.getString("challenge"), clientOrigin, counter, handle);
        return browser.postJson(PASSKEYS + "/sign-in", "{\"credential\":" + answer + "}", "Origin", origin, "Accept-Language", "en");
    }
}
