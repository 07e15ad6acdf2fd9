package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Forwarding (issue 22, item 5) as a person does it, on a desktop (1280 × 800, English) and a phone (390 × 844,
 * Russian): the message's menu, "Forward…", the dialog (a room found by name, a comment; axe-core on it), the toast
 * with its link, the forward in the target room on screen with its original's author and text, and "View original"
 * jumping back to the original, highlighted on screen.
 */
class ForwardingInBrowsersIT extends AgainstTheServer {

    @Test
    void onADesktop() throws Exception {
        forward(new Browser("fwd-desktop", 1280, 800, Browser.MOUSE), "en", "Forwarded to", "Forwarded from", "View original");
    }

    @Test
    void onAPhone() throws Exception {
        forward(new Browser("fwd-phone", 390, 844), "ru", "Переслано в", "Переслано от", "К оригиналу");
    }

    void forward(Browser browser, String lang, String done, String from, String viewOriginal) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        var ann = TestUser.register(api, "fwa", "Ann Forward");
        var bob = TestUser.register(api, "fwb", "Bob Original");
        var rooms = new RoomsOverApi(api);
        long source = rooms.publicRoom(bob, "sales-" + tag, null, ann);
        long target = rooms.publicRoom(ann, "team-" + tag, null, bob);
        long seq = rooms.post(bob, source, "Quarterly numbers are in: **up 12%**", 0);
        String original = "#message-list li[data-seq='" + seq + "']";

        try (browser) {
            browser.signIn(base.toString(), ann.login());
            browser.driver.get(base + "app/home.xhtml?lang=" + lang + "&room=" + source);
            browser.waitForText("#room-name", "sales-" + tag);
            browser.find(original);

            // The message's menu, "Forward…".
            browser.js("arguments[0].scrollIntoView({block: 'center'});", browser.find(original));
            if (lang.equals("en")) {
                new org.openqa.selenium.interactions.Actions(browser.driver).moveToElement(browser.find(original)).perform();
            }
            browser.click(original + " .jc-menu-button");
            browser.click("#message-menu button[data-action=forward]");

            // The dialog: the target found by part of its name, a comment.
            browser.find("#forward-dialog");
            assertTrue(browser.inViewport("#forward-dialog"), "the dialog is on screen");
            browser.find("#forward-search").sendKeys("team-" + tag.substring(0, 3));
            String choice = "#forward-rooms input[value='" + target + "']";
            browser.until(d -> d.findElements(By.cssSelector("#forward-rooms input")).size() == 1);
            browser.click("#forward-rooms label:has(input[value='" + target + "'])");
            assertTrue(browser.driver.findElement(By.cssSelector(choice)).isSelected());
            browser.type("#forward-comment", "for the team");
            browser.screenshot("forward-dialog-" + lang);
            Accessibility.assertAccessible(browser, "the chat page with the forward dialog open (" + lang + ")");
            browser.click("#forward-send");

            // The toast says where it went and links there.
            browser.waitForText("#forward-toast", done);
            assertTrue(browser.inViewport("#forward-toast"), "the toast is on screen");
            browser.screenshot("forward-toast-" + lang);
            browser.click("#forward-open");
            browser.waitForText("#room-name", "team-" + tag);

            // The forward in the target room: on screen, with the original's author and text.
            String forwarded = "#message-list li[data-seq] .jc-forwarded";
            browser.waitForText(forwarded, "Quarterly numbers are in");
            browser.waitForText(forwarded + " .jc-forwarded-head", from);
            browser.waitForText(forwarded + " .jc-forwarded-author", "Bob Original");
            assertEquals("up 12%", browser.find(forwarded + " .jc-forwarded-text strong").getText(), "the original's formatting");
            browser.waitForText("#message-list li[data-seq] .jc-text", "for the team");
            browser.until(d -> browser.inViewport(forwarded));
            assertTrue(browser.inViewport(forwarded + " .jc-forwarded-origin"), "View original is on screen");
            assertEquals(viewOriginal, browser.find(forwarded + " .jc-forwarded-origin").getText());
            browser.screenshot("forward-target-" + lang);

            // "View original" goes back to it, highlighted on screen.
            browser.click(forwarded + " .jc-forwarded-origin");
            browser.waitForText("#room-name", "sales-" + tag);
            browser.until(d -> d.findElements(By.cssSelector(original + ".jc-highlight")).size() == 1);
            assertTrue(browser.inViewport(original), "the original is on screen");
            browser.screenshot("forward-original-" + lang);
        }
    }
}
