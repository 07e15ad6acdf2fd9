package org.jointchat.missed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The mails of missed messages: subjects in each language's plural forms, the headers, escaping, the digest's cap. */
class MissedMailTest {

    static final String BASE = "https://chat.example.org";
    static final String TOKEN = "a".repeat(43);
    final MissedMail mails = new MissedMail(BASE, Duration.ofMinutes(10));

    static MissedMessageClaims.Recipient to(String language, EmailNotificationMode mode) {
        return new MissedMessageClaims.Recipient(7, "ann", "Ann", "ann@example.org", mode, Locale.forLanguageTag(language));
    }

    static MissedMessage message(int i, boolean direct) {
        return new MissedMessage(100 + i, direct ? 5 : 6, direct, direct ? null : "design", 10 + i, null,
                Instant.parse("2026-12-07T08:00:00Z").plusSeconds(i), "bob", "Bob <Builder>", "text " + i + " <script>", !direct);
    }

    @Test
    void aDigestCountsInTheRecipientsLanguageAndCarriesTheOneClickHeaders() {
        var mail = mails.digest(to("ru", EmailNotificationMode.DIGEST), List.of(message(1, true), message(2, false), message(3, true)), TOKEN);
        assertEquals("3 непрочитанных сообщения в JointChat", mail.subject());
        assertEquals("<" + BASE + "/api/v1/email-notifications/unsubscribe?token=" + TOKEN + ">", mail.headers().get("List-Unsubscribe"));
        assertEquals("List-Unsubscribe=One-Click", mail.headers().get("List-Unsubscribe-Post"));
        assertEquals("ann@example.org", mail.to());
        assertTrue(mail.text().contains(BASE + "/app/home.xhtml?room=5&seq=11"), mail.text());
        assertTrue(mail.text().contains("#design"), mail.text());
        assertTrue(mail.text().contains(BASE + "/unsubscribe.xhtml?token=" + TOKEN), mail.text());
        assertTrue(mail.html().contains("text 1 &lt;script&gt;"), "escaped: " + mail.html());
        assertFalse(mail.html().contains("<script>"));
        assertEquals("5 непрочитаних повідомлень у JointChat",
                mails.digest(to("uk", EmailNotificationMode.DIGEST), List.of(message(1, true), message(2, true), message(3, true),
                        message(4, true), message(5, true)), TOKEN).subject());
        assertEquals("1 unread message in JointChat", mails.digest(to("en", EmailNotificationMode.DIGEST), List.of(message(1, true)), TOKEN).subject());
    }

    @Test
    void aDigestShowsTwentyAndCountsTheRestAndOneMailEachNamesTheSender() {
        var many = new ArrayList<MissedMessage>();
        for (int i = 0; i < 23; i++) {
            many.add(message(i, true));
        }
        var digest = mails.digest(to("en", EmailNotificationMode.DIGEST), many, TOKEN);
        assertTrue(digest.text().contains("text 19 "), digest.text());
        assertFalse(digest.text().contains("text 20 "), digest.text());
        assertTrue(digest.text().contains("And 3 more unread messages."), digest.text());

        assertEquals("Bob <Builder> sent you a message in JointChat", mails.single(to("en", EmailNotificationMode.EACH), message(1, true), TOKEN).subject());
        assertEquals("Bob <Builder> mentioned you in #design", mails.single(to("en", EmailNotificationMode.EACH), message(1, false), TOKEN).subject());
        assertEquals("Bob <Builder> упомянул(а) вас: #design", mails.single(to("ru", EmailNotificationMode.EACH), message(1, false), TOKEN).subject());
    }

    @Test
    void longTextsAreCutAtAWholeCharacter() {
        String emoji = "😀".repeat(400);
        String cut = MissedMail.excerpt(emoji);
        assertEquals(MissedMail.EXCERPT + 1, cut.codePointCount(0, cut.length()));
        assertTrue(cut.endsWith("…"));
        assertEquals("short", MissedMail.excerpt("  short "));
    }
}
