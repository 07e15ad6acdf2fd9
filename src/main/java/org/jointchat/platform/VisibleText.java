package org.jointchat.platform;

/**
 * The one rule for text that people see — names, topics, statuses, about texts and messages: no control
 * characters and no invisible formatting characters that change how other text displays (bidi overrides
 * and isolates such as U+202E, which can make a name or link read backwards), no line or paragraph
 * separators. Kept: the zero-width joiner and non-joiner (emoji sequences, Persian and Indic scripts) and
 * emoji tag characters (subdivision flags); newline and tab where the text may have several lines.
 */
public final class VisibleText {

    private VisibleText() {
    }

    /** True when the text breaks the rule. */
    public static boolean hasHiddenCharacters(String text, boolean multiline) {
        return text.codePoints().anyMatch(c -> !allowed(c, multiline));
    }

    private static boolean allowed(int c, boolean multiline) {
        if (c == '\n' || c == '\t') {
            return multiline;
        }
        if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
            return false;
        }
        if (Character.getType(c) == Character.FORMAT) {
            return c == 0x200D || c == 0x200C || (c >= 0xE0020 && c <= 0xE007F);
        }
        return true;
    }
}
