package org.jointchat.browser;

import static org.jointchat.browser.Browser.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.util.UUID;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Threads (issue 22, item 1) as Ann and Bob meet them, at 1280 × 800 and on a 390 × 844 phone. Ann answers Bob's
 * message in a thread while Bob is in another room: Bob's entry of that room shows "new thread replies" though the
 * room has no unread message, and "Threads" counts one. In the room Bob sees "1 reply" under his message (in the
 * viewport) and not the reply itself; the thread opens beside the conversation (on a phone as a view of its own with
 * "Back"), shows Ann's reply and marks the thread read. Bob answers in the thread: Ann's main list does not show the
 * answer but her root says "2 replies"; "Also send to the room" puts the next one in her main list too. The Threads
 * view lists the thread. axe-core runs with the panel and with the Threads view open.
 */
class ThreadsInBrowsersIT extends AgainstTheServer {

    private static TestUser ann;
    private static TestUser bob;

    @BeforeEach
    void people() {
        if (ann == null) {
            ann = TestUser.register(api, "thann", "Ann Threads");
            bob = TestUser.register(api, "thbob", "Bob Threads");
        }
    }

    @Test
    void onADesktopTheThreadOpensBesideTheConversation() throws Exception {
        threads(1280, 800, "desk");
    }

    @Test
    void onAPhoneTheThreadIsAViewOfItsOwnWithBack() throws Exception {
        threads(390, 844, "phone");
    }

    /** A reply in the thread under root (alsoToRoom: in the main list too), over REST; its seq. */
    long replyInThread(TestUser who, long room, long root, String text, boolean alsoToRoom) {
        var body = Json.createObjectBuilder().add("text", text).add("clientId", "t-" + UUID.randomUUID()).add("thread", root);
        if (alsoToRoom) {
            body.add("alsoToRoom", true);
        }
        var sent = api.postJson("api/v1/rooms/" + room + "/messages", body.build().toString(), "Authorization", who.bearer());
        assertEquals(201, sent.statusCode(), sent.body());
        return HttpSession.json(sent).getJsonNumber("seq").longValue();
    }

    /** The Threads entry's count (also while the phone's rooms drawer is closed), null when it shows none. */
    static String badge(Browser browser) {
        return (String) browser.js("var b = document.querySelector('#threads-open .jc-threads-badge');"
                + "return b.hidden ? null : b.textContent;");
    }

    /** Whether a main-list message with this text is drawn. */
    static boolean inMainList(Browser browser, String text) {
        return browser.driver.findElements(By.cssSelector("#message-list li.jc-message")).stream()
                .anyMatch(li -> li.getText().contains(text));
    }

    private void threads(int width, int height, String size) throws Exception {
        boolean phone = width < 500;
        var rooms = new RoomsOverApi(api);
        String name = TestData.uniqueLogin("thr");
        String lobbyName = TestData.uniqueLogin("lob");
        long room = rooms.publicRoom(bob, name, null, ann);
        long lobby = rooms.publicRoom(bob, lobbyName, null);
        long root = rooms.post(bob, room, "Where shall we meet on Friday?", 0);
        var read = bob.put("api/v1/rooms/" + room + "/read", "{\"seq\": " + root + "}");   // Bob has read his room
        assertEquals(200, read.statusCode(), read.body());

        try (var a = new Browser("threads-ann-" + size, width, height); var b = new Browser("threads-bob-" + size, width, height)) {
            a.signIn(base.toString(), ann.login());
            a.openRoom(base.toString(), room, name);
            a.find(message(root));
            b.signIn(base.toString(), bob.login());
            b.openRoom(base.toString(), lobby, lobbyName);

            // Ann answers in the thread while Bob is elsewhere: his entry of the room and "Threads" say so.
            long first = replyInThread(ann, room, root, "By the river, at six", false);
            a.waitForText(message(root) + " .jc-thread-open", "1 reply");
            assertFalse(inMainList(a, "By the river"), "a thread-only reply stays out of the main list");
            if (phone) {
                b.click("#rooms-toggle");
                b.until(d -> b.inViewport("#rooms-panel"));
            }
            String entry = "#room-list button[data-room='" + room + "']";
            b.find(entry + " .jc-thread-mark");
            assertEquals("new thread replies", b.js("return document.querySelector(arguments[0]).textContent;",
                    entry + " .jc-thread-mark"));
            assertTrue(b.driver.findElements(By.cssSelector(entry + " .jc-unread")).isEmpty(),
                    "the room itself has no unread message");
            b.waitForText("#threads-open .jc-threads-badge", "1");
            assertTrue(b.inViewport(entry + " .jc-thread-mark") && b.inViewport("#threads-open"));
            assertTrue((Boolean) b.js("var p = document.getElementById('rooms-panel'); return p.scrollWidth <= p.clientWidth;"),
                    "the Threads entry fits the rooms' column (no sideways scrolling)");
            b.screenshot("threads-1-room-mark");

            // In the room: "1 reply" under the root, in the viewport; the reply itself is not in the list.
            b.click(entry);
            b.find(message(root) + " .jc-thread-open");
            b.waitForText(message(root) + " .jc-thread-summary", "1 reply");
            b.until(d -> b.inViewport(message(root) + " .jc-thread-open"));
            assertTrue(b.driver.findElements(By.cssSelector(message(first))).isEmpty(), "the reply is in its thread only");
            b.screenshot("threads-2-summary");

            // The thread: beside the conversation, or (phone) the whole screen with Back; Ann's reply; read.
            b.click(message(root) + " .jc-thread-open");
            b.find("#thread-panel");
            b.waitForText("#thread-replies", "By the river, at six");
            b.waitForText("#thread-root", "Where shall we meet on Friday?");
            if (phone) {
                double[] box = b.box("#thread-panel");
                assertTrue(box[0] <= 0.5 && box[2] <= 0.5 && box[1] >= box[4] - 0.5 && box[3] >= box[5] - 0.5,
                        "the thread fills the phone's screen: " + java.util.Arrays.toString(box));
                assertTrue(b.inViewport("#thread-back"), "Back is on screen");
            } else {
                assertTrue(b.inViewport("#thread-panel") && b.inViewport("#composer-text") && b.inViewport(message(root)),
                        "the conversation and its composer stay beside the thread");
                assertEquals("thread-text", b.js("return document.activeElement.id;"), "focus is in the thread's composer");
            }
            assertTrue(b.inViewport("#thread-text") && b.inViewport("#thread-send") && b.inViewport("#thread-also"));
            b.until(d -> b.driver.findElements(By.cssSelector(entry + " .jc-thread-mark")).isEmpty());
            b.until(d -> badge(b) == null);
            b.screenshot("threads-3-panel");
            Accessibility.assertAccessible(b, "the thread panel (" + size + ")");

            // Bob answers in the thread: not in Ann's main list, her root counts it.
            b.find("#thread-text").sendKeys("Six is fine, see you there", Keys.ENTER);
            b.waitForText("#thread-replies li[data-seq]", "Six is fine, see you there");
            a.waitForText(message(root) + " .jc-thread-summary", "2 replies");
            a.until(d -> (Boolean) a.js("return Array.from(window.jointChat.rooms.get(arguments[0]).messages.values())"
                    + ".some(function (m) { return m.text === 'Six is fine, see you there'; });", room));
            assertFalse(inMainList(a, "Six is fine"), "Bob's thread reply is not in Ann's main list");
            assertFalse(inMainList(b, "Six is fine"), "nor in Bob's");

            // "Also send to the room": in the thread and in the main list, with "replied to a thread".
            b.click("#thread-also");
            b.find("#thread-text").sendKeys("Everyone is welcome at six", Keys.ENTER);
            b.waitForText("#thread-replies li[data-seq]", "Everyone is welcome at six");
            a.waitForText("#message-list li[data-seq]", "Everyone is welcome at six");
            a.waitForText("#message-list .jc-thread-link", "replied to a thread");
            a.waitForText(message(root) + " .jc-thread-summary", "3 replies");
            a.screenshot("threads-4-also-to-room");
            b.screenshot("threads-4-thread-after-answers");

            // Ann opens the thread from the message's menu ("Reply in thread"), on a phone from "replied to a thread":
            // the three replies in order.
            if (phone) {
                a.click("#message-list .jc-thread-link");
            } else {
                a.click(message(root) + " .jc-menu-button");
                a.click("#message-menu button[data-action='thread']");
            }
            a.waitForText("#thread-replies", "Everyone is welcome at six");
            var order = (String) a.js("return Array.from(document.querySelectorAll('#thread-replies li[data-seq] .jc-text'))"
                    + ".map(function (t) { return t.textContent; }).join(' | ');");
            assertTrue(order.indexOf("By the river") < order.indexOf("Six is fine") && order.indexOf("Six is fine") < order.indexOf("Everyone"),
                    order);

            // A half-written reply is the thread's draft (issue 22, item 6): saved on the server while Bob types, and
            // back in the thread's composer when he opens the thread again (below, from the Threads view).
            b.find("#thread-text").sendKeys("half a reply");
            b.until(d -> {
                var draft = bob.get("api/v1/rooms/" + room + "/draft?thread=" + root);
                return draft.statusCode() == 200 && "half a reply".equals(HttpSession.json(draft).getString("text"));
            });

            // The Threads view: Bob closes the thread (Escape on a desktop, Back on a phone) and opens "Threads".
            if (phone) {
                b.click("#thread-back");
                b.until(d -> !b.driver.findElement(By.id("thread-panel")).isDisplayed());
                b.click("#rooms-toggle");
                b.until(d -> b.inViewport("#rooms-panel"));
            } else {
                b.find("#thread-text").sendKeys(Keys.ESCAPE);
                b.until(d -> !b.driver.findElement(By.id("thread-panel")).isDisplayed());
                assertEquals("composer-text", b.js("return document.activeElement.id;"), "Escape returns to the room's composer");
            }
            b.click("#threads-open");
            b.find("#threads-view");
            b.waitForText("#threads-list .jc-thread-item", "Where shall we meet on Friday?");
            b.waitForText("#threads-list .jc-thread-item", "3 replies");
            assertTrue(b.inViewport("#threads-list .jc-thread-item"));
            // Live: Ann's next reply makes the thread bold with its count, and "Threads" counts it.
            replyInThread(ann, room, root, "Bring an umbrella", false);
            b.waitForText("#threads-list .jc-thread-item.jc-thread-unread", "1 new reply");
            b.until(d -> "1".equals(badge(b)));
            b.screenshot("threads-5-threads-view");
            Accessibility.assertAccessible(b, "the Threads view (" + size + ")");
            // A thread chosen opens in the panel; Back (phone) or × returns to the list.
            b.click("#threads-list .jc-thread-item");
            b.waitForText("#thread-replies", "Bring an umbrella");
            b.waitForText("#thread-replies", "By the river, at six");
            b.until(d -> badge(b) == null);   // read: no count
            assertEquals("half a reply", b.find("#thread-text").getAttribute("value"), "the thread's draft is back in its composer");
            b.click(phone ? "#thread-back" : "#thread-close");
            b.find("#threads-view");

            if (!phone) {
                // A search hit that is a thread-only reply opens its thread (it is not in the main list to jump to).
                a.type("#search-input", "umbrella");
                a.find("#search-input").sendKeys(Keys.ENTER);
                a.waitForText("#search-results .jc-hit", "Bring an umbrella");
                a.click("#search-results .jc-hit");
                a.until(d -> d.findElement(By.id("thread-panel")).isDisplayed());
                a.waitForText("#thread-replies", "Bring an umbrella");
                assertTrue(a.inViewport("#thread-panel"), "the thread is on screen");
            }
        }
    }
}
