package org.jointchat.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One e-mail to one recipient: a subject, a plain-text body and its HTML alternative, in {@code locale}'s language
 * (sent as {@code Content-Language}), plus extra headers such as {@code List-Unsubscribe} and
 * {@code List-Unsubscribe-Post}. From, Date, Message-ID and {@code Auto-Submitted: auto-generated} are the
 * {@link Mailer}'s: they cannot be given here.
 */
public record OutgoingMail(String to, Locale locale, String subject, String text, String html, Map<String, String> headers) {

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,63}");
    private static final java.util.Set<String> OWN = java.util.Set.of("from", "to", "date", "message-id", "subject",
            "content-language", "content-type", "mime-version", "auto-submitted", "sender", "reply-to-all");

    public OutgoingMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        locale = locale == null ? Locale.ENGLISH : locale;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (hasLineBreak(to) || hasLineBreak(subject)) {
            throw new IllegalArgumentException("a recipient or subject with a line break");
        }
        for (var header : headers.entrySet()) {
            if (!HEADER_NAME.matcher(header.getKey()).matches() || OWN.contains(header.getKey().toLowerCase(Locale.ROOT))
                    || hasLineBreak(header.getValue())) {
                throw new IllegalArgumentException("header not allowed: " + header.getKey());
            }
        }
    }

    /** A mail without extra headers. */
    public OutgoingMail(String to, Locale locale, String subject, String text, String html) {
        this(to, locale, subject, text, html, Map.of());
    }

    private static boolean hasLineBreak(String value) {
        return value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
    }
}
