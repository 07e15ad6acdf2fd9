package org.jointchat.realtime;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.jointchat.message.ChatError;
import org.jointchat.message.ChatException;

/**
 * Reading one inbound frame (docs/protocol.md): the text as one JSON object, and each field checked for its
 * type. A field of the wrong type is refused with {@link ChatError#INVALID} and a message that names it.
 * Static and stateless: reading a frame allocates nothing beyond the JSON itself.
 */
final class InboundFrames {

    private InboundFrames() {
    }

    /** The frame as one JSON object, or null when the text is not one. */
    static JsonObject read(String text) {
        try (var reader = Frames.JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    /** The frame's type; "null" when it has none (an unknown type). */
    static String type(JsonObject frame) {
        return String.valueOf(string(frame, "type"));
    }

    /** The id the client gave the frame, echoed in the answer; null when none or not a string. */
    static String clientId(JsonObject frame) {
        return frame.get("clientId") instanceof JsonString id ? id.getString() : null;
    }

    /** An optional string: absent or null is null. */
    static String string(JsonObject frame, String name) {
        var value = frame.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new ChatException(ChatError.INVALID, name + " must be a string");
    }

    static List<String> strings(JsonObject frame, String name) {
        if (!(frame.get(name) instanceof JsonArray array)) {
            throw new ChatException(ChatError.INVALID, name + " must be an array of strings");
        }
        var result = new ArrayList<String>(array.size());
        for (var value : array) {
            if (!(value instanceof JsonString s)) {
                throw new ChatException(ChatError.INVALID, name + " must be an array of strings");
            }
            result.add(s.getString());
        }
        return result;
    }

    /** An optional boolean: absent or null is null. */
    static Boolean flag(JsonObject frame, String name) {
        var value = frame.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw new ChatException(ChatError.INVALID, name + " must be true or false");
    }

    /** Whether the field is there and not null. */
    static boolean present(JsonObject frame, String name) {
        return frame.containsKey(name) && frame.get(name) != JsonValue.NULL;
    }

    /** An optional integer: absent or null is null. */
    static Long optionalNumber(JsonObject frame, String name) {
        var value = frame.get(name);
        return value == null || value == JsonValue.NULL ? null : number(frame, name);
    }

    /** An optional array of integers (at most 100): absent or null is empty. */
    static List<Long> numbers(JsonObject frame, String name) {
        var value = frame.get(name);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > 100) {
            throw new ChatException(ChatError.INVALID, name + " must be an array of integers");
        }
        var result = new ArrayList<Long>(array.size());
        for (var item : array) {
            if (!(item instanceof JsonNumber n) || !n.isIntegral()) {
                throw new ChatException(ChatError.INVALID, name + " must be an array of integers");
            }
            result.add(n.longValue());
        }
        return result;
    }

    /** A required integer that fits a long. */
    static long number(JsonObject frame, String name) {
        if (frame.get(name) instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException tooLarge) {
                throw new ChatException(ChatError.INVALID, name + " is out of range");
            }
        }
        throw new ChatException(ChatError.INVALID, name + " must be an integer");
    }
}
