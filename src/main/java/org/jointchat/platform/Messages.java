package org.jointchat.platform;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** User-facing text from the bundles ({@code org/jointchat/i18n/messages*.properties}). */
public final class Messages {

    public static final String BUNDLE = "org.jointchat.i18n.messages";
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("ru"), Locale.forLanguageTag("uk"));

    private Messages() {
    }

    public static String get(Locale locale, String key, Object... arguments) {
        try {
            String text = ResourceBundle.getBundle(BUNDLE, supported(locale), Messages.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
            return arguments.length == 0 ? text : new MessageFormat(text, locale).format(arguments);
        } catch (MissingResourceException e) {
            return key;
        }
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
