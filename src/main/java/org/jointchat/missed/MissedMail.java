package org.jointchat.missed;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.jointchat.mail.MailTemplate;
import org.jointchat.mail.OutgoingMail;
import org.jointchat.platform.Messages;

/**
 * Writes the mails of missed messages in the recipient's language, plain text and HTML ({@link MailTemplate}): a
 * digest of several messages or a mail of one, each message with its author, where and when, the start of its
 * text and a link to it in the chat; a link to stop these mails (a page that asks once more) and the RFC 8058
 * headers for the mail client's own one-click unsubscribe.
 */
public final class MissedMail {

    /** Messages a digest shows; the rest are counted ("and 12 more"). */
    static final int DIGEST_SHOWN = 20;
    /** Characters of a message's text a mail quotes. */
    static final int EXCERPT = 300;

    /** Where the links point: the server's public address, without a trailing slash. */
    private final String base;
    private final Duration delay;

    MissedMail(String base, Duration delay) {
        this.base = base;
        this.delay = delay;
    }

    /** One mail telling of all these messages (oldest first; the first {@value #DIGEST_SHOWN} shown). */
    OutgoingMail digest(MissedMessageClaims.Recipient to, List<MissedMessage> messages, String token) {
        Locale l = to.language();
        int count = messages.size();
        var body = MailTemplate.in(l)
                .heading(Messages.get(l, "missed.mail.heading", count))
                .paragraph(Messages.get(l, "missed.mail.intro", to.displayName()));
        messages.stream().limit(DIGEST_SHOWN).forEach(m -> item(body, l, m));
        if (count > DIGEST_SHOWN) {
            body.paragraph(Messages.get(l, "missed.mail.more", count - DIGEST_SHOWN));
        }
        body.action(Messages.get(l, "missed.mail.openChat"), base + "/app/home.xhtml");
        return finish(to, Messages.get(l, "missed.mail.subject.digest", count), body, token);
    }

    /** One mail telling of one message. */
    OutgoingMail single(MissedMessageClaims.Recipient to, MissedMessage m, String token) {
        Locale l = to.language();
        String subject = m.direct() && !m.mention()
                ? Messages.get(l, "missed.mail.subject.direct", m.authorName())
                : Messages.get(l, "missed.mail.subject.mention", m.authorName(), where(l, m));
        var body = MailTemplate.in(l).heading(subject).paragraph(Messages.get(l, "missed.mail.intro.one", to.displayName()));
        item(body, l, m);
        return finish(to, subject, body, token);
    }

    private void item(MailTemplate body, Locale l, MissedMessage m) {
        String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(l)
                .withZone(ZoneOffset.UTC).format(m.sentAt()) + " UTC";
        String head = m.direct()
                ? Messages.get(l, "missed.mail.item.direct", m.authorName(), m.authorLogin(), when)
                : Messages.get(l, "missed.mail.item.mention", m.authorName(), m.authorLogin(), m.roomName(), when);
        body.paragraph(head + "\n" + excerpt(m.text()));
        body.link(Messages.get(l, "missed.mail.open"), link(m));
    }

    private OutgoingMail finish(MissedMessageClaims.Recipient to, String subject, MailTemplate body, String token) {
        Locale l = to.language();
        String page = base + "/unsubscribe.xhtml?token=" + token;
        String oneClick = base + "/api/v1/email-notifications/unsubscribe?token=" + token;
        body.link(Messages.get(l, "missed.mail.unsubscribe"), page)
                .footer(delay.toMinutes() >= 1
                        ? Messages.get(l, "missed.mail.footer", delay.toMinutes(), to.email(), base + "/app/profile.xhtml")
                        : Messages.get(l, "missed.mail.footer.seconds", delay.toSeconds(), to.email(), base + "/app/profile.xhtml"));
        var built = body.build();
        var headers = new LinkedHashMap<String, String>();
        // RFC 8058: the mail client offers "Unsubscribe" and POSTs "List-Unsubscribe=One-Click" to the URL itself.
        headers.put("List-Unsubscribe", "<" + oneClick + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("X-Auto-Response-Suppress", "All");
        return new OutgoingMail(to.email(), l, subject, built.text(), built.html(), headers);
    }

    /** The message in the chat: its room opened at it. */
    String link(MissedMessage m) {
        return base + "/app/home.xhtml?room=" + m.roomId() + "&seq=" + m.seq();
    }

    private static String where(Locale l, MissedMessage m) {
        return m.direct() ? Messages.get(l, "missed.mail.directRoom") : "#" + m.roomName();
    }

    static String excerpt(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return "…";
        }
        return t.codePointCount(0, t.length()) <= EXCERPT ? t : t.substring(0, t.offsetByCodePoints(0, EXCERPT)).stripTrailing() + "…";
    }
}
