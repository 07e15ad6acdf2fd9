package org.jointchat.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Message text follows the same visible-text rule as names, with newline and tab allowed. */
class MessageRulesTest {

    @Test
    void bidiOverridesAndIsolatesAreRefusedLikeInNames() {
        for (String hidden : new String[] {"invoice\u202Etxt.exe", "a\u2066b", "x\u200Fy", "line\u2028break", "bell\u0007"}) {
            var e = assertThrows(ChatException.class, () -> MessageRules.checkedText(hidden), hidden);
            assertEquals(ChatError.INVALID, e.code());
        }
    }

    @Test
    void multilineTextEmojiSequencesAndFlagsStay() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // ZWJ sequence
        String scotland = "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F"; // tag sequence
        String text = "first line\n\tindented " + family + " " + scotland + " می\u200Cخواهم";
        assertEquals(text, MessageRules.checkedText("  " + text + "  "));
    }

    @Test
    void clientIdsAreChecked() {
        assertEquals("c-1.a:b_c", MessageRules.checkedClientId("c-1.a:b_c"));
        assertThrows(ChatException.class, () -> MessageRules.checkedClientId("has space"));
    }
}
