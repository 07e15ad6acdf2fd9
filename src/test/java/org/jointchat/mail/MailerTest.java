package org.jointchat.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What a mail looks like on the wire (without a server): the parts, the headers, the escaping, the settings. */
class MailerTest {

    private static MailSettings settings(String host, String security, int port) {
        var settings = new MailSettings();
        settings.host = Optional.ofNullable(host);
        settings.port = port;
        settings.security = security;
        settings.user = Optional.empty();
        settings.password = Optional.empty();
        settings.from = "JointChat <noreply@chat.example.org>";
        settings.timeout = Duration.ofSeconds(5);
        settings.publicUrl = Optional.empty();
        return settings;
    }

    @Test
    void aMailIsTextAndHtmlAlternativesWithTheHeadersAutomaticMailNeeds() throws Exception {
        var mailer = new Mailer();
        mailer.settings = settings("smtp.example.org", "starttls", 0);
        var body = MailTemplate.in(Locale.forLanguageTag("uk")).heading("Привіт <b>").paragraph("a & b").action("Go", "https://x.test/a?b=1&c=2")
                .footer("auto").build();
        var message = mailer.compose(Session.getInstance(new Properties()), new OutgoingMail("ann@example.test", Locale.forLanguageTag("uk"),
                "Тема", body.text(), body.html(), Map.of("List-Unsubscribe", "<https://x.test/u>", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click")));
        assertEquals("noreply@chat.example.org", ((jakarta.mail.internet.InternetAddress) message.getFrom()[0]).getAddress());
        assertEquals("Тема", message.getSubject());
        assertEquals("uk", message.getHeader("Content-Language")[0]);
        assertEquals("auto-generated", message.getHeader("Auto-Submitted")[0]);
        assertEquals("<https://x.test/u>", message.getHeader("List-Unsubscribe")[0]);
        assertEquals("List-Unsubscribe=One-Click", message.getHeader("List-Unsubscribe-Post")[0]);
        assertTrue(message.getHeader("Message-ID")[0].matches("<[0-9a-f]{32}@chat\\.example\\.org>"), message.getHeader("Message-ID")[0]);
        assertTrue(message.getSentDate() != null);
        var parts = (MimeMultipart) message.getContent();
        assertTrue(message.getContentType().startsWith("multipart/alternative"), message.getContentType());
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain") && parts.getBodyPart(1).isMimeType("text/html"));
        String html = (String) parts.getBodyPart(1).getContent();
        assertTrue(html.contains("Привіт &lt;b&gt;") && html.contains("a &amp; b") && html.contains("href=\"https://x.test/a?b=1&amp;c=2\""), html);
        assertFalse(html.contains("src=") || html.contains("<link") || html.contains("url("), "no external resources");
        String text = (String) parts.getBodyPart(0).getContent();
        assertTrue(text.contains("https://x.test/a?b=1&c=2") && text.contains("Привіт <b>"), text);
    }

    @Test
    void headersCannotBeInjectedNorTheMailersOwnOnesReplaced() {
        assertThrows(IllegalArgumentException.class, () -> new OutgoingMail("a@b.test\r\nBcc: x@y.test", Locale.ENGLISH, "s", "t", null));
        assertThrows(IllegalArgumentException.class, () -> new OutgoingMail("a@b.test", Locale.ENGLISH, "s\nBcc: x", "t", null));
        assertThrows(IllegalArgumentException.class, () -> new OutgoingMail("a@b.test", Locale.ENGLISH, "s", "t", null, Map.of("From", "x@y.test")));
        assertThrows(IllegalArgumentException.class, () -> new OutgoingMail("a@b.test", Locale.ENGLISH, "s", "t", null, Map.of("X-A", "1\r\nBcc: x")));
    }

    @Test
    void theSecurityModeChoosesThePortAndTheTlsSettings() {
        var starttls = settings("smtp.example.org", "starttls", 0).sessionProperties();
        assertEquals("587", starttls.get("mail.smtp.port"));
        assertEquals("true", starttls.get("mail.smtp.starttls.required"));
        var tls = settings("smtp.example.org", "TLS", 0).sessionProperties();
        assertEquals("465", tls.get("mail.smtp.port"));
        assertEquals("true", tls.get("mail.smtp.ssl.enable"));
        var none = settings("127.0.0.1", "none", 2525).sessionProperties();
        assertEquals("2525", none.get("mail.smtp.port"));
        assertFalse(none.containsKey("mail.smtp.starttls.enable") || none.containsKey("mail.smtp.ssl.enable"));
        assertFalse(settings(null, "starttls", 0).enabled(), "off without a host");
        assertFalse(settings(" ", "starttls", 0).enabled(), "off with a blank host");
    }

    /** A request that names a host of the attacker's choosing (what a forged Host header gives). */
    private static jakarta.servlet.http.HttpServletRequest forgedHost() {
        return (jakarta.servlet.http.HttpServletRequest) java.lang.reflect.Proxy.newProxyInstance(MailerTest.class.getClassLoader(),
                new Class<?>[] {jakarta.servlet.http.HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getServerName" -> "evil.example.test";
                    case "getScheme" -> "https";
                    case "getServerPort" -> 443;
                    case "getContextPath" -> "/jointchat";
                    default -> null;
                });
    }

    @Test
    void linksInMailComeOnlyFromThePublicUrlNeverFromTheRequestsHost() {
        var configured = settings("smtp.example.org", "starttls", 0);
        configured.publicUrl = Optional.of("https://chat.example.org/");
        assertEquals("https://chat.example.org", configured.base(forgedHost()));
        assertEquals("https://chat.example.org/reset-password.xhtml", configured.link(forgedHost(), "/reset-password.xhtml"));
        assertTrue(configured.linksEnabled());
        var unset = settings("smtp.example.org", "starttls", 0);
        assertEquals(null, unset.base(forgedHost()), "no public URL: no link at all, whatever the request says");
        assertFalse(unset.linksEnabled(), "no mail with a link is sent then");
    }

    @Test
    void aMailQueuedInATransactionMarkedForRollbackIsDropped() {
        var mailer = new Mailer();
        mailer.settings = settings("smtp.example.org", "starttls", 0);
        var registered = new java.util.concurrent.atomic.AtomicInteger();
        mailer.transactions = (jakarta.transaction.TransactionSynchronizationRegistry) java.lang.reflect.Proxy.newProxyInstance(
                MailerTest.class.getClassLoader(), new Class<?>[] {jakarta.transaction.TransactionSynchronizationRegistry.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getTransactionStatus" -> jakarta.transaction.Status.STATUS_MARKED_ROLLBACK;
                    case "registerInterposedSynchronization" -> {
                        registered.incrementAndGet();
                        yield null;
                    }
                    default -> null;
                });
        // No pool was started: had the mail been queued, this would throw.
        mailer.send(new OutgoingMail("ann@example.test", Locale.ENGLISH, "s", "t", null));
        assertEquals(0, registered.get(), "nothing waits for a commit that cannot come");
    }

    @Test
    void anOutboxMailWaitsLongerAfterEachFailureAtMostAnHourAndKeepsItsHeaders() {
        var outbox = new MailOutbox();
        outbox.retryDelay = Duration.ofSeconds(10);
        assertEquals(java.util.List.of(10L, 50L, 250L, 1250L, 3600L, 3600L),
                java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(n -> outbox.pause(n).toSeconds()).toList());
        var headers = Map.of("List-Unsubscribe", "<https://x.test/u?a=1>", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        assertEquals(headers, MailOutbox.decode(MailOutbox.encode(headers)));
        assertEquals("a…@example.org", Mailer.masked("ann.smith@example.org"));
    }
}
