package org.jointchat.realtime;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jointchat.account.UserRef;
import org.jointchat.message.ChatError;
import org.jointchat.message.ChatMessage;
import org.jointchat.message.MessageJson;
import org.jointchat.presence.OnlineCount;
import org.jointchat.presence.Presence;
import org.jointchat.room.RoomView;

/** Encodes the server's frames (docs/protocol.md). Each is built once, however many sockets receive it. */
public final class Frames {

    /** Looked up once: JSON.createObjectBuilder() would search for the provider on every call. */
    static final JsonProvider JSON = JsonProvider.provider();

    private Frames() {
    }

    public static String time(Instant instant) {
        return MessageJson.time(instant);
    }

    /** The first frame: who you are, your rooms, and how many people are online (not who: see watch). */
    public static String hello(UserRef user, List<RoomView> rooms, int onlineCount) {
        return hello(user, false, rooms, onlineCount);
    }

    /** The first frame; {@code admin}: the user is an administrator (they moderate every room). */
    public static String hello(UserRef user, boolean admin, List<RoomView> rooms, int onlineCount) {
        return hello(user, admin, rooms, onlineCount, Map.of());
    }

    /** The first frame; each room also says {@code threadUnread}: unread replies of the user's followed threads there (threads). */
    public static String hello(UserRef user, boolean admin, List<RoomView> rooms, int onlineCount, Map<Long, Long> threadUnread) {
        var roomArray = JSON.createArrayBuilder();
        rooms.forEach(r -> roomArray.add(JSON.createObjectBuilder(room(r)).add("threadUnread", threadUnread.getOrDefault(r.id(), 0L))));
        var me = JSON.createObjectBuilder(user(user));
        if (admin) {
            me.add("admin", true);
        }
        return JSON.createObjectBuilder().add("type", "hello").add("user", me)
                .add("rooms", roomArray).add("onlineCount", onlineCount).build().toString();
    }

    public static String message(ChatMessage m) {
        return messageObject(m).build().toString();
    }

    /** A message changed (edited, deleted, reacted to): the whole message as it is now. */
    public static String changed(ChatMessage m) {
        return messageObject(m, "changed").build().toString();
    }

    public static JsonObjectBuilder messageObject(ChatMessage m) {
        return messageObject(m, "message");
    }

    /** A message as frames and the REST API show it: {@link MessageJson}, with the frame's type. */
    private static JsonObjectBuilder messageObject(ChatMessage m, String type) {
        return MessageJson.object(m, type);
    }

    public static String ack(ChatMessage m) {
        return JSON.createObjectBuilder().add("type", "ack").add("clientId", m.clientId()).add("room", m.roomId())
                .add("seq", m.seq()).add("id", m.id()).add("sentAt", time(m.sentAt())).build().toString();
    }

    public static String synced(long roomId, long lastSeq, long lastVersion) {
        return JSON.createObjectBuilder().add("type", "synced").add("room", roomId).add("lastSeq", lastSeq)
                .add("lastVersion", lastVersion).build().toString();
    }

    /** One user's presence as a {@code presence} frame lists it; encoded once per change, whoever watches. */
    public static String presenceEntry(Presence p) {
        // Written by hand: one is encoded for every change anyone watches, and the builder showed in profiles.
        var json = new StringBuilder(96).append("{\"login\":");
        quote(json, p.user().login()).append(",\"displayName\":");
        quote(json, p.user().displayName()).append(",\"online\":").append(p.online()).append(",\"lastSeen\":");
        if (p.online() || p.lastSeen() == null) {
            json.append("null");
        } else {
            quote(json, time(p.lastSeen()));
        }
        return json.append('}').toString();
    }

    /** Appends a JSON string literal (RFC 8259 escaping). */
    static StringBuilder quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

    /** How many members of a room are online now, and a tag of who they are (see {@link OnlineCount}). */
    public static String onlineCount(long roomId, OnlineCount count) {
        return "{\"type\":\"online\",\"room\":" + roomId + ",\"count\":" + count.count() + ",\"tag\":" + count.tag() + "}";
    }

    /** A {@code presence} frame from entries made by {@link #presenceEntry}. */
    public static String presence(Collection<String> entries) {
        return "{\"type\":\"presence\",\"users\":[" + String.join(",", entries) + "]}";
    }

    /** The answer to a {@code watch} frame: the current state of every watched user ({@code "all":true}). */
    public static String presenceOfAll(Collection<String> entries) {
        return "{\"type\":\"presence\",\"all\":true,\"users\":[" + String.join(",", entries) + "]}";
    }

    public static String typing(long roomId, UserRef user) {
        return JSON.createObjectBuilder().add("type", "typing").add("room", roomId).add("login", user.login())
                .add("displayName", user.displayName()).build().toString();
    }

    public static String error(ChatError code, String message, String clientId) {
        return error(code, message, clientId, null);
    }

    /** An error frame; {@code until} says when a refusal ends (MUTED: when the mute ends). */
    public static String error(ChatError code, String message, String clientId, Instant until) {
        var frame = JSON.createObjectBuilder().add("type", "error").add("code", code.name()).add("message", message);
        if (clientId != null) {
            frame.add("clientId", clientId);
        }
        if (until != null) {
            frame.add("until", time(until));
        }
        return frame.build().toString();
    }

    /** A sync that could not go on: the room says which, so that the client can sync it again. */
    public static String syncError(ChatError code, String message, long roomId) {
        return JSON.createObjectBuilder().add("type", "error").add("code", code.name()).add("message", message)
                .add("room", roomId).build().toString();
    }

    /** A room as frames show it; absent fields are left out. */
    public static JsonObject room(RoomView r) {
        var room = JSON.createObjectBuilder().add("id", r.id()).add("name", r.name()).add("kind", r.kind())
                .add("lastSeq", r.lastSeq());
        if (r.topic() != null) {
            room.add("topic", r.topic());
        }
        if (r.owner() != null) {
            room.add("owner", r.owner());
        }
        if (r.memberCount() != null) {
            room.add("memberCount", r.memberCount());
        }
        if (r.lastReadSeq() != null) {
            room.add("lastReadSeq", r.lastReadSeq()).add("unread", r.unread());
        }
        if (r.mentions() != null) {
            room.add("mentions", r.mentions());
        }
        if (r.announcement() != null) {
            room.add("announcement", r.announcement()).add("archived", r.archived());
        }
        if (r.moderators() != null) {
            room.add("moderators", JSON.createArrayBuilder(r.moderators()));
        }
        if (r.mutedUntil() != null) {
            room.add("mutedUntil", time(r.mutedUntil()));
        }
        if (r.canModerate() != null) {
            room.add("canModerate", r.canModerate());
        }
        if (r.canPost() != null) {
            room.add("canPost", r.canPost());
        }
        if (r.members() != null) {
            var members = JSON.createArrayBuilder();
            r.members().forEach(m -> members.add(JSON.createObjectBuilder().add("login", m.login())
                    .add("displayName", m.displayName()).add("owner", m.owner())));
            room.add("members", members);
        }
        return room.build();
    }

    public static String roomEvent(String event, RoomView r, String login) {
        return JSON.createObjectBuilder().add("type", "room").add("event", event).add("room", room(r))
                .add("login", login).build().toString();
    }

    public static String read(long roomId, long seq) {
        return JSON.createObjectBuilder().add("type", "read").add("room", roomId).add("seq", seq).build().toString();
    }

    public static String profile(UserRef user, String status) {
        return JSON.createObjectBuilder().add("type", "profile").add("user", JSON.createObjectBuilder()
                .add("login", user.login()).add("displayName", user.displayName()).add("status", status)).build().toString();
    }

    public static String pong() {
        return "{\"type\":\"pong\"}";
    }

    private static JsonObject user(UserRef u) {
        return JSON.createObjectBuilder().add("login", u.login()).add("displayName", u.displayName()).build();
    }
}
