package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Drafts (issue 22, item 6) on two devices of one person: a desktop (1280 × 800) types half a message; the phone
 * (390 × 844, Ukrainian) opens the room and has it in its composer; what the phone adds shows on the desktop, whose
 * room list marks the room "Draft"; sending on the phone clears the draft on both (and on the server).
 */
class DraftsInBrowsersIT extends AgainstTheServer {

    static String composer(Browser browser) {
        return (String) browser.js("return document.getElementById('composer-text').value;");
    }

    @Test
    void aHalfWrittenMessageFollowsItsWriterToTheirPhone() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        var ann = TestUser.register(api, "dra", "Ann Drafts");
        var bob = TestUser.register(api, "drb", "Bob Drafts");
        long room = new RoomsOverApi(api).publicRoom(ann, "plans-" + tag, null, bob);
        String name = "plans-" + tag;

        try (var desktop = new Browser("drafts-desktop", 1280, 800, Browser.MOUSE); var phone = new Browser("drafts-phone", 390, 844)) {
            // The desktop types half a message and leaves it.
            desktop.signIn(base.toString(), ann.login());
            desktop.openRoom(base.toString(), room, name);
            desktop.find("#composer-text").sendKeys("Half a thought about the");
            desktop.until(d -> ann.get("api/v1/rooms/" + room + "/draft").body().contains("Half a thought about the"));
            desktop.js("document.activeElement.blur();");   // the writer walks away from the desktop
            desktop.screenshot("drafts-1-desktop-typed");

            // The phone opens the room: the half message is in its composer, on screen.
            phone.signIn(base.toString(), ann.login());
            phone.driver.get(base + "app/home.xhtml?lang=uk&room=" + room);
            phone.waitForText("#room-name", name);
            phone.until(d -> "Half a thought about the".equals(composer(phone)));
            assertTrue(phone.inViewport("#composer-text"), "the composer is on screen");
            phone.screenshot("drafts-2-phone-restored");

            // What the phone adds shows on the desktop.
            phone.click("#composer-text");
            phone.js("var t = document.getElementById('composer-text'); t.setSelectionRange(t.value.length, t.value.length);");
            phone.find("#composer-text").sendKeys(" release plan");
            desktop.until(d -> "Half a thought about the release plan".equals(composer(desktop)));
            assertTrue(desktop.inViewport("#composer-text"));
            desktop.screenshot("drafts-3-desktop-follows");

            // In another room the desktop's room list says the room has a draft.
            long general = ((Number) desktop.js("var g = null; window.jointChat.store.rooms.forEach(function (r, id) {"
                    + " if (r.info.kind === 'global') { g = id; } }); return g;")).longValue();
            desktop.click(".jc-room-button[data-room='" + general + "']");
            desktop.waitForText(".jc-room-button[data-room='" + room + "'] .jc-draft-mark", "Draft");
            assertTrue(desktop.inViewport(".jc-room-button[data-room='" + room + "'] .jc-draft-mark"), "the mark is on screen");
            desktop.screenshot("drafts-4-desktop-mark");

            // Sending on the phone clears the draft everywhere.
            phone.find("#composer-text").sendKeys(Keys.ENTER);
            phone.waitForText("#message-list .jc-text", "Half a thought about the release plan");
            phone.until(d -> composer(phone).isEmpty());
            desktop.until(d -> d.findElements(By.cssSelector(".jc-room-button[data-room='" + room + "'] .jc-draft-mark")).isEmpty());
            desktop.click(".jc-room-button[data-room='" + room + "']");
            desktop.waitForText("#message-list .jc-text", "Half a thought about the release plan");
            desktop.until(d -> composer(desktop).isEmpty());
            assertEquals(204, ann.get("api/v1/rooms/" + room + "/draft").statusCode(), "nothing left on the server");
            phone.screenshot("drafts-5-phone-sent");
            desktop.screenshot("drafts-5-desktop-cleared");
        }
    }
}
