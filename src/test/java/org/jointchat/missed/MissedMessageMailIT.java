package org.jointchat.missed;

import static org.jointchat.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.FacesForm;
import org.jointchat.support.HttpSession;
import org.jointchat.support.Mailbox;
import org.jointchat.support.RacingClaimers;
import org.jointchat.support.TestDatabase;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Missed-message e-mail (issue 23, item 1) through a real SMTP server (GreenMail, support/Mailbox), with the test
 * domain's delay of seconds (pom.xml it.missed-mail.delay): a direct message and a mention left unread arrive as one
 * digest with links and RFC 8058 headers, once; the one-click unsubscribe and the page in the mail work without a
 * sign-in; read in time, "never", do-not-disturb and no verified address send nothing; "each" sends one mail per
 * message; two claimers on the database never take the same user.
 */
class MissedMessageMailIT extends AgainstTheServer {

    /** The test domain's delay (pom.xml) and a margin of a few sweeps (one a second). */
    static final Duration DELAY = Duration.parse(System.getenv().getOrDefault("JOINTCHAT_MISSED_MAIL_DELAY", "PT4S"));
    static final Duration MARGIN = Duration.ofSeconds(3);
    static final String PUBLIC_URL = System.getenv().getOrDefault("JOINTCHAT_PUBLIC_URL", "http://localhost:18080/jointchat");
    static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");

    @BeforeAll
    static void smtp() {
        Mailbox.start();
    }

    /** A new user whose verified address is {@code login@example.test} (set behind the API, as the mail item would). */
    TestUser withAddress(String prefix, String name) throws Exception {
        var user = TestUser.register(api, prefix, name);
        try (var db = TestDatabase.connect(); var update = db.prepareStatement(
                "UPDATE users SET email = ?, email_verified_at = now() WHERE login = ?")) {
            update.setString(1, address(user));
            update.setString(2, user.login());
            assertEquals(1, update.executeUpdate());
        }
        return user;
    }

    static String address(TestUser user) {
        return user.login() + "@example.test";
    }

    static long seq(TestUser sender, long room, String text) {
        return sender.sendMessage(room, text).getJsonNumber("seq").longValue();
    }

    static String setting(TestUser user) {
        var answer = user.get("api/v1/users/me/email-notifications");
        assertEquals(200, answer.statusCode(), answer.body());
        return HttpSession.json(answer).getString("mode");
    }

    @Test
    void aDirectMessageAndAMentionLeftUnreadArriveAsOneDigestOnceAndOneClickTurnsThemOff() throws Exception {
        var ann = withAddress("mann", "Ann Missed");
        var bob = TestUser.register(api, "mbob", "Bob Sender");
        var carol = TestUser.register(api, "mcarol", "Carol Caller");
        long dm = bob.direct(ann);
        long room = carol.newRoom("missed-", "public");
        carol.add(room, ann);
        String roomName = HttpSession.json(carol.get("api/v1/rooms/" + room)).getString("name");

        Instant sent = Instant.now();
        long dmSeq = seq(bob, dm, "Are you coming to <b>lunch</b>?");
        long mentionSeq = seq(carol, room, "@" + ann.login() + " please review the plan");
        seq(carol, room, "a line for everyone, not a mention");

        var mail = Mailbox.next(address(ann));
        assertFalse(Instant.now().isBefore(sent.plus(DELAY).minusMillis(500)), "not before the delay");
        System.out.println("The digest as sent (subject: " + mail.subject() + "):\n" + mail.text());
        assertEquals("2 unread messages in JointChat", mail.subject());
        assertTrue(mail.contentType().startsWith("multipart/alternative"), mail.contentType());
        assertEquals("en", mail.header("Content-Language"));
        assertEquals("auto-generated", mail.header("Auto-Submitted"));
        String text = mail.text();
        assertTrue(text.contains("Bob Sender (@" + bob.login() + ") in a direct message"), text);
        assertTrue(text.contains("Are you coming to <b>lunch</b>?"), text);
        assertTrue(text.contains("Carol Caller (@" + carol.login() + ") mentioned you in #" + roomName), text);
        assertTrue(text.contains("please review the plan"), text);
        assertFalse(text.contains("a line for everyone"), "only direct messages and mentions: " + text);
        assertTrue(text.indexOf("lunch") < text.indexOf("review the plan"), "oldest first");
        assertTrue(text.contains(PUBLIC_URL + "/app/home.xhtml?room=" + dm + "&seq=" + dmSeq), text);
        assertTrue(text.contains(PUBLIC_URL + "/app/home.xhtml?room=" + room + "&seq=" + mentionSeq), text);
        assertTrue(mail.html().contains("Are you coming to &lt;b&gt;lunch&lt;/b&gt;?"), "escaped in HTML: " + mail.html());
        assertTrue(mail.html().contains("href=\"" + PUBLIC_URL + "/app/home.xhtml?room=" + dm + "&amp;seq=" + dmSeq + "\""), mail.html());

        // RFC 8058: the header's URL, POSTed by the mail client with no cookie, turns the mails off.
        String listUnsubscribe = mail.header("List-Unsubscribe");
        assertEquals("List-Unsubscribe=One-Click", mail.header("List-Unsubscribe-Post"));
        assertTrue(listUnsubscribe.matches("<" + Pattern.quote(PUBLIC_URL) + "/api/v1/email-notifications/unsubscribe\\?token=[A-Za-z0-9_-]{43}>"),
                listUnsubscribe);
        assertTrue(text.contains(PUBLIC_URL + "/unsubscribe.xhtml?token="), "a link in the body too: " + text);

        // Sent once: further sweeps find nothing new; the mark is past the mention.
        Mailbox.assertNone(address(ann), MARGIN);
        assertEquals("digest", setting(ann));
        // The mail client POSTs to the header's URL itself (the server's public address), with no cookie.
        var oneClickUrl = URI.create(listUnsubscribe.substring(1, listUnsubscribe.length() - 1));
        var stranger = new HttpSession(URI.create(PUBLIC_URL + "/"));
        String oneClick = "api/v1/email-notifications/unsubscribe?" + oneClickUrl.getRawQuery();
        var bogus = stranger.postForm(oneClick.replaceAll("token=.*", "token=" + "x".repeat(43)), Map.of("List-Unsubscribe", "One-Click"));
        assertProblem(404, "not-found", bogus, "a made-up token");
        assertEquals("digest", setting(ann), "unchanged by a made-up token");
        var unsubscribed = stranger.postForm(oneClick, Map.of("List-Unsubscribe", "One-Click"));
        assertEquals(200, unsubscribed.statusCode(), unsubscribed.body());
        assertEquals("never", HttpSession.json(unsubscribed).getString("mode"));
        assertEquals("never", setting(ann));

        // "never": nothing, however long it stays unread.
        seq(bob, dm, "Still there?");
        Mailbox.assertNone(address(ann), DELAY.plus(MARGIN));
    }

    @Test
    void readInTimeNeverNoAddressAndDoNotDisturbSendNothingEachSendsOneMailPerMessage() throws Exception {
        var bob = TestUser.register(api, "mbob", "Bob Sender");
        var dave = withAddress("mdave", "Dave Reader");      // reads in time
        var erin = withAddress("merin", "Erin Busy");         // do-not-disturb
        var hal = withAddress("mhal", "Hal Never");           // chose "never"
        var gina = withAddress("mgina", "Gina Each");         // chose "each"
        var ivan = TestUser.register(api, "mivan", "Ivan Nomail"); // no verified address

        assertProblem(400, "validation", gina.put("api/v1/users/me/email-notifications", "{\"mode\":\"sometimes\"}"), "no such mode");
        var each = gina.put("api/v1/users/me/email-notifications", "{\"mode\":\"each\"}");
        assertEquals(200, each.statusCode(), each.body());
        var view = HttpSession.json(each);
        assertEquals("each", view.getString("mode"));
        assertEquals(address(gina), view.getString("email"));
        assertEquals(DELAY.toSeconds(), view.getJsonNumber("delaySeconds").longValue());
        assertTrue(view.getBoolean("mailEnabled"));
        assertEquals(200, hal.put("api/v1/users/me/email-notifications", "{\"mode\":\"never\"}").statusCode());
        var noAddress = ivan.get("api/v1/users/me/email-notifications");
        assertEquals(200, noAddress.statusCode(), noAddress.body());
        var none = HttpSession.json(noAddress);
        assertTrue(none.containsKey("email") && none.isNull("email"), "no verified address: " + none);
        var dnd = erin.put("api/v1/users/me/status", "{\"dndUntil\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"}");
        assertEquals(200, dnd.statusCode(), dnd.body());

        long toDave = bob.direct(dave);
        long toErin = bob.direct(erin);
        long toHal = bob.direct(hal);
        long toGina = bob.direct(gina);
        long toIvan = bob.direct(ivan);
        long daveSeq = seq(bob, toDave, "read me in time");
        assertEquals(200, dave.put("api/v1/rooms/" + toDave + "/read", "{\"seq\":" + daveSeq + "}").statusCode());
        seq(bob, toErin, "for after your meeting");
        seq(bob, toHal, "you said never");
        seq(bob, toIvan, "you have no address");
        seq(bob, toGina, "first of two");
        seq(bob, toGina, "second of two");

        var first = Mailbox.next(address(gina));
        var second = Mailbox.next(address(gina));
        for (var one : List.of(first, second)) {
            assertEquals("Bob Sender sent you a message in JointChat", one.subject());
            assertTrue(one.text().contains("first of two") != one.text().contains("second of two"), "one message a mail: " + one.text());
        }
        assertTrue((first.text() + second.text()).contains("first of two"));
        assertTrue((first.text() + second.text()).contains("second of two"));
        // A few more sweeps past everyone's delay (the first wait covers them), then each mailbox is checked again.
        Mailbox.assertNone(address(dave), MARGIN);
        for (var quiet : List.of(erin, hal, gina)) {
            Mailbox.assertNone(address(quiet), Duration.ofSeconds(1));
        }

        // Do-not-disturb ends: what is still unread goes out then.
        assertEquals(200, erin.delete("api/v1/users/me/status").statusCode());
        var late = Mailbox.next(address(erin));
        assertTrue(late.text().contains("for after your meeting"), late.text());
        assertEquals("1 unread message in JointChat", late.subject());

        // The page in the mail's body: no sign-in, asks once, then turns the mails off.
        String pageLink = second.link("/unsubscribe.xhtml");
        assertTrue(pageLink.startsWith(PUBLIC_URL + "/unsubscribe.xhtml?token="), pageLink);
        var matcher = TOKEN.matcher(pageLink);
        assertTrue(matcher.find());
        var stranger = new HttpSession(URI.create(PUBLIC_URL + "/")); // the link as it is in the mail
        var page = stranger.get("unsubscribe.xhtml?token=" + matcher.group(1));
        assertEquals(200, page.statusCode(), "no sign-in asked: " + page.headers().map());
        assertTrue(page.body().contains("Stop e-mails about direct messages and mentions you have not read?"), page.body());
        assertEquals("each", setting(gina), "opening the page changes nothing (link checkers open every link)");
        var done = FacesForm.of(page.body(), "unsubscribe").press(stranger, "unsubscribe:confirm");
        assertEquals(200, done.status(), done.response().body());
        var confirmation = done.page().getElementById("unsubscribed");
        assertTrue(confirmation != null && confirmation.text().startsWith("Done: you will get no more e-mails"), done.response().body());
        assertEquals("never", setting(gina));
        var invalid = stranger.get("unsubscribe.xhtml?token=" + "A".repeat(43));
        assertTrue(invalid.body().contains("id=\"unsubscribe-invalid\""), invalid.body());
    }

    @Test
    void twoClaimersAtOnceNeverTakeTheSameUserAndARolledBackClaimLeavesTheMessagesDue() throws Exception {
        var bob = TestUser.register(api, "mbob", "Bob Sender");
        var ours = new HashSet<Long>();
        // In do-not-disturb for an hour: the server's sweeps leave them alone; the claimers here look two hours ahead.
        for (int i = 0; i < 6; i++) {
            var user = withAddress("mclaim", "Claimed " + i);
            assertEquals(200, user.put("api/v1/users/me/status", "{\"dndUntil\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"}").statusCode());
            seq(bob, bob.direct(user), "claim me " + i);
            try (var db = TestDatabase.connect(); var id = db.prepareStatement("SELECT id FROM users WHERE login = ?")) {
                id.setString(1, user.login());
                try (var rows = id.executeQuery()) {
                    rows.next();
                    ours.add(rows.getLong(1));
                }
            }
        }
        // The server made their rows (each sweep adds the missing ones).
        org.jointchat.support.Await.until(Duration.ofSeconds(10), "rows made", () -> {
            try (var db = TestDatabase.connect(); var count = db.prepareStatement("SELECT count(*) FROM email_notifications WHERE user_id = ANY (?)")) {
                count.setArray(1, db.createArrayOf("bigint", ours.toArray()));
                try (var rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) == ours.size();
                }
            }
        });
        Instant later = Instant.now().plus(Duration.ofHours(2));
        var claimed = RacingClaimers.race(ours, c -> {
            var got = new HashSet<Long>();
            // Round k asks for k users: the ones this transaction holds already (a transaction's own locks are not
            // skipped) and the next one nobody holds, so the two claimers interleave.
            for (int round = 1; round <= 40; round++) {
                MissedMessageClaims.claimDue(c, later, later, round).forEach(r -> got.add(r.userId()));
            }
            return got;
        });
        var either = new HashSet<>(claimed.get(0));
        either.addAll(claimed.get(1));
        assertEquals(ours, either, "each due user claimed by one of them");
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            var again = new HashSet<Long>();
            MissedMessageClaims.claimDue(c, later, later, 10_000).forEach(r -> again.add(r.userId()));
            assertTrue(again.containsAll(ours), "rolled back: still due, the marks did not move");
            for (long user : ours) {
                assertFalse(MissedMessageClaims.dueFor(c, user, later, later, 10).isEmpty());
            }
            c.rollback();
        }
    }
}
