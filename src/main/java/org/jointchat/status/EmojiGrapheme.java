package org.jointchat.status;

/**
 * Whether a text is one emoji as people pick it: a pictograph (with its variation selector and skin tone), a flag
 * (two regional indicators), a keycap, or such emoji joined with zero-width joiners (👩‍💻), optionally with
 * emoji tags (subdivision flags). Java 17's BreakIterator does not know emoji graphemes, so the grammar is here.
 */
final class EmojiGrapheme {

    private static final int ZWJ = 0x200D;
    private static final int VS16 = 0xFE0F;
    private static final int KEYCAP = 0x20E3;
    private static final int MAX_CODE_POINTS = 16;

    private EmojiGrapheme() {
    }

    static boolean isOne(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        int[] cps = text.codePoints().toArray();
        if (cps.length > MAX_CODE_POINTS) {
            return false;
        }
        int i = element(cps, 0);
        if (i < 0) {
            return false;
        }
        while (i < cps.length && cps[i] == ZWJ) {
            i = element(cps, i + 1);
            if (i < 0) {
                return false;
            }
        }
        while (i < cps.length && cps[i] >= 0xE0020 && cps[i] <= 0xE007F) {
            i++; // tag sequence (🏴 with subdivision tags)
        }
        return i == cps.length;
    }

    /** Reads one element at i; the index after it, or -1 when there is none. */
    private static int element(int[] cps, int i) {
        if (i >= cps.length) {
            return -1;
        }
        int cp = cps[i];
        if (isRegionalIndicator(cp)) {
            return i + 1 < cps.length && isRegionalIndicator(cps[i + 1]) ? i + 2 : -1;
        }
        if (cp == '#' || cp == '*' || cp >= '0' && cp <= '9') {
            int j = i + 1;
            if (j < cps.length && cps[j] == VS16) {
                j++;
            }
            return j < cps.length && cps[j] == KEYCAP ? j + 1 : -1;
        }
        if (!isPictograph(cp)) {
            return -1;
        }
        int j = i + 1;
        if (j < cps.length && cps[j] == VS16) {
            j++;
        }
        if (j < cps.length && cps[j] >= 0x1F3FB && cps[j] <= 0x1F3FF) {
            j++; // skin tone
        }
        return j;
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    /** Extended pictographic code points, by the ranges Unicode assigns them (close enough for a status). */
    private static boolean isPictograph(int cp) {
        return cp >= 0x1F000 && cp <= 0x1FAFF && !(cp >= 0x1F3FB && cp <= 0x1F3FF) && !isRegionalIndicator(cp)
                || cp >= 0x2600 && cp <= 0x27BF
                || cp >= 0x2300 && cp <= 0x23FF
                || cp >= 0x2B00 && cp <= 0x2BFF
                || cp >= 0x2190 && cp <= 0x21FF
                || cp >= 0x25A0 && cp <= 0x25FF
                || cp >= 0x2900 && cp <= 0x297F
                || cp == 0x00A9 || cp == 0x00AE || cp == 0x203C || cp == 0x2049 || cp == 0x2122 || cp == 0x2139
                || cp == 0x24C2 || cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299;
    }
}
