package org.jointchat.browser;

import static org.jointchat.browser.Browser.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Read receipts (issue 22, item 3) as Ann and Bob meet them, on a desktop (1280 × 800) and a phone (390 × 844): Ann
 * writes to Bob in a direct conversation and, the moment Bob opens it, "Seen" shows under her message without a
 * reload; in a room it says "Seen by Bob …", and "Seen by…" in the message's menu lists the readers in a dialog (a
 * bottom sheet on the phone) that passes axe-core. Once Bob turns "Share read receipts" off on his profile page, Ann
 * sees nothing when he reads.
 */
class ReadReceiptsInBrowsersIT extends AgainstTheServer {

    @Test
    void annSeesWhenBobHasReadOnADesktop() throws Exception {
        receipts("desktop", 1280, 800);
    }

    @Test
    void annSeesWhenBobHasReadOnAPhone() throws Exception {
        receipts("phone", 390, 844);
    }

    void receipts(String device, int width, int height) throws Exception {
        var ann = TestUser.register(api, "seenann", "Ann Writer");
        var bob = TestUser.register(api, "seenbob", "Bob Reader");
        var cy = TestUser.register(api, "seency", "Cy Later");
        var opened = ann.post("api/v1/direct/" + bob.login(), "");
        assertTrue(opened.statusCode() == 200 || opened.statusCode() == 201, opened.body());
        long dm = HttpSession.json(opened).getJsonNumber("id").longValue();
        String roomName = TestData.uniqueLogin("seen");
        long room = new RoomsOverApi(api).publicRoom(ann, roomName, null, bob, cy);

        try (var a = new Browser(device + "-ann", width, height); var b = new Browser(device + "-bob", width, height)) {
            a.signIn(base.toString(), ann.login());
            b.signIn(base.toString(), bob.login());

            // A direct conversation: Ann writes, Bob opens it, Ann's page says "Seen" at once.
            a.openRoom(base.toString(), dm, "Bob Reader");
            say(a, "Lunch at noon? " + device);
            long hello = a.until(d -> mine(a, "Lunch at noon? " + device));
            a.screenshot("receipts-dm-sent-" + device);
            assertTrue(a.driver.findElements(By.cssSelector(message(hello) + " .jc-seen")).isEmpty(), "not read yet");
            b.openRoom(base.toString(), dm, "Ann Writer");
            b.until(d -> d.findElements(By.cssSelector(message(hello))).size() == 1);
            a.waitForText(message(hello) + " .jc-seen", "Seen");
            assertEquals("Seen", a.find(message(hello) + " .jc-seen").getText(), "a direct conversation says no names");
            assertTrue(seenShown(a, hello), device + ": \"Seen\" is on screen");
            a.screenshot("receipts-dm-seen-" + device);

            // A room longer than the screen: "Seen by Bob Reader" under Ann's message. Ann has its menu open meanwhile:
            // the list keeps its end in view as the line appears, and the menu stays open by its message.
            for (int i = 1; i <= 20; i++) {
                ann.sendMessage(room, "Earlier note " + i);
            }
            a.openRoom(base.toString(), room, roomName);
            say(a, "Release notes are up " + device);
            long notes = a.until(d -> mine(a, "Release notes are up " + device));
            a.until(d -> a.messageShown(notes));
            a.openMessageMenu(notes);
            b.openRoom(base.toString(), room, roomName);
            b.until(d -> d.findElements(By.cssSelector(message(notes))).size() == 1);
            a.waitForText(message(notes) + " .jc-seen", "Seen by Bob Reader");
            assertTrue(seenShown(a, notes), device + ": \"Seen by Bob Reader\" is on screen");
            assertTrue(a.driver.findElements(By.cssSelector("#message-menu[hidden]")).isEmpty(), "the menu is still open");
            double[] menu = a.box("#message-menu");
            double[] button = a.box(message(notes) + " .jc-menu-button");
            assertTrue(Math.abs(menu[0] - (button[1] + 4)) < 1.5 || Math.abs(menu[1] - (button[0] - 4)) < 1.5,
                    device + ": the menu is by its message's button (menu " + menu[0] + "–" + menu[1] + ", button " + button[0] + "–" + button[1] + ")");
            a.screenshot("receipts-room-seen-" + device);
            a.find("#message-menu button").sendKeys(Keys.ESCAPE);
            a.until(d -> !d.findElements(By.cssSelector("#message-menu[hidden]")).isEmpty());

            // The message's menu: "Seen by…" opens the list of readers; axe-core finds nothing serious with it open.
            a.openMessageMenu(notes);
            a.click("#message-menu button[data-action=seen-by]");
            a.find("#readers-dialog[open]");
            a.waitForText("#readers-dialog .jc-readers-list", "Bob Reader");
            assertEquals(List.of("Bob Reader @" + bob.login()), a.driver.findElements(By.cssSelector("#readers-dialog .jc-readers-list li"))
                    .stream().map(e -> e.getText()).toList(), "Bob only: Ann wrote it, Cy has not opened the room");
            assertEquals("readers-close", a.driver.switchTo().activeElement().getAttribute("id"), "focus in the dialog");
            assertTrue(a.inViewport("#readers-dialog") && a.inViewport("#readers-close"), device + ": the whole list is on screen");
            a.screenshot("receipts-readers-" + device);
            Accessibility.assertAccessible(a, "the chat page with the readers list open, " + device);
            a.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
            a.until(d -> d.findElements(By.cssSelector("#readers-dialog[open]")).isEmpty());

            // Bob turns sharing off on his profile page; what he reads from then on, Ann does not see.
            b.driver.get(base + "app/profile.xhtml");
            b.find("#receipts\\:share");
            assertTrue(b.driver.findElement(By.id("receipts:share_input")).isSelected(), "on by default");
            b.click("#receipts\\:share .ui-chkbox-box");
            b.click("#receipts\\:saveReceipts");
            b.waitForText("#receipts", "Read receipts setting saved.");
            assertFalse(b.driver.findElement(By.id("receipts:share_input")).isSelected());
            b.js("document.getElementById('receipts').scrollIntoView();");
            b.screenshot("receipts-profile-off-" + device);
            Accessibility.assertAccessible(b, "/app/profile.xhtml with read receipts off, " + device);
            assertFalse(HttpSession.json(bob.get("api/v1/users/me/receipts")).getBoolean("share"));

            say(a, "One more thing " + device);
            long more = a.until(d -> mine(a, "One more thing " + device));
            b.openRoom(base.toString(), room, roomName);
            b.until(d -> d.findElements(By.cssSelector(message(more))).size() == 1);
            b.until(d -> readUpTo(bob, room) >= more);
            Thread.sleep(2500); // a seen frame, were one sent, would be here by now
            assertTrue(a.driver.findElements(By.cssSelector("#message-list .jc-seen")).isEmpty(),
                    "nothing under Ann's latest message, and the old line is gone");
            assertTrue(b.driver.findElements(By.cssSelector("#message-list .jc-seen")).isEmpty());
            a.screenshot("receipts-sharing-off-" + device);

            // Sharing on again (over the API this time): Ann's page, now in Russian or Ukrainian, shows Bob's read.
            assertEquals(200, bob.put("api/v1/users/me/receipts", "{\"share\":true}").statusCode());
            String lang = device.equals("phone") ? "uk" : "ru";
            a.driver.get(base + "app/home.xhtml?room=" + room + "&lang=" + lang);
            a.waitForText("#room-name", roomName);
            a.waitForText(message(more) + " .jc-seen", "Прочитано: Bob Reader");
            assertTrue(seenShown(a, more), device + ": the line is on screen in " + lang);
            a.screenshot("receipts-seen-" + lang + "-" + device);
        }
    }

    static void say(Browser browser, String text) {
        var box = browser.find("#composer-text");
        box.sendKeys(text);
        box.sendKeys(Keys.ENTER);
    }

    /** The seq of the reader's own message with that text once the server has stored it, else null. */
    static Long mine(Browser browser, String text) {
        Object seq = browser.js("""
                var text = arguments[0];
                var found = Array.from(document.querySelectorAll('#message-list li.jc-mine[data-seq]'))
                    .filter(function (li) { return li.textContent.indexOf(text) >= 0; });
                return found.length ? Number(found[found.length - 1].dataset.seq) : null;""", text);
        return seq == null ? null : ((Number) seq).longValue();
    }

    /** Whether the message's receipt line is wholly inside the visible part of the message pane. */
    static boolean seenShown(Browser browser, long seq) {
        return (Boolean) browser.js("""
                var s = document.querySelector('#message-list li[data-seq="' + arguments[0] + '"] .jc-seen');
                if (!s) { return false; }
                var r = s.getBoundingClientRect(), p = document.getElementById('messages').getBoundingClientRect();
                return r.height > 0 && r.top >= p.top - 0.5 && r.bottom <= p.bottom + 0.5 && p.bottom <= innerHeight + 0.5;""", seq);
    }

    /** Bob's read mark in the room, as the API tells him. */
    static long readUpTo(TestUser who, long room) {
        return HttpSession.objects(who.get("api/v1/rooms")).stream().filter(r -> r.getJsonNumber("id").longValue() == room)
                .map(r -> r.getJsonNumber("lastReadSeq")).filter(n -> n != null).mapToLong(n -> n.longValue()).findFirst().orElse(0);
    }
}
