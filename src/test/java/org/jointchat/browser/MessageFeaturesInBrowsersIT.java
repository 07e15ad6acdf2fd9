package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;

/**
 * Issue 11 as two people see it in real browsers: editing and deleting (live for the other), replying and
 * jumping to the original, reactions, mentions with their badge, the tab title and a notification while the
 * tab is hidden, search, and an image upload with its preview; a phone's tap menu and search. Ann and Bob
 * keep one desktop browser each for the whole class; every test has rooms of its own, prepared over the API.
 */
class MessageFeaturesInBrowsersIT extends AgainstTheServer {

    private static TestUser ann;
    private static TestUser bob;
    private static Browser annBrowser;
    private static Browser bobBrowser;

    @BeforeEach
    void people() throws Exception {
        if (ann == null) {
            ann = person("fann", "Ann Feature");
            bob = person("fbob", "Bob Feature");
        }
    }

    @AfterAll
    static void closeBrowsers() {
        if (annBrowser != null) {
            annBrowser.close();
        }
        if (bobBrowser != null) {
            bobBrowser.close();
        }
    }

    Browser ann() throws Exception {
        if (annBrowser == null) {
            annBrowser = new Browser("ann", 1280, 813);
            annBrowser.signIn(base.toString(), ann.login());
        }
        return annBrowser;
    }

    Browser bob() throws Exception {
        if (bobBrowser == null) {
            bobBrowser = new Browser("bob", 1280, 813);
            bobBrowser.signIn(base.toString(), bob.login());
        }
        return bobBrowser;
    }

    // ---- data through the API ----

    TestUser person(String prefix, String displayName) {
        return TestUser.register(api, prefix, displayName);
    }

    /** A public room owned by owner, the others joined; returns its id. */
    long room(String name, TestUser owner, TestUser... others) {
        return new RoomsOverApi(api).publicRoom(owner, name, null, others);
    }

    /** Posts a message over REST (replyTo 0: none); returns its seq. */
    long post(TestUser who, long room, String text, long replyTo) {
        return new RoomsOverApi(api).post(who, room, text, replyTo);
    }

    /** count old messages straight into the database (by a, or b for every third), seq 1 with the given text. */
    static void history(long room, TestUser a, TestUser b, int count, String first) throws Exception {
        TestDatabase.withoutSystemLines(room);
        try (var db = TestDatabase.connect(); var insert = db.prepareStatement("""
                INSERT INTO messages (room_id, seq, version, author_id, client_id, text, sent_at)
                SELECT ?, g, g, (SELECT id FROM users WHERE login = CASE WHEN g % 3 = 0 THEN ? ELSE ? END),
                       'old-' || ? || '-' || g, CASE WHEN g = 1 THEN ? ELSE 'old line ' || g END,
                       now() - interval '2 hours' + g * interval '1 second'
                  FROM generate_series(1, ?) g""");
                var update = db.prepareStatement("UPDATE rooms SET last_seq = ?, last_version = ? WHERE id = ?")) {
            insert.setLong(1, room);
            insert.setString(2, b.login());
            insert.setString(3, a.login());
            insert.setLong(4, room);
            insert.setString(5, first);
            insert.setInt(6, count);
            insert.executeUpdate();
            update.setLong(1, count);
            update.setLong(2, count);
            update.setLong(3, room);
            update.executeUpdate();
        }
    }

    // ---- what the page shows ----

    void open(Browser browser, long room, String name) {
        browser.openRoom(base.toString(), room, name);
    }

    static String message(long seq) {
        return "#message-list li[data-seq='" + seq + "']";
    }

    /** The seq of the newest shown message whose body contains the text. */
    static long seqOf(Browser browser, String text) {
        return browser.until(d -> {
            Object seq = browser.js("""
                    var all = document.querySelectorAll('#message-list li[data-seq]');
                    for (var i = all.length - 1; i >= 0; i--) {
                      var body = all[i].querySelector('.jc-text');
                      if (body && body.textContent.indexOf(arguments[0]) >= 0) { return Number(all[i].dataset.seq); }
                    }
                    return null;""", text);
            return seq == null ? null : ((Number) seq).longValue();
        });
    }

    static String textOf(Browser browser, long seq) {
        return browser.driver.findElement(By.cssSelector(message(seq) + " .jc-text")).getText();
    }

    /** Whether the message is wholly inside the visible part of the message pane (and so on screen). */
    static boolean shown(Browser browser, long seq) {
        return (Boolean) browser.js("""
                var m = document.querySelector('#message-list li[data-seq="' + arguments[0] + '"]');
                if (!m) { return false; }
                var r = m.getBoundingClientRect(), p = document.getElementById('messages').getBoundingClientRect();
                return r.height > 0 && r.top >= p.top - 0.5 && r.bottom <= p.bottom + 0.5 && p.bottom <= innerHeight + 0.5;""", seq);
    }

    /** Opens a message's action menu as a mouse user does: pointing at the message shows its button. */
    static void openMenu(Browser browser, long seq) {
        new Actions(browser.driver).moveToElement(browser.find(message(seq))).perform();
        browser.click(message(seq) + " .jc-menu-button");
        browser.find("#message-menu button[role=menuitem]");
    }

    static List<String> menuActions(Browser browser) {
        return browser.driver.findElements(By.cssSelector("#message-menu button[role=menuitem]")).stream()
                .map(e -> e.getAttribute("data-action")).toList();
    }

    static void say(Browser browser, String text) {
        var box = browser.find("#composer-text");
        box.sendKeys(text);
        box.sendKeys(Keys.ENTER);
    }

    static String reaction(long seq, String emoji) {
        return message(seq) + " .jc-reaction[data-emoji='" + emoji + "']";
    }

    static String reactionState(Browser browser, long seq, String emoji) {
        var found = browser.driver.findElements(By.cssSelector(reaction(seq, emoji)));
        if (found.isEmpty()) {
            return "none";
        }
        return found.get(0).findElement(By.className("jc-reaction-count")).getText() + ":" + found.get(0).getAttribute("aria-pressed");
    }

    // ---- the tests ----

    @Test
    void editsAndDeletionsShowInPlaceForBothAndOnlyWhereAllowed() throws Exception {
        String name = TestData.uniqueLogin("edits");
        long room = room(name, ann, bob);
        var a = ann();
        var b = bob();
        open(a, room, name);
        open(b, room, name);

        // Ann writes, then edits with ArrowUp in the empty composer: Enter saves.
        say(a, "first draft of the plan");
        long seq = seqOf(a, "first draft of the plan");
        b.waitForText(message(seq) + " .jc-text", "first draft of the plan");
        a.find("#composer-text").sendKeys(Keys.ARROW_UP);
        var editor = a.find(message(seq) + " textarea#edit-text");
        assertEquals("first draft of the plan", editor.getAttribute("value"));
        assertEquals(editor, a.driver.switchTo().activeElement(), "the edit box has the focus");
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), "second thought: **bold** plan", Keys.ENTER);
        a.until(d -> textOf(a, seq).startsWith("second thought: bold plan"));
        a.find(message(seq) + " .jc-text strong");
        assertTrue(a.find(message(seq) + " .jc-edited").getText().contains("edited"));
        assertTrue(a.driver.findElement(By.cssSelector(message(seq) + " .jc-edited")).getAttribute("title").startsWith("Edited"));
        // Bob's page follows live, with the mark.
        b.until(d -> textOf(b, seq).startsWith("second thought: bold plan") && textOf(b, seq).contains("(edited)"));
        assertTrue(b.inViewport(message(seq) + " .jc-edited"));

        // Escape cancels an edit started from the menu.
        openMenu(a, seq);
        a.click("#message-menu button[data-action=edit]");
        a.find("#edit-text").sendKeys(" and more", Keys.ESCAPE);
        a.until(d -> d.findElements(By.id("edit-text")).isEmpty());
        assertFalse(textOf(a, seq).contains("and more"));

        // Bob may not edit or delete Ann's message (he may report it); Ann owns the room and moderates it: she may
        // remove Bob's message, mute him or ban him (ModerationInBrowsersIT does).
        long bobs = post(bob, room, "a message by bob", 0);
        openMenu(b, seq);
        assertEquals(List.of("reply", "thread", "react", "pin", "forward", "seen-by", "report"), menuActions(b), "any member pins in a small room (issue 22)");
        b.find("#message-menu button").sendKeys(Keys.ESCAPE);
        a.waitForText(message(bobs) + " .jc-text", "a message by bob");
        openMenu(a, bobs);
        assertEquals(List.of("reply", "thread", "react", "pin", "forward", "seen-by", "remove", "mute", "ban", "report"), menuActions(a));
        a.find("#message-menu button").sendKeys(Keys.ESCAPE);

        // Deleting goes with "Undo" for a few seconds (PanelsInBrowsersIT undoes one); then the message keeps its
        // place as "message deleted", for both.
        openMenu(a, seq);
        a.click("#message-menu button[data-action=delete]");
        a.waitForText("#undo-toast", "Message deleted");
        a.waitForText(message(seq) + " .jc-deleted-text", "message deleted");
        b.waitForText(message(seq) + " .jc-deleted-text", "message deleted");
        assertTrue(b.inViewport(message(seq)));
        assertTrue(b.driver.findElements(By.cssSelector(message(seq) + " .jc-menu-button")).isEmpty(), "no actions on a deleted message");
        a.screenshot("features-deleted");
    }

    @Test
    void changesMadeWhileDisconnectedArriveWithTheSyncAfterReconnecting() throws Exception {
        String name = TestData.uniqueLogin("offline");
        long room = room(name, bob, ann);
        long edited = post(bob, room, "meeting at ten", 0);
        long deleted = post(bob, room, "bring the slides", 0);
        var a = ann();
        open(a, room, name);
        a.until(d -> shown(a, deleted));
        // The socket drops and the page waits to reconnect until told; it records what it sends.
        a.js("""
                window.sentFrames = [];
                var send = WebSocket.prototype.send;
                WebSocket.prototype.send = function (data) { window.sentFrames.push(JSON.parse(data)); return send.call(this, data); };""");
        a.dropSocketAndHoldReconnect();

        var patched = api.send(api.request("api/v1/rooms/" + room + "/messages/" + edited, "Authorization", bob.bearer(),
                "Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"text\":\"meeting at eleven\"}")));
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals(204, api.delete("api/v1/rooms/" + room + "/messages/" + deleted, "Authorization", bob.bearer()).statusCode());
        long later = post(bob, room, "see you there", 0);
        assertTrue(textOf(a, edited).startsWith("meeting at ten"), "nothing arrives while disconnected");

        a.reconnect();
        a.until(d -> textOf(a, edited).startsWith("meeting at eleven") && textOf(a, edited).contains("(edited)"));
        a.waitForText(message(deleted) + " .jc-deleted-text", "message deleted");
        a.until(d -> shown(a, later));
        @SuppressWarnings("unchecked")
        var syncs = ((List<Map<String, Object>>) a.js("return window.sentFrames.filter(function (f) { return f.type === 'sync'; });"));
        assertTrue(syncs.stream().anyMatch(f -> ((Number) f.get("afterSeq")).longValue() == deleted && f.get("afterVersion") != null),
                "the sync names the last seq and version held: " + syncs);
    }

    @Test
    void aReplyQuotesItsOriginalAndTheQuoteLeadsBackToIt() throws Exception {
        String name = TestData.uniqueLogin("replies");
        long room = room(name, ann, bob);
        history(room, ann, bob, 120, "the original question about lunch");
        var a = ann();
        var b = bob();
        open(a, room, name);
        open(b, room, name);
        a.until(d -> shown(a, 120));

        // Bob answers message 1 (far above, not loaded); Ann's page shows the quote.
        long answer = post(bob, room, "pizza, obviously", 1);
        a.until(d -> shown(a, answer));
        var quote = a.find(message(answer) + " .jc-quote");
        assertTrue(quote.getText().contains("Ann Feature") && quote.getText().contains("the original question about lunch"), quote.getText());
        assertTrue(a.driver.findElements(By.cssSelector(message(1))).isEmpty(), "the original is not loaded yet");
        quote.click();
        a.until(d -> shown(a, 1));
        assertTrue(a.driver.findElement(By.cssSelector(message(1))).getAttribute("class").contains("jc-highlight"));
        a.screenshot("features-reply-jump");

        // Ann replies through the menu: the composer says to whom; Bob sees the quote.
        a.js("document.getElementById('messages').scrollTop = 1e9;");
        a.until(d -> shown(a, answer));
        openMenu(a, answer);
        a.click("#message-menu button[data-action=reply]");
        a.waitForText("#reply-bar", "Replying to Bob Feature:");
        assertTrue(a.inViewport("#reply-bar") && a.inViewport("#composer-text"));
        assertTrue(a.find("#reply-text").getText().contains("pizza, obviously"));
        say(a, "with mushrooms");
        long mine = seqOf(a, "with mushrooms");
        a.until(d -> d.findElement(By.id("reply-bar")).getAttribute("hidden") != null);
        b.until(d -> shown(b, mine));
        assertTrue(b.find(message(mine) + " .jc-quote").getText().contains("pizza, obviously"));
        // Cancelling a reply: the × takes it away, nothing is quoted.
        openMenu(a, mine);
        a.click("#message-menu button[data-action=reply]");
        a.find("#reply-bar");
        a.click("#reply-cancel");
        a.until(d -> d.findElement(By.id("reply-bar")).getAttribute("hidden") != null);
    }

    @Test
    void reactionsCountForEveryoneAndToggle() throws Exception {
        String name = TestData.uniqueLogin("reactions");
        long room = room(name, ann, bob);
        long seq = post(bob, room, "lunch at noon?", 0);
        var a = ann();
        var b = bob();
        open(a, room, name);
        open(b, room, name);

        // Ann picks 👍 from the menu's picker.
        a.until(d -> shown(a, seq));
        openMenu(a, seq);
        a.click("#message-menu button[data-action=react]");
        a.click("#emoji-picker button[data-emoji='👍']");
        a.until(d -> reactionState(a, seq, "👍").equals("1:true"));
        b.until(d -> reactionState(b, seq, "👍").equals("1:false"));
        assertTrue(b.driver.findElement(By.cssSelector(reaction(seq, "👍"))).getAttribute("aria-label").contains("Ann Feature"));
        assertTrue(b.inViewport(reaction(seq, "👍")));

        // Bob adds his by clicking it, and another kind with the bar's own button.
        b.click(reaction(seq, "👍"));
        a.until(d -> reactionState(a, seq, "👍").equals("2:true"));
        b.until(d -> reactionState(b, seq, "👍").equals("2:true"));
        b.click(message(seq) + " .jc-add-reaction");
        b.click("#emoji-picker button[data-emoji='🎉']");
        a.until(d -> reactionState(a, seq, "🎉").equals("1:false"));
        a.screenshot("features-reactions");

        // Ann takes hers off.
        a.click(reaction(seq, "👍"));
        b.until(d -> reactionState(b, seq, "👍").equals("1:true"));
        a.until(d -> reactionState(a, seq, "👍").equals("1:false"));
    }

    @Test
    void aQuoteIsOnePlainLineBesideTheMenuButtonAndMentionsShowNames() throws Exception {
        String name = TestData.uniqueLogin("quotes");
        long room = room(name, ann, bob);
        String markdown = "Hi **Bob**, see [the docs](https://example.org) and _then_ tell me what you think of the whole plan,"
                + " the long version with every detail we talked about over lunch";
        history(room, ann, bob, 120, markdown);
        var a = ann();
        open(a, room, name);
        a.until(d -> shown(a, 120));

        // A reply to a message the page does not hold (its Markdown only) and to one it does (its html).
        long farAnswer = post(bob, room, "sounds good", 1);
        long near = post(ann, room, markdown, 0);
        long nearAnswer = post(bob, room, "agreed", near);
        a.until(d -> shown(a, nearAnswer));
        for (long answer : new long[] {farAnswer, nearAnswer}) {
            String quote = message(answer) + " .jc-quote";
            a.js("document.querySelector(arguments[0]).scrollIntoView({block: 'center'});", message(answer));
            new Actions(a.driver).moveToElement(a.find(message(answer))).perform();
            a.until(d -> !"0".equals(a.js("return getComputedStyle(document.querySelector(arguments[0])).opacity;",
                    message(answer) + " .jc-menu-button")));   // pointed at, the button shows
            assertTrue(a.inViewport(quote) && a.inViewport(message(answer) + " .jc-menu-button"));
            String seen = a.find(quote + " .jc-quote-text").getText();
            assertTrue(seen.startsWith("Hi Bob, see the docs and then tell me"), "the quote of " + answer + " reads: " + seen);
            assertFalse(seen.matches(".*[*_\\[\\]()].*") || seen.contains("example.org"), "no Markdown in the quote: " + seen);
            assertTrue(a.find(quote).getText().contains("Ann Feature"), a.find(quote).getText());
            double[] q = a.box(quote);
            double[] menu = a.box(message(answer) + " .jc-menu-button");
            boolean apart = q[3] <= menu[2] || q[2] >= menu[3] || q[1] <= menu[0] || q[0] >= menu[1];
            assertTrue(apart, "the quote " + java.util.Arrays.toString(q) + " runs under the menu button " + java.util.Arrays.toString(menu));
            assertTrue(q[1] - q[0] < 32, "one line: " + (q[1] - q[0]) + " px tall");
            assertEquals(Boolean.TRUE, a.js("var t = document.querySelector(arguments[0]); return t.scrollWidth > t.clientWidth;",
                    quote + " .jc-quote-text"), "the long line is ellipsised");
            assertEquals("", a.js("return document.querySelector(arguments[0]).innerHTML.indexOf('<a') < 0 ? '' : 'markup';",
                    quote + " .jc-quote-text"), "text, not the message's markup");
        }
        Accessibility.assertRulePasses(a, "label-content-name-mismatch", "#message-list", "the reply quotes");
        a.screenshot("features-quote-one-line");

        // "@login" is shown by the person's name; the login stays in the tooltip.
        a.js("document.getElementById('messages').scrollTop = 1e9;");
        long hello = post(ann, room, "@" + bob.login() + " hello", 0);
        a.js("document.getElementById('messages').scrollTop = 1e9;");
        a.until(d -> shown(a, hello) && !d.findElements(By.cssSelector(message(hello) + " .jc-mention")).isEmpty());
        var mention = a.find(message(hello) + " .jc-mention");
        assertEquals("@Bob Feature", mention.getText());
        assertEquals("@" + bob.login(), mention.getAttribute("title"));
        assertEquals(bob.login(), mention.getAttribute("data-login"));
        assertTrue(textOf(a, hello).startsWith("@Bob Feature hello"), textOf(a, hello));
        assertTrue(a.inViewport(message(hello) + " .jc-mention"));
    }

    @Test
    void mentionsShowABadgeCountInTheTitleAndNotifyWhileTheTabIsHidden() throws Exception {
        String quiet = TestData.uniqueLogin("quiet");
        long quietRoom = room(quiet, ann);
        String busy = TestData.uniqueLogin("busy");
        long busyRoom = room(busy, bob, ann);
        var a = ann();
        open(a, quietRoom, quiet);
        String roomButton = "#room-list button[data-room='" + busyRoom + "']";

        // Bob mentions Ann in a room she is not reading: "@1" next to the room.
        post(bob, busyRoom, "@" + ann.login() + " are you coming?", 0);
        a.waitForText(roomButton + " .jc-mention-badge", "@1");
        assertTrue(a.inViewport(roomButton + " .jc-mention-badge"));

        // The control to ask for notifications is offered (permission not asked on load); granted, it goes away.
        if ("default".equals(a.js("return Notification.permission;"))) {
            assertTrue(a.inViewport("#notify"), "the enable-notifications control is on screen");
        }
        a.driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", base.getScheme() + "://" + base.getRawAuthority(),
                "permissions", List.of("notifications")));
        open(a, quietRoom, quiet);
        a.until(d -> d.findElement(By.id("notify")).getAttribute("hidden") != null);
        String title = (String) a.js("return document.title;");
        // The test records notifications, visibility and the title in localStorage, which the other tab can read.
        a.js("""
                localStorage.removeItem('probe.notes'); localStorage.removeItem('probe.hidden'); localStorage.removeItem('probe.title');
                var Real = window.Notification;
                var Recording = function (title, options) {
                  var notes = JSON.parse(localStorage.getItem('probe.notes') || '[]');
                  notes.push({title: title, body: options && options.body, tag: options && options.tag});
                  localStorage.setItem('probe.notes', JSON.stringify(notes));
                  return new Real(title, options);
                };
                Object.defineProperty(Recording, 'permission', {get: function () { return Real.permission; }});
                Recording.requestPermission = function (callback) { return Real.requestPermission(callback); };
                window.Notification = Recording;
                document.addEventListener('visibilitychange', function () { localStorage.setItem('probe.hidden', String(document.hidden)); });
                new MutationObserver(function () { localStorage.setItem('probe.title', document.title); })
                  .observe(document.querySelector('title'), {childList: true, characterData: true, subtree: true});""");
        String chatTab = a.driver.getWindowHandle();
        a.driver.switchTo().newWindow(WindowType.TAB);
        a.driver.get(base + "app/rooms.xhtml");
        a.until(d -> "true".equals(a.js("return localStorage.getItem('probe.hidden');")));

        post(bob, busyRoom, "@" + ann.login() + " the table is booked", 0);
        a.until(d -> ("(1) " + title).equals(a.js("return localStorage.getItem('probe.title');")));
        a.until(d -> a.js("return localStorage.getItem('probe.notes');") != null);
        var note = HttpSession.parse("{\"notes\":" + a.js("return localStorage.getItem('probe.notes');") + "}").getJsonArray("notes").getJsonObject(0);
        assertEquals("Bob Feature mentioned you in # " + busy, note.getString("title"));
        assertEquals("@" + ann.login() + " the table is booked", note.getString("body"));

        // Back on the chat tab the count goes; the badge says 2 until the room is read.
        a.driver.close();
        a.driver.switchTo().window(chatTab);
        a.until(d -> title.equals(a.js("return document.title;")));
        assertEquals(Boolean.FALSE, a.js("return document.hidden;"));
        a.waitForText(roomButton + " .jc-mention-badge", "@2");
        a.click(roomButton);
        a.waitForText("#room-name", busy);
        a.until(d -> d.findElements(By.cssSelector(roomButton + " .jc-mention-badge")).isEmpty());
        var mention = a.find("#message-list .jc-mention.jc-mention-me");
        assertEquals("@Ann Feature", mention.getText());
        assertEquals(ann.login(), mention.getAttribute("data-login"));

        // Typing @ offers the room's members; Enter puts the login in.
        var box = a.find("#composer-text");
        box.click();
        box.sendKeys("thanks @" + bob.login().substring(0, 6));
        try {
            a.find("#mention-list li[data-login='" + bob.login() + "']");
        } catch (RuntimeException notShown) {
            throw new AssertionError("no suggestion of " + bob.login() + "; page: " + a.js("""
                    var list = document.getElementById('mention-list');
                    return JSON.stringify({active: document.activeElement && document.activeElement.id, focus: document.hasFocus(),
                        hidden: list.hidden, items: list.textContent, value: document.getElementById('composer-text').value,
                        room: (function () {
                          var chat = window.jointChat, room = chat && chat.rooms.get(chat.current);
                          if (!room) { return null; }
                          var again;
                          try { chat.page.suggestions.suggest(); again = {hidden: list.hidden, items: list.textContent, query: JSON.stringify(chat.page.suggestions.query())}; }
                          catch (e) { again = 'threw ' + e + ' ' + e.stack; }
                          return {id: chat.current, kind: room.info.kind, members: (room.members || room.info.members || []).map(function (m) { return m.login + '/' + m.displayName; }),
                            membersAt: room.membersAt, now: Date.now(), again: again};
                        })()});"""), notShown);
        }
        a.until(d -> a.inViewport("#mention-list"));
        box.sendKeys(Keys.ENTER);
        a.until(d -> ("thanks @" + bob.login() + " ").equals(box.getAttribute("value")));
        box.sendKeys("see you", Keys.ENTER);
        long sent = seqOf(a, "see you");
        a.until(d -> !d.findElements(By.cssSelector(message(sent) + " .jc-mention")).isEmpty());
        assertEquals("@Bob Feature", a.find(message(sent) + " .jc-mention").getText());
        a.screenshot("features-mentions");
    }

    @Test
    void searchFindsMarksAndJumpsToTheMessage() throws Exception {
        var random = new java.util.Random();
        String word = "zq" + random.ints(8, 'a', 'z' + 1).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        String name = TestData.uniqueLogin("search");
        long room = room(name, ann, bob);
        history(room, ann, bob, 90, "the recipe for " + word + " soup");
        var a = ann();
        String other = TestData.uniqueLogin("elsewhere");
        open(a, room(other, ann), other);

        a.type("#search-input", word);
        a.find("#search-input").sendKeys(Keys.ENTER);
        var hit = a.find("#search-results .jc-hit");
        assertEquals(word, hit.findElement(By.tagName("mark")).getText());
        assertTrue(hit.getText().contains(name) && hit.getText().contains("Ann Feature"), hit.getText());
        assertTrue(a.inViewport("#search-results .jc-hit"));
        a.waitForText("#search-status", "1 message found");
        a.screenshot("features-search");
        hit.click();
        a.waitForText("#room-name", name);
        a.until(d -> shown(a, 1));

        // Nothing found, said plainly.
        a.type("#search-input", word + "nothing");
        a.find("#search-input").sendKeys(Keys.ENTER);
        a.waitForText("#search-status", "No messages match.");
        assertTrue(a.driver.findElements(By.cssSelector("#search-results .jc-hit")).isEmpty());
        a.click("#search-close");
        a.until(d -> d.findElement(By.id("search-panel")).getAttribute("hidden") != null);
    }

    @Test
    void uploadedFilesGoWithAMessageAnImageAsAPreviewAndARefusalIsExplained() throws Exception {
        String name = TestData.uniqueLogin("files");
        long room = room(name, ann, bob);
        Path dir = Files.createTempDirectory("jointchat-files-");
        Path png = dir.resolve("red-square.png");
        var image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(200, 40, 40));
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
        Path notes = Files.writeString(dir.resolve("notes.txt"), "bring snacks\n".repeat(100));
        Path strange = Files.writeString(dir.resolve("data.xyz"), "not a known kind of file");
        var a = ann();
        var b = bob();
        open(a, room, name);
        open(b, room, name);

        // Two files at once: each uploads and waits beside the input; the message carries both.
        a.driver.findElement(By.id("attach-input")).sendKeys(png.toAbsolutePath() + "\n" + notes.toAbsolutePath());
        a.until(d -> d.findElements(By.cssSelector("#attached-list li")).size() == 2);
        assertTrue(a.inViewport("#attached-list"));
        say(a, "the red square and the list");
        long seq = seqOf(a, "the red square and the list");
        a.until(d -> d.findElement(By.id("attached-list")).getAttribute("hidden") != null);
        String img = message(seq) + " .jc-attachments img";
        for (Browser browser : List.of(a, b)) {
            browser.until(d -> shown(browser, seq) && (Boolean) browser.js(
                    "var i = document.querySelector(arguments[0]); return !!i && i.complete && i.naturalWidth > 0;", img));
            assertEquals(64L, browser.js("return document.querySelector(arguments[0]).naturalWidth;", img));
            assertTrue(browser.inViewport(img));
            assertEquals("red-square.png", browser.find(img).getAttribute("alt"));
            var file = browser.find(message(seq) + " .jc-attachments a.jc-file");
            assertEquals("notes.txt (1.3 kB)", file.getAttribute("textContent"));
        }
        a.screenshot("features-files");

        // A kind of file the server does not take: its reason, next to the input.
        a.driver.findElement(By.id("attach-input")).sendKeys(strange.toAbsolutePath().toString());
        a.waitForText("#composer-error", "data.xyz: This kind of file cannot be uploaded.");
        assertTrue(a.inViewport("#composer-error"));
        assertTrue(a.driver.findElements(By.cssSelector("#attached-list li")).isEmpty());
        for (Path file : List.of(png, notes, strange)) {
            Files.deleteIfExists(file);
        }
        Files.deleteIfExists(dir);
    }

    @Test
    void onAPhoneATapOpensTheMenuAndSearchIsBehindAnIcon() throws Exception {
        String name = TestData.uniqueLogin("phone");
        long room = room(name, ann, bob);
        long seq = post(bob, room, "tap me gently", 0);
        try (var phone = new Browser("ann-phone", 390, 844)) {
            phone.signIn(base.toString(), ann.login());
            open(phone, room, name);
            phone.until(d -> shown(phone, seq));
            assertFalse(phone.driver.findElement(By.id("search-input")).isDisplayed(), "search waits behind its icon");
            phone.click(message(seq) + " .jc-text");
            phone.find("#message-menu button[data-action=reply]");
            assertTrue(phone.inViewport("#message-menu"));
            phone.click("#message-menu button[data-action=reply]");
            phone.waitForText("#reply-bar", "Bob Feature");
            assertTrue(phone.inViewport("#reply-bar") && phone.inViewport("#composer-text") && phone.inViewport("#send"));
            say(phone, "on my way");
            long mine = seqOf(phone, "on my way");
            phone.until(d -> shown(phone, mine));
            assertTrue(phone.find(message(mine) + " .jc-quote").getText().contains("tap me gently"));
            phone.screenshot("features-phone-reply");

            phone.click("#search-toggle");
            phone.find("#search-input").sendKeys("gently", Keys.ENTER);
            phone.find("#search-results .jc-hit");
            assertTrue(phone.inViewport("#search-panel") && phone.inViewport("#search-back") && phone.inViewport("#search-input"));
            assertTrue((Boolean) phone.js("var m = document.querySelector('#search-results .jc-hit-meta');"
                    + " return m.scrollWidth <= m.clientWidth;"), "room, author and time fit on the phone, not cut off");
            phone.screenshot("features-phone-search");
            phone.click("#search-results .jc-hit");
            phone.until(d -> d.findElement(By.id("search-panel")).getAttribute("hidden") != null);
            phone.until(d -> shown(phone, seq));
        }
    }
}
