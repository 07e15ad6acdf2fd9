package org.jointchat.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jointchat.account.FieldError;
import org.jointchat.account.InvalidInputException;
import org.junit.jupiter.api.Test;

/** What a status may be (issue 22, item 4): text rules, one emoji, times ahead and within 30 days; what reads as set. */
class StatusRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private static List<String> refusedFields(String text, String emoji, String expiresAt, String dndUntil) {
        var refused = assertThrows(InvalidInputException.class, () -> StatusRules.check(text, emoji, expiresAt, dndUntil, NOW));
        return refused.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aStatusWithEmojiExpiryAndDoNotDisturb() {
        var status = StatusRules.check("  In a meeting ", "📅", "2026-12-07T11:00:00Z", "2026-12-07T10:30:00+00:00", NOW);
        assertEquals("In a meeting", status.text(), "trimmed");
        assertEquals("📅", status.emoji());
        assertEquals(Instant.parse("2026-12-07T11:00:00Z"), status.expiresAt());
        assertEquals(Instant.parse("2026-12-07T10:30:00Z"), status.dndUntil());
        assertTrue(status.dnd());
        var none = StatusRules.check(null, null, null, null, NOW);
        assertTrue(none.isNone());
        assertFalse(none.dnd());
    }

    @Test
    void theTextRulesOfStatuses() {
        assertEquals(100, StatusRules.check("x".repeat(100), "", null, null, NOW).text().length());
        assertEquals("🎉".repeat(100), StatusRules.check("🎉".repeat(100), "", null, null, NOW).text(), "100 characters, not UTF-16 units");
        assertEquals(List.of("text"), refusedFields("x".repeat(101), "", null, null));
        assertEquals(List.of("text"), refusedFields("evil \u202Egnp.exe", "", null, null), "a bidi override");
        assertEquals(List.of("text"), refusedFields("bell\u0007", "", null, null), "a control character");
    }

    @Test
    void oneEmojiGrapheme() {
        for (String one : List.of("📅", "🤒", "👍🏽", "👩‍💻", "❤️", "🇺🇦", "1️⃣", "🏳️‍🌈", "☕", "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F")) {
            assertEquals(one, StatusRules.check("", one, null, null, NOW).emoji(), one);
        }
        for (String notOne : List.of("a", "📅📅", "📅 x", "x📅", ":)", "🇺", "\u200D📅", "📅\u200D", "1", "\uD83D")) {
            assertEquals(List.of("emoji"), refusedFields("", notOne, null, null), notOne);
        }
    }

    @Test
    void timesInTheFutureWithinThirtyDays() {
        assertEquals(List.of("expiresAt"), refusedFields("busy", "", "2026-12-07T09:59:59Z", null), "past");
        assertEquals(List.of("expiresAt"), refusedFields("busy", "", "2026-12-07T10:00:00Z", null), "now is not ahead");
        assertEquals(List.of("dndUntil"), refusedFields("", "", null, "2027-01-06T10:00:01Z"), "more than 30 days ahead");
        assertEquals(List.of("dndUntil"), refusedFields("", "", null, "tomorrow"), "not a time");
        StatusRules.check("", "", null, NOW.plus(StatusRules.MAX_AHEAD).toString(), NOW);
        assertEquals(List.of("text", "emoji", "expiresAt", "dndUntil"),
                refusedFields("x".repeat(101), "ab", "2020-01-01T00:00:00Z", "soon"), "every broken rule at once");
    }

    @Test
    void whatRunsOutReadsAsNone() {
        var status = new UserStatus("In a meeting", "📅", NOW.plusSeconds(60), NOW.plusSeconds(30));
        assertEquals(status, status.at(NOW));
        assertEquals(NOW.plusSeconds(30), status.nextRunOut());
        var dndOver = status.at(NOW.plusSeconds(30));
        assertFalse(dndOver.dnd(), "do-not-disturb ended");
        assertEquals("📅", dndOver.emoji(), "the status stays");
        assertEquals(NOW.plusSeconds(60), dndOver.nextRunOut());
        var allOver = status.at(NOW.plus(Duration.ofMinutes(1)));
        assertTrue(allOver.isNone());
        assertNull(allOver.expiresAt());
        assertNull(allOver.nextRunOut());
    }
}
