package org.jointchat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

/**
 * A registered user with a bearer token, calling the API as themselves and opening chat sockets: what most tests
 * start with. Tests that need more (a room of their own, uploads, moderation) extend it with their own calls.
 */
public class TestUser {

    private final HttpSession api;
    private final String login;
    private final String displayName;
    private final String token;

    /** Registers a new user through the API (login: {@code prefix-xxxxxxxx}) and takes a token for it. */
    protected TestUser(HttpSession api, String prefix, String displayName) {
        this.api = api;
        this.login = Accounts.register(api, prefix, displayName);
        this.displayName = displayName;
        this.token = Accounts.token(api, login);
    }

    private TestUser(HttpSession api, String login, String displayName, String token) {
        this.api = api;
        this.login = login;
        this.displayName = displayName;
        this.token = token;
    }

    /** A new user with a token. */
    public static TestUser register(HttpSession api, String prefix, String displayName) {
        return new TestUser(api, prefix, displayName);
    }

    /** Someone the server may not know (e.g. a made-up token): for tests of what strangers get. */
    public static TestUser claiming(HttpSession api, String login, String token) {
        return new TestUser(api, login, login, token);
    }

    public String login() {
        return login;
    }

    public String displayName() {
        return displayName;
    }

    public String token() {
        return token;
    }

    /** The Authorization header's value. */
    public String bearer() {
        return "Bearer " + token;
    }

    public HttpSession api() {
        return api;
    }

    public HttpResponse<String> get(String path) {
        return api.get(path, "Authorization", bearer());
    }

    public HttpResponse<String> post(String path, String json) {
        return api.postJson(path, json, "Authorization", bearer());
    }

    public HttpResponse<String> put(String path, String json) {
        return withJson("PUT", path, json);
    }

    public HttpResponse<String> patch(String path, String json) {
        return withJson("PATCH", path, json);
    }

    public HttpResponse<String> delete(String path) {
        return api.delete(path, "Authorization", bearer());
    }

    private HttpResponse<String> withJson(String method, String path, String json) {
        return api.send(api.request(path, "Authorization", bearer()).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * Creates a room named {@code namePrefix} plus a random tail (names are unique server-wide) with this
     * visibility ({@code public}, {@code private}); asserts 201 and returns its id.
     */
    public long newRoom(String namePrefix, String visibility) {
        return newRoom(namePrefix, Json.createObjectBuilder().add("visibility", visibility));
    }

    /** As {@link #newRoom(String, String)}, with the room's other settings (visibility, announcement...) given. */
    public long newRoom(String namePrefix, JsonObjectBuilder settings) {
        var created = post("api/v1/rooms", settings.add("name", namePrefix + UUID.randomUUID().toString().substring(0, 12))
                .build().toString());
        assertEquals(201, created.statusCode(), created.body());
        return HttpSession.json(created).getJsonNumber("id").longValue();
    }

    /** Adds the others to the room (as its owner or a moderator would); asserts 201 for each. */
    public void add(long room, TestUser... others) {
        for (var other : others) {
            var added = put("api/v1/rooms/" + room + "/members/" + other.login(), "");
            assertEquals(201, added.statusCode(), added.body());
        }
    }

    /** Opens (or finds) the direct room with the other user; its id. */
    public long direct(TestUser other) {
        var opened = post("api/v1/direct/" + other.login(), "");
        assertTrue(opened.statusCode() == 200 || opened.statusCode() == 201, opened.body());
        return HttpSession.json(opened).getJsonNumber("id").longValue();
    }

    /** Posts a plain text message (with a fresh clientId) over REST; asserts 201 and returns the message. */
    public JsonObject sendMessage(long room, String text) {
        var sent = post("api/v1/rooms/" + room + "/messages", Json.createObjectBuilder().add("text", text)
                .add("clientId", UUID.randomUUID().toString()).build().toString());
        assertEquals(201, sent.statusCode(), sent.body());
        return HttpSession.json(sent);
    }

    /** The room's latest messages (up to 200) as this user reads them over REST; asserts 200. */
    public List<JsonObject> roomHistory(long room) {
        var page = get("api/v1/rooms/" + room + "/messages?limit=200");
        assertEquals(200, page.statusCode(), page.body());
        return HttpSession.objects(page);
    }

    /** A chat socket to the server this user's API client talks to; waits for the hello frame. */
    public ChatClient connect() {
        return connect(api.base());
    }

    /** A chat socket to another address (a cluster member, the balancer); waits for the hello frame. */
    public ChatClient connect(URI base) {
        return ChatClient.connect(base, token, null);
    }

    @Override
    public String toString() {
        return login;
    }
}
