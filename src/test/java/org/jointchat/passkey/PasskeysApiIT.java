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
 * without a challenge of their purpose refused, a forged answer refused, another site's page refused, only the
 * owner's passkeys reachable (another account's real one answers 404), and at the second step only the pending
 * account's passkey. The ceremonies themselves run in PasskeysInBrowsersIT.
 */
class PasskeysApiIT extends AgainstTheServer {

    private static final String PASSKEYS = "api/v1/passkeys";
    private static final String ANSWER = "{\"credential\":{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\","
            + "\"response\":{\"clientDataJSON\":\"e30\",\"authenticatorData\":\"AAAA\",\"signature\":\"AAAA\"},\"clientExtensionResults\":{}}}";

    @Test
    void registrationOptionsAskForADiscoverablePasskeyOfThisSiteAndOwnersOnlyReachTheirs() throws Exception {
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

        // A forged answer (a real authenticator's, to another challenge) is refused, and its challenge is gone: the
        // right answer could not follow it.
        String origin = base.getScheme() + "://" + base.getAuthority();
        var forger = new SoftAuthenticator(options.getJsonObject("rp").getString("id"));
        var forged = user.post(PASSKEYS, "{\"name\":\"Fake\",\"credential\":"
                + forger.register("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", origin) + "}");
        assertProblem(401, "invalid-credentials", forged, "an answer to another challenge");
        assertProblem(401, "invalid-credentials", user.post(PASSKEYS, "{\"name\":\"Fake\",\"credential\":{}}"),
                "no challenge is left for a second try");
        assertEquals("[]", user.get(PASSKEYS).body(), "nothing half-stored");
        // Another account's REAL passkey: neither removed nor renamed by this one (and still there afterwards).
        var other = TestUser.register(api, "pkb", "Bea Other");
        long theirs = add(other, new SoftAuthenticator(options.getJsonObject("rp").getString("id")), "Theirs");
        assertProblem(404, "not-found", user.delete(PASSKEYS + "/" + theirs), "only one's own passkeys are removed");
        assertProblem(404, "not-found", user.put(PASSKEYS + "/" + theirs, "{\"name\":\"Mine now\"}"), "only one's own are renamed");
        assertTrue(other.get(PASSKEYS).body().contains("\"name\":\"Theirs\""), other.get(PASSKEYS).body());
        assertProblem(400, "validation", other.put(PASSKEYS + "/" + theirs, "{\"name\":\"  \"}"), "a name is needed");
    }

    /** Registers a passkey of this software authenticator for the user; its id. */
    private long add(TestUser user, SoftAuthenticator authenticator, String name) throws Exception {
        String origin = base.getScheme() + "://" + base.getAuthority();
        var options = HttpSession.json(user.post(PASSKEYS + "/registration/options", "{}"));
        var added = user.post(PASSKEYS, "{\"name\":\"" + name + "\",\"credential\":"
                + authenticator.register(options.getString("challenge"), origin) + "}");
        assertEquals(201, added.statusCode(), added.body());
        return HttpSession.json(added).getJsonNumber("id").longValue();
    }

    /**
     * The second step after a password takes only the pending account's passkey: another account's real passkey is
     * refused, and so is an answer to options asked for another pending sign-in of the same browser.
     */
    @Test
    void theSecondStepTakesOnlyThePendingAccountsPasskey() throws Exception {
        String origin = base.getScheme() + "://" + base.getAuthority();
        var owner = TestUser.register(api, "pko", "Olga Owner");
        var stranger = TestUser.register(api, "pkx", "Xavier Stranger");
        String rpId = HttpSession.json(owner.post(PASSKEYS + "/registration/options", "{}")).getJsonObject("rp").getString("id");
        var ownKey = new SoftAuthenticator(rpId);
        var strangersKey = new SoftAuthenticator(rpId);
        add(owner, ownKey, "Own");
        add(stranger, strangersKey, "Stranger's");

        var browser = new HttpSession(base);
        var first = org.jointchat.support.Administrators.signIn(browser, owner.login(), org.jointchat.support.TestData.PASSWORD, false);
        assertTrue(browser.redirectPath(first.response()).startsWith("/login-second-step.xhtml"), "the password asks for the second step");
        var options = HttpSession.json(browser.postJson(PASSKEYS + "/second-step/options", "{}", "Origin", origin));
        var refused = browser.postJson(PASSKEYS + "/second-step", "{\"credential\":" + strangersKey.signIn(options.getString("challenge"),
                origin, 1, handleOf(stranger)) + "}", "Origin", origin, "Accept-Language", "en");
        assertProblem(401, "invalid-credentials", refused, "another account's passkey at the second step");
        assertEquals(302, browser.get("app/home.xhtml").statusCode(), "not signed in");

        // Options for the owner's pending sign-in, then the stranger's password in the same browser: the owner's
        // challenge is not the stranger's.
        options = HttpSession.json(browser.postJson(PASSKEYS + "/second-step/options", "{}", "Origin", origin));
        org.jointchat.support.Administrators.signIn(browser, stranger.login(), org.jointchat.support.TestData.PASSWORD, false);
        assertProblem(401, "invalid-credentials", browser.postJson(PASSKEYS + "/second-step", "{\"credential\":"
                + strangersKey.signIn(options.getString("challenge"), origin, 2, handleOf(stranger)) + "}", "Origin", origin),
                "a challenge issued for another pending sign-in");

        options = HttpSession.json(browser.postJson(PASSKEYS + "/second-step/options", "{}", "Origin", origin));
        var right = browser.postJson(PASSKEYS + "/second-step", "{\"credential\":"
                + strangersKey.signIn(options.getString("challenge"), origin, 3, handleOf(stranger)) + "}", "Origin", origin);
        assertEquals(200, right.statusCode(), "the pending account's own passkey: " + right.body());
        assertEquals(stranger.login(), HttpSession.json(right).getString("login"));
    }

    /** The WebAuthn user handle of a user: what the registration options carried. */
    private static byte[] handleOf(TestUser user) {
        var options = HttpSession.json(user.post(PASSKEYS + "/registration/options", "{}"));
        return java.util.Base64.getUrlDecoder().decode(options.getJsonObject("user").getString("id"));
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
        assertProblem(401, "invalid-credentials", signIn(new HttpSession(base), authenticator, null, origin, 7, null),
                "a password-less answer without its user handle");
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
