package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestUser;

/** Rooms, members and messages made through the REST API, for a browser test to open and look at. */
final class RoomsOverApi {

    private final HttpSession api;

    RoomsOverApi(HttpSession api) {
        this.api = api;
    }

    /** A public room (topic null: none) that the others join; its id. */
    long publicRoom(TestUser owner, String name, String topic, TestUser... others) {
        var room = Json.createObjectBuilder().add("name", name).add("visibility", "public");
        if (topic != null) {
            room.add("topic", topic);
        }
        var created = api.postJson("api/v1/rooms", room.build().toString(), "Authorization", owner.bearer());
        assertEquals(201, created.statusCode(), created.body());
        long id = HttpSession.json(created).getJsonNumber("id").longValue();
        for (TestUser other : others) {
            join(other, id);
        }
        return id;
    }

    void join(TestUser who, long room) {
        var joined = api.send(api.request("api/v1/rooms/" + room + "/members/" + who.login(), "Authorization", who.bearer())
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, joined.statusCode(), joined.body());
    }

    /** Posts a message (replyTo 0: none); its seq. */
    long post(TestUser who, long room, String text, long replyTo) {
        var body = Json.createObjectBuilder().add("text", text).add("clientId", "t-" + UUID.randomUUID());
        if (replyTo > 0) {
            body.add("replyTo", replyTo);
        }
        var sent = api.postJson("api/v1/rooms/" + room + "/messages", body.build().toString(), "Authorization", who.bearer());
        assertEquals(201, sent.statusCode(), sent.body());
        return HttpSession.json(sent).getJsonNumber("seq").longValue();
    }
}
