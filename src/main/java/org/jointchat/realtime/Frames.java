package org.jointchat.realtime;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import org.jointchat.account.UserRef;
import org.jointchat.message.ChatError;
import org.jointchat.message.ChatMessage;
import org.jointchat.room.RoomSummary;

/** Encodes the server's frames (docs/protocol.md). Each is built once, however many sockets receive it. */
public final class Frames {

    private Frames() {
    }

    public static String time(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    public static String hello(UserRef user, List<RoomSummary> rooms, Collection<UserRef> online) {
        var roomArray = Json.createArrayBuilder();
        rooms.forEach(r -> roomArray.add(Json.createObjectBuilder().add("id", r.id()).add("name", r.name())
                .add("kind", r.kind()).add("lastSeq", r.lastSeq())));
        var onlineArray = Json.createArrayBuilder();
        online.forEach(u -> onlineArray.add(user(u)));
        return Json.createObjectBuilder().add("type", "hello").add("user", user(user))
                .add("rooms", roomArray).add("online", onlineArray).build().toString();
    }

    public static String message(ChatMessage m) {
        return messageObject(m).build().toString();
    }

    public static JsonObjectBuilder messageObject(ChatMessage m) {
        return Json.createObjectBuilder().add("type", "message").add("room", m.roomId()).add("seq", m.seq())
                .add("id", m.id()).add("author", m.author()).add("authorName", m.authorName())
                .add("text", m.text()).add("sentAt", time(m.sentAt())).add("clientId", m.clientId());
    }

    public static String ack(ChatMessage m) {
        return Json.createObjectBuilder().add("type", "ack").add("clientId", m.clientId()).add("room", m.roomId())
                .add("seq", m.seq()).add("id", m.id()).add("sentAt", time(m.sentAt())).build().toString();
    }

    public static String synced(long roomId, long lastSeq) {
        return Json.createObjectBuilder().add("type", "synced").add("room", roomId).add("lastSeq", lastSeq).build().toString();
    }

    public static String presence(UserRef user, boolean online, Instant lastSeen) {
        var frame = Json.createObjectBuilder().add("type", "presence").add("login", user.login())
                .add("displayName", user.displayName()).add("online", online);
        frame.add("lastSeen", lastSeen == null ? JsonValue.NULL : Json.createValue(time(lastSeen)));
        return frame.build().toString();
    }

    public static String typing(long roomId, UserRef user) {
        return Json.createObjectBuilder().add("type", "typing").add("room", roomId).add("login", user.login())
                .add("displayName", user.displayName()).build().toString();
    }

    public static String error(ChatError code, String message, String clientId) {
        var frame = Json.createObjectBuilder().add("type", "error").add("code", code.name()).add("message", message);
        if (clientId != null) {
            frame.add("clientId", clientId);
        }
        return frame.build().toString();
    }

    public static String pong() {
        return "{\"type\":\"pong\"}";
    }

    private static JsonObject user(UserRef u) {
        return Json.createObjectBuilder().add("login", u.login()).add("displayName", u.displayName()).build();
    }
}
