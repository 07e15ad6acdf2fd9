package org.jointchat.browser;

import static org.jointchat.browser.Browser.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.TestData;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Pinned messages (issue 22, item 2) as people see them, at 1280 × 800 and on a 390 × 844 phone: Ann pins Bob's
 * message from its menu; Bob's page, not reloaded, marks the message and says "Pinned 1" in the room's header; the
 * list opens (beside the conversation on a desktop, as a view of its own with "Back" on a phone), a pin in it brings
 * the message into view; Ann's unpinning empties the list live. axe-core runs with the list open.
 */
class PinsInBrowsersIT extends AgainstTheServer {

    @Test
    void onADesktopAPinShowsLiveAndTheListBesideTheConversationJumpsToIt() throws Exception {
        pinSeenAndFound("desk", 1280, 800);
    }

    @Test
    void onAPhoneAPinShowsLiveAndTheListIsAViewThatJumpsToIt() throws Exception {
        pinSeenAndFound("phone", 390, 844);
    }

    private void pinSeenAndFound(String size, int width, int height) throws Exception {
        boolean phone = width < 500;
        var ann = TestUser.register(api, "pnann", "Ann Pins");
        var bob = TestUser.register(api, "pnbob", "Bob Pins");
        var cy = TestUser.register(api, "pncy", "Cy Pins");
        var rooms = new RoomsOverApi(api);
        String name = TestData.uniqueLogin("pins");
        long room = rooms.publicRoom(ann, name, null, bob, cy);
        rooms.post(ann, room, "good morning", 0);
        long plan = rooms.post(bob, room, "The plan: we ship the release on Friday at noon", 0);

        try (var a = new Browser("pins-ann-" + size, width, height); var b = new Browser("pins-bob-" + size, width, height)) {
            a.signIn(base.toString(), ann.login());
            a.openRoom(base.toString(), room, name);
            b.signIn(base.toString(), bob.login());
            b.openRoom(base.toString(), room, name);
            b.until(d -> b.messageShown(plan));
            assertFalse(b.driver.findElement(By.id("pins-toggle")).isDisplayed(), "no pins, no button");

            // Ann pins Bob's message from its menu.
            a.until(d -> a.messageShown(plan));
            a.js("document.querySelector(arguments[0] + ' .jc-menu-button').click();", message(plan));
            a.click("#message-menu button[data-action='pin']");
            a.find(message(plan) + " .jc-pin-mark");

            // Bob's page follows at once, without a reload: the mark on the message, "Pinned 1" in the header.
            b.find(message(plan) + " .jc-pin-mark");
            assertTrue(b.messageShown(plan) && b.inViewport(message(plan) + " .jc-pin-mark"), "the mark is on screen");
            assertTrue(b.find(message(plan) + " .jc-pin-mark").getAttribute("title").startsWith("Pinned by Ann Pins"),
                    b.find(message(plan) + " .jc-pin-mark").getAttribute("title"));
            b.until(d -> "Pinned 1".equals(b.find("#pins-toggle").getAttribute("aria-label")));
            assertEquals("1", b.find("#pins-toggle .jc-pins-count").getText());
            assertTrue(b.inViewport("#pins-toggle"), "the header's button is on screen");
            if (!phone) {
                assertTrue(b.find("#pins-toggle").getText().contains("Pinned"), b.find("#pins-toggle").getText());
            }
            b.screenshot("pins-1-marked");

            // The conversation goes on; the pinned message scrolls out of view.
            for (int i = 0; i < 14; i++) {
                rooms.post(i % 2 == 0 ? ann : cy, room, "filler line " + i + " to push the plan out of view", 0);
                rooms.post(i % 2 == 0 ? cy : ann, room, "another filler " + i, 0);
            }
            b.waitForText("#message-list", "another filler 13");
            b.until(d -> !b.messageShown(plan));

            // Bob opens the list: the pin, who wrote it and who pinned it.
            b.click("#pins-toggle");
            b.find("#pins-list .jc-pin");
            assertEquals("true", b.find("#pins-toggle").getAttribute("aria-expanded"));
            assertTrue(b.inViewport("#pins-panel") && b.inViewport("#pins-list .jc-pin"), "the list is on screen");
            var pin = b.find("#pins-list .jc-pin").getText();
            assertTrue(pin.contains("Bob Pins") && pin.contains("The plan: we ship the release") && pin.contains("Pinned by Ann Pins"), pin);
            if (phone) {
                assertFalse(b.find("#pins-list").isDisplayed() && b.driver.findElement(By.id("composer-text")).isDisplayed(),
                        "on a phone the list is a view of its own");
                assertTrue(b.inViewport("#pins-panel .jc-pins-back"), "with Back");
            } else {
                double[] list = b.box("#messages");
                double[] panel = b.box("#pins-panel");
                assertTrue(list[3] <= panel[2] + 0.5, "beside the conversation, not over it");
                assertTrue(b.inViewport("#composer-text"), "the composer stays");
            }
            Accessibility.assertAccessible(b, "chat with the pinned list open (" + size + ")");
            b.screenshot("pins-2-list");

            // A pin brings its message into view (on a phone the list gives way to the conversation).
            b.click("#pins-list .jc-pin");
            b.until(d -> b.messageShown(plan));
            assertTrue(b.inViewport(message(plan)), "the pinned message is in the viewport");
            b.screenshot("pins-3-jumped");
            if (phone) {
                assertTrue(b.find("#composer-text").isDisplayed(), "back in the conversation");
                b.click("#pins-toggle");
                b.find("#pins-list .jc-pin");
            }

            // Ann unpins while Bob's list is open: the mark goes, live, and the list says that nothing is pinned.
            assertEquals(204, ann.delete("api/v1/rooms/" + room + "/pins/" + plan).statusCode());
            b.until(d -> "Pinned 0".equals(b.find("#pins-toggle").getAttribute("aria-label")));
            b.waitForText("#pins-status", "Nothing is pinned in this room yet");
            assertTrue(b.inViewport("#pins-status"));
            assertEquals(0, b.driver.findElements(By.cssSelector("#pins-list .jc-pin")).size());
            Accessibility.assertAccessible(b, "the empty pinned list (" + size + ")");
            b.screenshot("pins-4-empty");
            b.click(phone ? "#pins-panel .jc-pins-back" : "#pins-panel .jc-pins-close");
            b.until(d -> b.find("#composer-text").isDisplayed() && !d.findElement(By.id("pins-toggle")).isDisplayed());
            b.until(d -> d.findElements(By.cssSelector(message(plan) + " .jc-pin-mark")).isEmpty());
            assertTrue(b.messageShown(plan) || b.inViewport("#messages"), "the conversation is back");

            // In Russian (desktop) or Ukrainian (phone): the header's button, the menu's item, the list.
            boolean ru = !phone;
            assertEquals(201, ann.put("api/v1/rooms/" + room + "/pins/" + plan, "").statusCode());
            b.driver.get(base + "app/home.xhtml?lang=" + (ru ? "ru" : "uk") + "&room=" + room);
            b.waitForText("#room-name", name);
            b.until(d -> (ru ? "Закреплённые 1" : "Закріплені 1").equals(b.find("#pins-toggle").getAttribute("aria-label")));
            b.until(d -> b.messageShown(plan) || !d.findElements(By.cssSelector(message(plan) + " .jc-pin-mark")).isEmpty());
            b.js("document.querySelector(arguments[0]).scrollIntoView({block: 'center'});", message(plan));
            b.until(d -> b.messageShown(plan));
            // The menu follows its message while the list scrolls and closes once the message leaves the view.
            b.until(d -> {
                b.js("if (document.getElementById('message-menu').hidden) { document.querySelector(arguments[0] + ' .jc-menu-button').click(); }",
                        message(plan));
                return !d.findElements(By.cssSelector("#message-menu:not([hidden]) button[data-action='unpin']")).isEmpty();
            });
            assertEquals(ru ? "Открепить" : "Відкріпити", b.text("#message-menu button[data-action='unpin']"));
            b.find("#message-menu button").sendKeys(org.openqa.selenium.Keys.ESCAPE);
            b.click("#pins-toggle");
            b.waitForText("#pins-list", ru ? "Закрепил(а): Ann Pins" : "Закріпив(ла): Ann Pins");
            b.waitForText("#pins-heading", ru ? "Закреплённые сообщения" : "Закріплені повідомлення");
            Accessibility.assertAccessible(b, "the pinned list in " + (ru ? "Russian" : "Ukrainian") + " (" + size + ")");
            b.screenshot("pins-5-" + (ru ? "ru" : "uk"));
        }
    }
}
