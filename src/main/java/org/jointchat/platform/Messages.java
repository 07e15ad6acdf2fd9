package org.jointchat.platform;

import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Pattern;

/** User-facing text from the bundles ({@code org/jointchat/i18n/messages*.properties}). */
public final class Messages {

    public static final String BUNDLE = "org.jointchat.i18n.messages";
    private static final Pattern PLURAL = Pattern.compile("\\{(\\d+),\\s*plural,");
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("ru"), Locale.forLanguageTag("uk"));

    private Messages() {
    }

    public static String get(Locale locale, String key, Object... arguments) {
        try {
            var language = supported(locale);
            String text = ResourceBundle.getBundle(BUNDLE, language, Messages.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
            return arguments.length == 0 ? text : new MessageFormat(plurals(text, language, arguments), language).format(arguments);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /**
     * Resolves ICU-style plural arguments, {@code {0, plural, one {# member} few {# members} other {# members}}},
     * by the language's plural rules (the page does the same with {@code Intl.PluralRules}); {@code #} is the
     * number. What is left is an ordinary MessageFormat pattern.
     */
    static String plurals(String pattern, Locale language, Object... arguments) {
        var out = new StringBuilder();
        int from = 0;
        var marker = PLURAL.matcher(pattern);
        while (marker.find(from)) {
            int end = closing(pattern, marker.start());
            if (end < 0) {
                break;
            }
            out.append(pattern, from, marker.start());
            int index = Integer.parseInt(marker.group(1));
            long n = index < arguments.length && arguments[index] instanceof Number number ? number.longValue() : 0;
            var forms = forms(pattern.substring(marker.end(), end));
            String form = forms.getOrDefault("=" + n, forms.getOrDefault(category(language, n), forms.getOrDefault("other", "")));
            out.append(form.replace("#", "{" + index + ",number,integer}"));
            from = end + 1;
        }
        return out.append(pattern.substring(from)).toString();
    }

    /** The plural category of a whole number: English one/other; Russian and Ukrainian one/few/many. */
    public static String category(Locale language, long n) {
        long abs = Math.abs(n);
        if ("ru".equals(language.getLanguage()) || "uk".equals(language.getLanguage())) {
            long last = abs % 10;
            long lastTwo = abs % 100;
            if (last == 1 && lastTwo != 11) {
                return "one";
            }
            return last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14) ? "few" : "many";
        }
        return abs == 1 ? "one" : "other";
    }

    private static Map<String, String> forms(String body) {
        var forms = new HashMap<String, String>();
        int i = 0;
        while (i < body.length()) {
            int open = body.indexOf('{', i);
            if (open < 0) {
                break;
            }
            String selector = body.substring(i, open).strip();
            int close = closing(body, open);
            if (close < 0) {
                break;
            }
            forms.put(selector, body.substring(open + 1, close));
            i = close + 1;
        }
        return forms;
    }

    /** The index of the brace closing the one at {@code open}, or -1. */
    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The best supported locale for a preference list (e.g. from Accept-Language); English when none fits. */
    public static Locale negotiate(List<Locale> preferred) {
        for (Locale wanted : preferred) {
            for (Locale offered : SUPPORTED) {
                if (offered.getLanguage().equals(wanted.getLanguage())) {
                    return offered;
                }
            }
        }
        return Locale.ENGLISH;
    }

    private static Locale supported(Locale locale) {
        return locale == null ? Locale.ENGLISH : negotiate(List.of(locale));
    }
}
