package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

/**
 * Status and do-not-disturb (issue 22, item 4) on the chat page, at desktop and phone size: Ann sets "📅 In a meeting"
 * and do-not-disturb in the status dialog; Bob, whose page is already open, sees the emoji next to her name in the
 * online list, the members panel and her profile without reloading, and the do-not-disturb mark; with it on, a
 * mention and a direct message to Ann make no notification, but her tab title counts them.
 */
class StatusInBrowsersIT extends AgainstTheServer {

    @Test
    void atDesktopSize() throws Exception {
        check("status-desktop", 1280, 800, false, "uk", "Ваш статус", "Не турбувати");
    }

    @Test
    void atPhoneSize() throws Exception {
        check("status-phone", 390, 844, true, "ru", "Ваш статус", "Не беспокоить");
    }

    /** On a phone the page's bar (with the status button) folds behind ⋮: unfolds it when it is folded. */
    static void showHeader(Browser browser) {
        if (Boolean.TRUE.equals(browser.js("return document.getElementById('status-button').offsetParent === null;"))) {
            browser.click("#more-toggle");
        }
    }

    static String memberRow(String login) {
        return "#member-list li:has(button[data-profile=\"" + login + "\"])";
    }

    static String onlineRow(String login) {
        return "#online li[data-login=\"" + login + "\"]";
    }

    void check(String name, int width, int height, boolean phone, String lang, String dialogTitle, String dndLabel) throws Exception {
        var rooms = new RoomsOverApi(api);
        var ann = TestUser.register(api, "stann", "Ann Status");
        var bob = TestUser.register(api, "stbob", "Bob Status");
        String roomName = TestData.uniqueLogin("st");
        long room = rooms.publicRoom(ann, roomName, null, bob);
        var direct = api.postJson("api/v1/direct/" + ann.login(), "", "Authorization", bob.bearer());
        assertTrue(direct.statusCode() == 201 || direct.statusCode() == 200, direct.body());
        long dm = HttpSession.json(direct).getJsonNumber("id").longValue();

        try (var b = new Browser(name + "-bob", width, height); var a = new Browser(name + "-ann", width, height)) {
            b.signIn(base.toString(), bob.login());
            b.openRoom(base.toString(), room, roomName);
            a.signIn(base.toString(), ann.login());
            a.driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", base.getScheme() + "://" + base.getRawAuthority(),
                    "permissions", List.of("notifications")));
            a.openRoom(base.toString(), room, roomName);

            // Ann opens the dialog from the header (on a phone the header folds behind ⋮).
            showHeader(a);
            a.click("#status-button");
            a.find("#status-dialog[open] #status-text");
            a.click("#status-emoji-choices button[data-emoji='📅']");
            assertEquals("📅", a.find("#status-emoji").getAttribute("value"));
            a.type("#status-text", "In a meeting");
            new Select(a.find("#status-clear-after")).selectByValue("1h");
            new Select(a.find("#status-dnd")).selectByValue("1h");
            assertTrue(a.inViewport("#status-save"), "the dialog fits the screen");
            a.screenshot("dialog");
            Accessibility.assertAccessible(a, "the chat page with the status dialog open");
            a.click("#status-save");
            a.until(d -> d.findElements(By.cssSelector("#status-dialog[open]")).isEmpty());
            var mine = HttpSession.json(ann.get("api/v1/users/me/status"));
            assertEquals("In a meeting", mine.getString("text"));
            assertEquals("📅", mine.getString("emoji"));
            assertTrue(mine.getBoolean("dnd"));

            // Bob never reloads: the online list shows the emoji, named by the status, and the do-not-disturb mark.
            if (phone) {
                b.click("#members-toggle");
            }
            b.until(d -> !d.findElements(By.cssSelector(onlineRow(ann.login()) + " .jc-status-emoji")).isEmpty());
            var emoji = b.find(onlineRow(ann.login()) + " .jc-status-emoji");
            assertEquals("📅", emoji.getText());
            assertEquals("In a meeting", emoji.getAttribute("aria-label"));
            assertEquals("In a meeting", emoji.getAttribute("title"));
            assertEquals("do not disturb", b.find(onlineRow(ann.login()) + " .jc-dnd-mark").getAttribute("aria-label"));
            b.js("document.querySelector(arguments[0]).scrollIntoView({block: 'nearest'});", onlineRow(ann.login()));
            assertTrue(b.inViewport(onlineRow(ann.login()) + " .jc-status-emoji"), "the emoji in the online list is on screen");

            // The members panel: the emoji by her name, and her presence dot marked "do not disturb".
            if (!phone) {
                b.click("#members-toggle");
            }
            b.waitForText("#member-list", "Ann Status");
            b.until(d -> !d.findElements(By.cssSelector(memberRow(ann.login()) + " .jc-status-emoji")).isEmpty());
            assertEquals("📅", b.find(memberRow(ann.login()) + " .jc-status-emoji").getText());
            assertTrue(b.inViewport(memberRow(ann.login()) + " .jc-status-emoji"), "the emoji in the members panel is on screen");
            var dot = b.find(memberRow(ann.login()) + " .jc-dot");
            assertTrue(dot.getAttribute("class").contains("jc-dot-dnd"), dot.getAttribute("class"));
            assertTrue(dot.getAttribute("aria-label").endsWith("do not disturb"), dot.getAttribute("aria-label"));
            b.screenshot("members");

            // Her profile card says it too.
            b.click(memberRow(ann.login()) + " button[data-profile]");
            b.waitForText("#profile-status", "In a meeting");
            String status = b.text("#profile-status");
            assertTrue(status.startsWith("📅"), status);
            assertTrue(b.inViewport("#profile-status"), "the status on the profile card is on screen");
            String dnd = b.text("#profile-dnd");
            assertTrue(dnd.startsWith("Do not disturb until"), dnd);
            b.screenshot("profile");
            b.click("#profile-close");

            // Ann's tab goes to the background with do-not-disturb on: Bob's mention and direct message count in its
            // title, and no notification is shown (notifications are allowed: without do-not-disturb they would be).
            String title = (String) a.js("return document.title;");
            a.js("""
                    localStorage.removeItem('probe.notes'); localStorage.removeItem('probe.hidden'); localStorage.removeItem('probe.title');
                    var Real = window.Notification;
                    var Recording = function (title, options) {
                      var notes = JSON.parse(localStorage.getItem('probe.notes') || '[]');
                      notes.push({title: title, body: options && options.body});
                      localStorage.setItem('probe.notes', JSON.stringify(notes));
                    };
                    Object.defineProperty(Recording, 'permission', {get: function () { return Real.permission; }});
                    Recording.requestPermission = function (callback) { return Real.requestPermission(callback); };
                    window.Notification = Recording;
                    document.addEventListener('visibilitychange', function () { localStorage.setItem('probe.hidden', String(document.hidden)); });
                    new MutationObserver(function () { localStorage.setItem('probe.title', document.title); })
                      .observe(document.querySelector('title'), {childList: true, characterData: true, subtree: true});""");
            assertEquals("granted", a.js("return Notification.permission;"));
            String chatTab = a.driver.getWindowHandle();
            a.driver.switchTo().newWindow(WindowType.TAB);
            a.driver.get(base + "app/rooms.xhtml");
            a.until(d -> "true".equals(a.js("return localStorage.getItem('probe.hidden');")));
            rooms.post(bob, room, "@" + ann.login() + " are you coming?", 0);
            a.until(d -> ("(1) " + title).equals(a.js("return localStorage.getItem('probe.title');")));
            rooms.post(bob, dm, "call me when you are out", 0);
            a.until(d -> ("(2) " + title).equals(a.js("return localStorage.getItem('probe.title');")));
            Thread.sleep(1000);
            assertNull(a.js("return localStorage.getItem('probe.notes');"), "no notification while do-not-disturb is on");
            a.driver.close();
            a.driver.switchTo().window(chatTab);
            a.until(d -> title.equals(a.js("return document.title;")));

            // Her own page shows what she set, and why nothing popped up.
            showHeader(a);
            a.waitForText("#status-button", "In a meeting");
            assertEquals("do not disturb", a.find("#status-button .jc-dnd-mark").getAttribute("aria-label"));
            a.screenshot("own");

            // In Russian or Ukrainian the dialog says the same in the reader's words, with what is set.
            a.driver.get(base + "app/home.xhtml?lang=" + lang + "&room=" + room);
            a.waitForText("#room-name", roomName);
            showHeader(a);
            a.waitForText("#status-button", "In a meeting");
            a.click("#status-button");
            a.waitForText("#status-title", dialogTitle);
            assertEquals("In a meeting", a.find("#status-text").getAttribute("value"));
            assertEquals("📅", a.find("#status-emoji").getAttribute("value"));
            assertEquals(dndLabel, a.find("label[for='status-dnd']").getText());
            assertTrue(a.inViewport("#status-save"));
            a.screenshot("dialog-" + lang);

            // The profile page (Faces) shows status and do-not-disturb.
            b.driver.get(base + "app/profile.xhtml?login=" + ann.login());
            b.waitForText("#status-now", "In a meeting");
            assertTrue(b.find("#status-now").getText().contains("📅"));
            assertTrue(b.find("#dnd-now").getText().startsWith("Do not disturb until"), b.find("#dnd-now").getText());
            assertTrue(b.inViewport("#status-now"));
            b.screenshot("profile-page");
        }
    }
}
