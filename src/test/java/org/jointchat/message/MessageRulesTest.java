package org.jointchat.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
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

    @Test
    void anEmojiIsOneSymbolWithItsModifiersJoinersOrFlagLetters() {
        for (var one : List.of("👍", "👍🏽", "❤️", "👨‍👩‍👧", "🇺🇦", "🏳️‍🌈", "✅", "1️⃣")) {
            assertEquals(one, MessageRules.checkedEmoji(one), one);
        }
        for (var notOne : List.of("", "a", "1", " ", "👍👍", "🇺🇦🇺", "👍 ", "👍\u200d", "ok", "\u202e👍", "<", "=", "~", "👍" + "\u0301".repeat(9))) {
            assertThrows(ChatException.class, () -> MessageRules.checkedEmoji(notOne), notOne);
        }
    }

    @Test
    void mentionsAreLoginsAfterAnAtSignNotInsideWordsOrAddresses() {
        assertEquals(List.of("bob", "cy.z", "ann_1"),
                MessageRules.mentionedLogins("@Bob, hi @cy.z. And (@ann_1) mail x@dan.org @ab @Bob again"));
    }

    @Test
    void aMessageWithFilesMayHaveNoText() {
        assertEquals("", MessageRules.checkedText("  ", true));
        assertThrows(ChatException.class, () -> MessageRules.checkedText("  ", false));
        assertThrows(ChatException.class, () -> MessageRules.checkedAttachments(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L)));
        assertEquals(List.of(3L, 1L), MessageRules.checkedAttachments(List.of(3L, 1L, 3L)));
    }

    @Test
    void markdownKeepsToTheChatSubsetAndEscapesHtml() {
        assertEquals("<p><strong>b</strong> <em>i</em> <code>c</code> &lt;img src=x onerror=alert(1)&gt;</p>",
                MessageMarkdown.html("**b** *i* `c` <img src=x onerror=alert(1)>"));
        assertEquals("<p># not a heading<br>- not a list</p>", MessageMarkdown.html("# not a heading\n- not a list"));
        assertEquals("<p><a rel=\"noopener noreferrer nofollow\" href=\"\" target=\"_blank\">x</a></p>",
                MessageMarkdown.html("[x](javascript:alert(1))"));
        assertEquals("", MessageMarkdown.html(""));
        assertEquals("<p>[a]: http://x</p>", MessageMarkdown.html("[a]: http://x"), "a definition alone is shown as written");
    }

    @Test
    void doubleTildesStrikeThrough() {
        assertEquals("<p>was <del>wrong</del> right</p>", MessageMarkdown.html("was ~~wrong~~ right"));
        assertEquals("<p>~5 min, ~ok~</p>", MessageMarkdown.html("~5 min, ~ok~"), "a single tilde stays a tilde");
        assertEquals("<p><del>&lt;b&gt;x&lt;/b&gt;</del></p>", MessageMarkdown.html("~~<b>x</b>~~"), "html inside stays escaped");
    }
}
