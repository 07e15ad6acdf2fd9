package org.jointchat.web;

import java.io.Serializable;
import java.util.Locale;
import org.jointchat.account.User;

/**
 * A person offered by a settings page's autocomplete: avatar initials on the person's colour, display name and @login,
 * as the chat page shows people (resources/js/chat/ui/dom.js, avatar(): the same initials and the same hue).
 */
public record PersonSuggestion(String login, String displayName) implements Serializable {

    /** How many avatar colours the palette has (dom.js AVATAR_COLOURS). */
    static final int AVATAR_COLOURS = 12;

    static PersonSuggestion of(User user) {
        return new PersonSuggestion(user.getLogin(), user.getDisplayName());
    }

    /** The first letters of the first and last words of the name (whole code points). */
    public String initials() {
        String name = displayName == null || displayName.isBlank() ? login : displayName.strip();
        String[] words = name.split("\\s+");
        var initials = new StringBuilder().appendCodePoint(words[0].codePointAt(0));
        if (words.length > 1) {
            initials.appendCodePoint(words[words.length - 1].codePointAt(0));
        }
        return initials.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * The login's colour as dom.js picks it ((hash * 31 + char) | 0 over UTF-16 units is String.hashCode): one of the
     * palette's avatar colours (--jc-avatar-0 … 11, white initials readable on each), or the hue where there is none.
     */
    public String color() {
        long hash = Math.abs((long) login.hashCode());
        return "var(--jc-avatar-" + hash % AVATAR_COLOURS + ", hsl(" + hash % 360 + ", 55%, 45%))";
    }
}
