package org.jointchat.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The tests' SMTP server: a real one (GreenMail), started once per failsafe JVM on the loopback port the test
 * domain sends to (pom.xml: it.smtp.port, passed to the domain as JOINTCHAT_SMTP_HOST/PORT), and a way to read
 * what arrived for an address. Every test uses addresses of its own (e.g. {@code login@example.test}), so no reset
 * between tests is needed.
 * <pre>
 * Mailbox.start();                                   // in @BeforeAll; cheap when already running
 * var mail = Mailbox.next("ann@example.test");        // waits for the next mail to that address not read before
 * String link = mail.link("/verify-email.xhtml");     // the first link to that page, from the plain text
 * Mailbox.assertNone("bob@example.test", Duration.ofSeconds(1));
 * </pre>
 * Mail the server sends while no test has started the mailbox is refused (the server logs the failure and retries a
 * few times); tests that do not look at mail do not care.
 */
public final class Mailbox {

    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** One received mail, decoded. */
    public record Mail(String to, String from, String subject, String text, String html, Map<String, String> headers,
            String contentType) {

        /** A header's first value (any case), or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The first URL in the plain text whose path contains {@code pathPart}; fails when there is none. */
        public String link(String pathPart) {
            var m = URL.matcher(text);
            while (m.find()) {
                if (m.group().contains(pathPart)) {
                    return m.group();
                }
            }
            throw new AssertionError("no link with " + pathPart + " in the mail to " + to + ":\n" + text);
        }
    }

    private static GreenMail server;

    /** How many mails to each address the tests have read through {@link #next}. */
    private static final Map<String, Integer> read = new ConcurrentHashMap<>();

    private Mailbox() {
    }

    /** The port the test domain sends to. */
    public static int port() {
        return Integer.getInteger("it.smtp.port", 18025);
    }

    /** Starts the server once in this JVM (stopped when the JVM ends). */
    public static synchronized void start() {
        if (server == null) {
            var setup = new ServerSetup(port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            server = new GreenMail(setup);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "greenmail-stop"));
        }
    }

    /** Every mail received for the address so far, oldest first. */
    public static List<Mail> all(String address) {
        start();
        var out = new ArrayList<Mail>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                var to = message.getRecipients(Message.RecipientType.TO);
                if (to != null && Arrays.stream(to).anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address))) {
                    out.add(decode(address, message));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Waits (up to 20 s) for the next mail to the address that no earlier call read, and returns it. */
    public static Mail next(String address) throws Exception {
        String key = address.toLowerCase(Locale.ROOT);
        int seen = read.getOrDefault(key, 0);
        Await.until(WAIT, () -> "no new mail to " + address + " (read " + seen + " before)", () -> all(address).size() > seen);
        read.put(key, seen + 1);
        return all(address).get(seen);
    }

    /** The shortest quiet time {@link #assertNone} waits: a mail leaves after the commit, on another thread. */
    private static final Duration MIN_QUIET = Duration.ofSeconds(1);

    /**
     * Asserts that no mail to the address arrives within {@code quiet} (at least one second) beyond those read
     * already; the mailbox is checked at least once, and once more at the end.
     */
    public static void assertNone(String address, Duration quiet) throws Exception {
        int seen = read.getOrDefault(address.toLowerCase(Locale.ROOT), 0);
        long deadline = System.nanoTime() + (quiet.compareTo(MIN_QUIET) < 0 ? MIN_QUIET : quiet).toNanos();
        boolean last = false;
        do {
            last = System.nanoTime() >= deadline;
            var mails = all(address);
            if (mails.size() > seen) {
                throw new AssertionError("unexpected mail to " + address + ": " + mails.get(seen).subject() + "\n" + mails.get(seen).text());
            }
            if (!last) {
                Thread.sleep(100);
            }
        } while (!last);
    }

    private static Mail decode(String address, MimeMessage message) throws Exception {
        var headers = new HashMap<String, String>();
        var all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            var h = all.nextElement();
            headers.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getValue());
        }
        String text = null;
        String html = null;
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    text = (String) part.getContent();
                } else if (part.isMimeType("text/html")) {
                    html = (String) part.getContent();
                }
            }
        } else {
            text = String.valueOf(content);
        }
        String from = message.getFrom() == null ? null : ((InternetAddress) message.getFrom()[0]).getAddress();
        return new Mail(address, from, message.getSubject(), text, html, headers, message.getContentType());
    }
}
