package org.jointchat.message;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jointchat.platform.VisibleText;

/** What a message and its client id must look like. */
public final class MessageRules {

    public static final int TEXT_MAX = 4000;
    /** The most files one message carries. */
    public static final int ATTACHMENTS_MAX = 10;
    private static final int MENTIONS_MAX = 50;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** {@code @login}, not inside a word or an e-mail address; logins are 3–32 of a–z 0–9 . _ - (account rules). */
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.@-])@([A-Za-z0-9][A-Za-z0-9._-]{1,31})");

    private MessageRules() {
    }

    /** The text as it will be stored (trimmed), or a ChatException saying why it cannot be. */
    public static String checkedText(String text) {
        if (text == null) {
            throw new ChatException(ChatError.INVALID, "text is required");
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new ChatException(ChatError.EMPTY, "text is empty");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > TEXT_MAX) {
            throw new ChatException(ChatError.TOO_LONG, "text has more than " + TEXT_MAX + " characters");
        }
        if (VisibleText.hasHiddenCharacters(trimmed, true)) {
            // The same rule as for names: a message must not reverse or hide how other text displays.
            throw new ChatException(ChatError.INVALID, "text contains control or invisible formatting characters (such as U+202E)");
        }
        return trimmed;
    }

    /** As {@link #checkedText}, except that a message carrying files may have no text (""). */
    public static String checkedText(String text, boolean hasAttachments) {
        if (hasAttachments && (text == null || text.strip().isEmpty())) {
            return "";
        }
        return checkedText(text);
    }

    /** Up to 10 distinct attachment ids, or a ChatException. */
    public static List<Long> checkedAttachments(List<Long> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        if (ids.stream().anyMatch(java.util.Objects::isNull)) { // List.of(..).contains(null) would throw
            throw new ChatException(ChatError.INVALID, "attachments must be ids of uploads");
        }
        var distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        if (distinct.size() > ATTACHMENTS_MAX) {
            throw new ChatException(ChatError.TOO_LONG, "a message carries at most " + ATTACHMENTS_MAX + " attachments");
        }
        return List.copyOf(distinct);
    }

    /**
     * One emoji, as a user picks it: one symbol, optionally with its skin tone, variation selector or tag
     * characters (a few), or several joined by zero-width joiners (👨‍👩‍👧), a flag (two regional indicators)
     * or a keycap (1️⃣); not letters, digits, ASCII symbols, spaces, controls or two emoji side by side.
     */
    public static String checkedEmoji(String emoji) {
        if (emoji == null || emoji.isEmpty() || emoji.length() > 32) {
            throw new ChatException(ChatError.INVALID, "emoji must be one emoji");
        }
        int symbols = 0;
        int modifiers = 0;
        boolean joined = false;
        boolean halfFlag = false;
        if (emoji.matches("[0-9#*]\uFE0F?\u20E3")) {
            return emoji; // a keycap
        }
        for (int i = 0; i < emoji.length(); ) {
            int cp = emoji.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (cp < 0xA0) {
                throw new ChatException(ChatError.INVALID, "emoji must be one emoji"); // ASCII: < = + ^ ` | ~ and the like
            } else if (cp == 0x200D) {
                joined = true;
            } else if (cp == 0xFE0F || cp == 0x20E3 || cp >= 0x1F3FB && cp <= 0x1F3FF || cp >= 0xE0020 && cp <= 0xE007F
                    || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                if (++modifiers > 8) {
                    throw new ChatException(ChatError.INVALID, "emoji must be one emoji"); // no tower of combining marks
                }
            } else if (cp >= 0x1F1E6 && cp <= 0x1F1FF && halfFlag) {
                halfFlag = false; // the second letter of a flag
            } else if (type == Character.OTHER_SYMBOL || type == Character.MODIFIER_SYMBOL || type == Character.MATH_SYMBOL
                    || cp >= 0x1F1E6 && cp <= 0x1F1FF) {
                halfFlag = cp >= 0x1F1E6 && cp <= 0x1F1FF;
                symbols += joined ? 0 : 1;
                joined = false;
            } else {
                throw new ChatException(ChatError.INVALID, "emoji must be one emoji");
            }
        }
        if (symbols != 1 || joined) {
            throw new ChatException(ChatError.INVALID, "emoji must be one emoji");
        }
        return emoji;
    }

    /** The logins a text mentions ({@code @login}, any case), lower-cased, each once, at most 50. */
    public static List<String> mentionedLogins(String text) {
        var logins = new LinkedHashSet<String>();
        var matcher = MENTION.matcher(text);
        while (matcher.find() && logins.size() < MENTIONS_MAX) {
            String login = matcher.group(1);
            while (login.endsWith(".") || login.endsWith("-")) {
                login = login.substring(0, login.length() - 1); // "@bob." at the end of a sentence
            }
            if (login.length() >= 3) {
                logins.add(login.toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(logins);
    }

    public static String checkedClientId(String clientId) {
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            throw new ChatException(ChatError.INVALID, "clientId must be 1-64 characters of A-Z a-z 0-9 . _ : -");
        }
        return clientId;
    }
}
