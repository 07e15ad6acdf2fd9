package org.jointchat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jointchat.support.Deployments;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST API as a third-party client uses it, over real HTTP. */
@ExtendWith(ArquillianExtension.class)
class AccountApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.app();
    }

    @ArquillianResource
    URL base;

    HttpSession api;

    @BeforeEach
    void client() throws Exception {
        api = new HttpSession(base.toURI());
    }

    static String account(String login, String displayName, String password) {
        return Json.createObjectBuilder().add("login", login).add("displayName", displayName).add("password", password).build().toString();
    }

    static String credentials(String login, String password) {
        return Json.createObjectBuilder().add("login", login).add("password", password).build().toString();
    }

    @Test
    void registerIssueUseAndRevokeAToken() {
        String login = TestData.uniqueLogin("Api");
        var created = api.postJson("api/v1/accounts", account(login, "Api User", TestData.PASSWORD));
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith("/api/v1/users/" + login.toLowerCase()));
        assertEquals(Json.createObjectBuilder().add("login", login.toLowerCase()).add("displayName", "Api User").build(),
                HttpSession.json(created));

        var issued = api.postJson("api/v1/tokens", credentials(login.toUpperCase(), TestData.PASSWORD));
        assertEquals(201, issued.statusCode(), issued.body());
        String token = HttpSession.json(issued).getString("token");
        assertTrue(HttpSession.json(issued).getString("expiresAt").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));

        var me = api.get("api/v1/users/me", "Authorization", "Bearer " + token);
        assertEquals(200, me.statusCode());
        assertEquals(login.toLowerCase(), HttpSession.json(me).getString("login"));
        assertEquals(200, api.get("api/v1/users/" + login.toUpperCase(), "Authorization", "Bearer " + token).statusCode());
        assertEquals(404, api.get("api/v1/users/nobody-" + login, "Authorization", "Bearer " + token).statusCode());

        assertEquals(204, api.delete("api/v1/tokens/current", "Authorization", "Bearer " + token).statusCode());
        assertProblem(api.get("api/v1/users/me", "Authorization", "Bearer " + token), 401, "unauthenticated");
        assertTrue(created.headers().firstValue("Set-Cookie").isEmpty(), "the API does not start sessions");
    }

    @Test
    void withoutValidCredentialsTheApiAnswers401() {
        var anonymous = api.get("api/v1/users/me");
        assertProblem(anonymous, 401, "unauthenticated");
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
        assertProblem(api.get("api/v1/users/me", "Authorization", "Bearer not-a-token"), 401, "unauthenticated");
        assertProblem(api.get("api/v1/users/me", "Authorization", "Basic YWxpY2U6c2VjcmV0"), 401, "unauthenticated");
        assertProblem(api.delete("api/v1/tokens/current"), 401, "unauthenticated");
    }

    @Test
    void badRegistrationsAreExplainedPerFieldAndStoreNothing() {
        String login = TestData.uniqueLogin("bad");
        var invalid = api.postJson("api/v1/accounts", account("x", " ", "short"));
        var problem = assertProblem(invalid, 400, "validation");
        Set<String> fields = problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field")).collect(Collectors.toSet());
        assertEquals(Set.of("login", "displayName", "password"), fields);

        var russian = api.postJson("api/v1/accounts", account(login, "Ann\u0001", TestData.PASSWORD), "Accept-Language", "ru-RU,ru;q=0.9");
        assertTrue(assertProblem(russian, 400, "validation").getJsonArray("errors").getJsonObject(0).getString("message").contains("управляющие"));

        assertProblem(api.postJson("api/v1/accounts", "{\"login\": \"" + login), 400, "malformed-request");
        assertProblem(api.postJson("api/v1/accounts", "[]"), 400, "malformed-request");
        assertProblem(api.postJson("api/v1/accounts", ""), 400, "malformed-request");
        assertProblem(api.postJson("api/v1/accounts", "{\"login\": \"" + login + "\", \"displayName\": \"" + "x".repeat(100_000) + "\"}"), 413, "payload-too-large");
        var chunked = api.send(api.request("api/v1/accounts").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        ("{\"login\": \"" + login + "\", \"displayName\": \"" + "y".repeat(200_000) + "\"}").getBytes()))));
        assertProblem(chunked, 413, "payload-too-large");
        assertProblem(api.send(api.request("api/v1/accounts").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))), 415, "unsupported-media-type");

        // None of the attempts above created the account.
        assertProblem(api.postJson("api/v1/tokens", credentials(login, TestData.PASSWORD)), 401, "invalid-credentials");
        assertEquals(201, api.postJson("api/v1/accounts", account(login, "Good", TestData.PASSWORD)).statusCode());
        var taken = api.postJson("api/v1/accounts", account(login.toUpperCase(), "Copy", TestData.PASSWORD));
        assertEquals("This login is taken.", assertProblem(taken, 409, "login-taken").getJsonArray("errors").getJsonObject(0).getString("message"));
    }

    @Test
    void wrongPasswordAndUnknownLoginLookTheSameAndRepeatedFailuresGet429() {
        String login = TestData.uniqueLogin("guard");
        assertEquals(201, api.postJson("api/v1/accounts", account(login, "Guarded", TestData.PASSWORD)).statusCode());

        var wrongPassword = api.postJson("api/v1/tokens", credentials(login, "not the password"));
        var unknownLogin = api.postJson("api/v1/tokens", credentials("nobody-" + login, "not the password"));
        assertProblem(wrongPassword, 401, "invalid-credentials");
        assertEquals(wrongPassword.body(), unknownLogin.body());

        for (int i = 0; i < 4; i++) {
            assertProblem(api.postJson("api/v1/tokens", credentials(login, "wrong " + i)), 401, "invalid-credentials");
        }
        var locked = api.postJson("api/v1/tokens", credentials(login, TestData.PASSWORD));
        assertProblem(locked, 429, "too-many-attempts");
        assertTrue(Integer.parseInt(locked.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    }

    @Test
    void healthAndOpenApiAreServed() throws Exception {
        var root = new HttpSession(new URI(base.getProtocol(), null, base.getHost(), base.getPort(), "/", null, null));
        var ready = root.get("health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"database\""), ready.body());
        var openapi = root.get("openapi");
        assertEquals(200, openapi.statusCode());
        assertTrue(openapi.body().contains("/api/v1/tokens"), "OpenAPI describes the token endpoint");
        assertTrue(openapi.body().contains("/api/v1/accounts"));
    }

    private static JsonObject assertProblem(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        var problem = HttpSession.json(response);
        assertEquals("urn:jointchat:problem:" + type, problem.getString("type"));
        assertEquals(status, problem.getInt("status"));
        assertFalse(problem.getString("title").isBlank());
        assertFalse(response.body().contains("Exception"), "no internals leak: " + response.body());
        return problem;
    }
}
