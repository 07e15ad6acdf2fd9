package org.jointchat.browser;

import static org.jointchat.browser.Browser.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jointchat.support.Administrators;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.TestData;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Issue 19, "Moderation in rooms", as the people involved meet it in real browsers, on a desktop (1280 × 800) and on a
 * phone (390 × 844): the owner of a room removes a member's message from its ⋯ menu (an in-page dialog asks first)
 * and both windows show "Removed by a moderator" where it was; the member reports the owner's message; the owner
 * mutes the member, whose composer then says until when instead of offering the input; an administrator finds the
 * report on /admin/reports and removes the message, and archives the room on /admin/rooms, after which the room is
 * read-only on the owner's page too. Users and rooms are set up over the API; what is tested is done on the pages.
 * The room settings page, /admin/reports and /admin/rooms pass axe-core's WCAG 2 A/AA rules (no serious or critical
 * violation) at both sizes.
 */
class ModerationInBrowsersIT extends AgainstTheServer {

    @Test
    void aModeratorRemovesMutesAndAnAdministratorActsOnAReportOnADesktop() throws Exception {
        moderateARoom("desktop", 1280, 800);
    }

    @Test
    void aModeratorRemovesMutesAndAnAdministratorActsOnAReportOnAPhone() throws Exception {
        moderateARoom("phone", 390, 844);
    }

    void moderateARoom(String device, int width, int height) throws Exception {
        var owner = person("mowner", "Olga Owner");
        var member = person("mmember", "Max Member");
        var admin = person("madmin", "Ada Admin");
        Administrators.setAdmin(admin.login(), true); // as ./jointchat admin grant does
        String name = TestData.uniqueLogin("moderated");
        long room = room(name, owner, member);
        long welcome = post(owner, room, "Welcome, please keep it friendly " + device);
        long spam = post(member, room, "BUY CHEAP WATCHES " + device);

        try (var o = new Browser(device + "-owner", width, height); var m = new Browser(device + "-member", width, height)) {
            watchCsp(o);
            watchCsp(m);
            o.signIn(base.toString(), owner.login());
            m.signIn(base.toString(), member.login());
            open(o, room, name);
            open(m, room, name);
            o.until(d -> shown(o, spam));
            m.until(d -> shown(m, spam));

            // The owner's menu on the member's message: remove, mute, ban (a public room) and report.
            o.openMessageMenu(spam);
            assertEquals(List.of("reply", "thread", "react", "pin", "forward", "seen-by", "remove", "mute", "ban", "report"), menuActions(o));
            assertTrue(o.inViewport("#message-menu"), "the whole menu is on screen");
            o.click("#message-menu button[data-action=remove]");
            // An in-page dialog asks first (no native confirm), quoting the message; focus starts on Cancel.
            o.find("#moderation-dialog[open]");
            assertTrue(o.find("#moderation-text").getText().contains("BUY CHEAP WATCHES"));
            assertEquals("moderation-cancel", o.driver.switchTo().activeElement().getAttribute("id"));
            assertTrue(o.inViewport("#moderation-confirm") && o.inViewport("#moderation-cancel"));
            o.screenshot("moderation-remove-dialog-" + device);
            o.click("#moderation-confirm");
            o.until(d -> d.findElements(By.cssSelector("#moderation-dialog[open]")).isEmpty());
            // Both windows show the moderator's tombstone where the message was, on screen.
            for (var browser : List.of(o, m)) {
                browser.waitForText(message(spam) + " .jc-deleted-text", "Removed by a moderator");
                browser.until(d -> shown(browser, spam));
                assertTrue(browser.inViewport(message(spam) + " .jc-removed-by-moderator"), device + ": tombstone on screen");
                assertTrue(browser.driver.findElements(By.cssSelector(message(spam) + " .jc-menu-button")).isEmpty());
            }
            m.screenshot("moderation-removed-" + device);

            // The member reports the owner's welcome (a member's menu offers no moderation).
            m.openMessageMenu(welcome);
            assertEquals(List.of("reply", "thread", "react", "pin", "forward", "seen-by", "report"), menuActions(m), "any member pins in a small room (issue 22)");
            m.click("#message-menu button[data-action=report]");
            m.find("#moderation-dialog[open]");
            assertEquals("moderation-reason", m.driver.switchTo().activeElement().getAttribute("id"), "focus in the reason box");
            m.driver.switchTo().activeElement().sendKeys("unfriendly " + device);
            m.click("#moderation-confirm");
            m.waitForText("#chat-status", "administrators will look at the message");
            assertTrue(m.inViewport("#chat-status"));

            // The owner mutes the member for an hour; Escape first closes the dialog and gives focus back to the menu.
            long second = post(member, room, "one more try " + device);
            o.until(d -> shown(o, second));
            o.openMessageMenu(second);
            o.click("#message-menu button[data-action=mute]");
            o.find("#moderation-dialog[open]");
            o.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
            o.until(d -> d.findElements(By.cssSelector("#moderation-dialog[open]")).isEmpty());
            o.until(d -> "jc-menu-button".equals(d.switchTo().activeElement().getAttribute("class")));
            o.openMessageMenu(second);
            o.click("#message-menu button[data-action=mute]");
            o.find("#moderation-dialog[open]");
            assertTrue(o.find("#moderation-title").getText().contains("Max Member"));
            o.click("#moderation-durations input[value='60']");
            assertTrue(o.inViewport("#moderation-confirm"));
            o.click("#moderation-confirm");
            o.waitForText("#chat-status", "Max Member is muted until");

            // The member's composer says so instead of offering the input.
            m.waitForText("#composer-notice", "A moderator muted you in this room until");
            assertTrue(m.inViewport("#composer-notice"), device + ": the notice is on screen");
            assertFalse(m.driver.findElement(By.id("composer-text")).isDisplayed(), "no input while muted");
            assertFalse(m.driver.findElement(By.id("send")).isDisplayed());
            m.screenshot("moderation-muted-" + device);
            // A send that was already on its way (here: from the page's own socket) is refused with the same words.
            m.js("window.jointChat.sendMessage(arguments[0], 'sneaky', 'sneaky-1');", room);
            m.waitForText("#pending-sneaky-1 .jc-status", "A moderator muted you in this room until");
            assertNoCspViolations(o);

            // The owner's settings page lists the mute (nobody banned, no moderators yet); unmuting, once confirmed,
            // gives the member the input back at once.
            o.driver.get(base + "app/room.xhtml?id=" + room);
            o.waitForText("#moderation", "Muted members");
            assertTrue(o.find("#mutes\\:mute-table").getText().contains("@" + member.login()));
            assertTrue(o.find("#bans\\:ban-table").getText().contains("Nobody is banned."));
            assertTrue(o.find("#moderators\\:moderator-table").getText().contains("No moderators yet."));
            o.js("document.getElementById('moderation-heading').scrollIntoView();");
            o.screenshot("moderation-settings-" + device);
            Accessibility.assertAccessible(o, "/app/room.xhtml (settings with a mute) " + device);
            o.click("#mutes\\:mute-table button[id$='unmute']");
            o.click("#members\\:confirm-yes");
            o.waitForText("#messages", "@" + member.login() + " may post again.");
            assertTrue(o.find("#mutes\\:mute-table").getText().contains("Nobody is muted."));
            m.until(d -> d.findElement(By.id("composer-text")).isDisplayed());
            assertFalse(m.driver.findElement(By.id("composer-notice")).isDisplayed());
            // The owner appoints the member moderator (picked from the suggestions): his menu on her message offers removal.
            o.type("#moderators\\:newModerator_input", member.login());
            o.click("#moderators\\:newModerator_panel [data-item-value='" + member.login() + "']");
            o.click("#moderators\\:appoint");
            o.waitForText("#messages", "@" + member.login() + " is a moderator now.");
            assertTrue(o.find("#moderators\\:moderator-table").getText().contains("@" + member.login()));
            assertNoCspViolations(o);
            Accessibility.assertAccessible(o, "/app/room.xhtml (settings with a moderator) " + device);
            m.until(d -> {
                m.openMessageMenu(welcome);
                boolean removes = menuActions(m).contains("remove");
                m.find("#message-menu button").sendKeys(Keys.ESCAPE);
                return removes;
            });
            m.openMessageMenu(welcome);
            assertEquals(List.of("reply", "thread", "react", "pin", "forward", "seen-by", "remove", "report"), menuActions(m), "no mute or ban for the owner's message");
            m.find("#message-menu button").sendKeys(Keys.ESCAPE);
            open(o, room, name);

            // An administrator finds the report and removes the message; the owner's page shows the tombstone.
            try (var a = new Browser(device + "-admin", width, height)) {
                watchCsp(a);
                a.signIn(base.toString(), admin.login());
                a.driver.get(base + "admin/reports.xhtml");
                By row = By.xpath("//tr[contains(., 'Welcome, please keep it friendly " + device + "')]");
                a.until(d -> !d.findElements(row).isEmpty());
                String text = a.driver.findElement(row).getText();
                assertTrue(text.contains("@" + member.login()) && text.contains("unfriendly " + device) && text.contains(name), text);
                a.screenshot("moderation-reports-" + device);
                Accessibility.assertAccessible(a, "/admin/reports " + device);
                a.click(By.xpath("//tr[contains(., 'Welcome, please keep it friendly " + device + "')]//button[contains(@id, 'remove')]"));
                assertNoCspViolations(a);
                a.click("#reports\\:confirm-yes");
                a.waitForText("#reports\\:messages", "The message is removed");
                a.until(d -> d.findElements(row).isEmpty());
                o.waitForText(message(welcome) + " .jc-deleted-text", "Removed by a moderator");

                // The administrator archives the room; the owner's page turns read-only at once.
                a.driver.get(base + "admin/rooms.xhtml");
                a.type("#rooms\\:query", name);
                By roomRow = By.xpath("//tr[contains(., '" + name + "')]");
                a.until(d -> d.findElements(By.cssSelector("#rooms\\:table tbody tr")).size() == 1 && !d.findElements(roomRow).isEmpty());
                String rowText = a.driver.findElement(roomRow).getText();
                assertTrue(rowText.contains("@" + owner.login()) && rowText.contains("public"), rowText);
                a.click(By.xpath("//tr[contains(., '" + name + "')]//button[contains(@id, 'archive')]"));
                a.click("#rooms\\:confirm-yes");
                a.waitForText("#rooms\\:messages", "Room " + name + " is archived.");
                a.until(d -> d.findElement(roomRow).getText().contains("archived"));
                a.find("#rooms\\:table button[id$='unarchive']");
                a.screenshot("moderation-rooms-" + device);
                Accessibility.assertAccessible(a, "/admin/rooms " + device);
                assertNoCspViolations(a);
            }
            o.waitForText("#composer-notice", "This room is archived");
            assertTrue(o.inViewport("#composer-notice"));
            assertFalse(o.driver.findElement(By.id("composer-text")).isDisplayed());
            o.screenshot("moderation-archived-" + device);
            assertNoCspViolations(o);
            assertNoCspViolations(m);
        }
    }

    // ---- the page's Content-Security-Policy (no inline scripts: every handler is the chat modules' or PrimeFaces' nonce'd) ----

    /** From now on, every page this browser opens records its CSP violations (this script itself is exempt). */
    static void watchCsp(Browser browser) {
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", """
                window.__moderationCsp = [];
                document.addEventListener('securitypolicyviolation', function (e) {
                  window.__moderationCsp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
                });"""));
    }

    static void assertNoCspViolations(Browser browser) {
        assertEquals(List.of(), browser.js("return window.__moderationCsp || [];"), "the page works under its Content-Security-Policy");
    }

    // ---- set-up through the API ----

    TestUser person(String prefix, String displayName) {
        return TestUser.register(api, prefix, displayName);
    }

    long room(String name, TestUser owner, TestUser... others) {
        return new RoomsOverApi(api).publicRoom(owner, name, null, others);
    }

    long post(TestUser who, long room, String text) {
        return new RoomsOverApi(api).post(who, room, text, 0);
    }

    // ---- what the page shows ----

    void open(Browser browser, long room, String name) {
        browser.openRoom(base.toString(), room, name);
    }

    /** Whether the message is wholly inside the visible part of the message pane (and so on screen). */
    static boolean shown(Browser browser, long seq) {
        return (Boolean) browser.js("""
                var m = document.querySelector('#message-list li[data-seq="' + arguments[0] + '"]');
                if (!m) { return false; }
                var r = m.getBoundingClientRect(), p = document.getElementById('messages').getBoundingClientRect();
                return r.height > 0 && r.top >= p.top - 0.5 && r.bottom <= p.bottom + 0.5 && p.bottom <= innerHeight + 0.5;""", seq);
    }

    static List<String> menuActions(Browser browser) {
        return browser.driver.findElements(By.cssSelector("#message-menu button[role=menuitem]")).stream()
                .map(e -> e.getAttribute("data-action")).toList();
    }
}
