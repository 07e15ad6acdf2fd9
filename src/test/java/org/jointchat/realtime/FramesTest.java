package org.jointchat.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.jointchat.account.UserRef;
import org.jointchat.presence.Presence;
import org.junit.jupiter.api.Test;

/** Hand-written presence JSON must parse back to exactly what went in, whatever a display name holds. */
class FramesTest {

    @Test
    void presenceEntriesSurviveQuotesBackslashesControlsAndEmoji() {
        String name = "Ann \"the\" \\ Coder\t😀\u2028 Ölçü </script>";
        var offline = Frames.presenceEntry(new Presence(new UserRef(1, "ann", name), false, Instant.parse("2026-11-26T01:02:03.456Z")));
        var online = Frames.presenceEntry(new Presence(new UserRef(2, "bob", "Bob"), true, null));
        var frame = Json.createReader(new StringReader(Frames.presence(List.of(offline, online)))).readObject();
        assertEquals("presence", frame.getString("type"));
        var first = frame.getJsonArray("users").getJsonObject(0);
        assertEquals(name, first.getString("displayName"));
        assertFalse(first.getBoolean("online"));
        assertEquals("2026-11-26T01:02:03.456Z", first.getString("lastSeen"));
        var second = frame.getJsonArray("users").getJsonObject(1);
        assertTrue(second.getBoolean("online"));
        assertTrue(second.isNull("lastSeen"));
    }
}
