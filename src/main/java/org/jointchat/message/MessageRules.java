package org.jointchat.message;

import java.util.regex.Pattern;
import org.jointchat.platform.VisibleText;

/** What a message and its client id must look like. */
public final class MessageRules {

    public static final int TEXT_MAX = 4000;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

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

    public static String checkedClientId(String clientId) {
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            throw new ChatException(ChatError.INVALID, "clientId must be 1-64 characters of A-Z a-z 0-9 . _ : -");
        }
        return clientId;
    }
}
