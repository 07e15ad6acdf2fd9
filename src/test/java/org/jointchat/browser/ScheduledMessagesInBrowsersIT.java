package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.TestData;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Scheduled messages (issue 22, item 7) as a person meets them, at desktop and phone size: the composer's Schedule
 * button and dialog (quick choices, a time refused with a line saying why), the room's "Scheduled (N)" list (a panel
 * on a desktop, a full-screen view with Back on a phone) with Edit and Cancel, and the edited message arriving in
 * the conversation on its own at its time; no serious or critical accessibility problem with the dialog or the list open.
 */
class ScheduledMessagesInBrowsersIT extends AgainstTheServer {

    /** The texts the test reads, per language. */
    record Words(String lang, String tooSoon, String entryOf2, String empty, String scheduleTitle) {
    }

    static final Words EN = new Words("en", "Choose a time later than now", "Scheduled (2)", "No scheduled messages", "Schedule message");
    static final Words UK = new Words("uk", "Виберіть час, пізніший за поточний", "Заплановано (2)", "немає запланованих", "Запланувати повідомлення");

    @Test
    void scheduleEditCancelAndSeeItArriveOnADesktop() throws Exception {
        var ann = TestUser.register(api, "schd", "Ann Schedule");
        long room = new RoomsOverApi(api).publicRoom(ann, TestData.uniqueLogin("sch"), null);
        try (var browser = new Browser("scheduled-desktop", 1280, 800)) {
            check(browser, ann, room, EN, false);
        }
    }

    @Test
    void theSameOnAPhoneInUkrainian() throws Exception {
        var ann = TestUser.register(api, "schp", "Ann Phone");
        long room = new RoomsOverApi(api).publicRoom(ann, TestData.uniqueLogin("sch"), null);
        try (var browser = new Browser("scheduled-phone", 390, 844)) {
            check(browser, ann, room, UK, true);
        }
    }

    /** Sets the dialog's date and time to now + seconds (the browser's local time). */
    static void chooseIn(Browser browser, int seconds) {
        browser.js("var d = new Date(Date.now() + arguments[0] * 1000); var p = function (n) { return (n < 10 ? '0' : '') + n; };"
                + "document.getElementById('schedule-date').value = d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate());"
                + "document.getElementById('schedule-time').value = p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds());",
                seconds);
    }

    static By itemButton(String text, String kind) {
        return By.xpath("//li[contains(@class,'jc-scheduled-item')][.//p[contains(., '" + text + "')]]//button[contains(@class,'jc-scheduled-"
                + kind + "')]");
    }

    static boolean open(Browser browser, String id) {
        return Boolean.TRUE.equals(browser.js("return document.getElementById(arguments[0]).open;", id));
    }

    void check(Browser browser, TestUser ann, long room, Words words, boolean phone) throws Exception {
        browser.signIn(base.toString(), ann.login());
        browser.driver.get(base + "app/home.xhtml?lang=" + words.lang() + "&room=" + room);
        browser.waitForText("#room-name", "sch");
        browser.until(d -> d.findElement(By.id("banner")).getAttribute("hidden") != null);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String later = "Agenda for tomorrow " + tag;
        String soon = "Standup starts now " + tag;
        String edited = soon + " (edited)";

        // The clock button sits next to Send, on screen, big enough for a finger on a phone.
        assertTrue(browser.inViewport("#schedule-open"), "the Schedule button is on screen");
        assertEquals(words.scheduleTitle(), browser.find("#schedule-open").getAttribute("aria-label"));
        if (phone) {
            double[] b = browser.box("#schedule-open");
            assertTrue(b[1] - b[0] >= 44 && b[3] - b[2] >= 44, "44 px target: " + (b[1] - b[0]) + " x " + (b[3] - b[2]));
        }

        // One for tomorrow 09:00 (a quick choice), to be cancelled.
        browser.type("#composer-text", later);
        browser.click("#schedule-open");
        browser.until(d -> open(browser, "schedule-dialog"));
        assertEquals(later, browser.find("#schedule-text").getAttribute("value"), "the composer's text goes into the dialog");
        browser.click("#schedule-tomorrow");
        assertEquals("09:00", browser.find("#schedule-time").getAttribute("value"));
        assertTrue(browser.inViewport("#schedule-submit"), "the dialog's button is on screen");
        browser.screenshot("scheduled-dialog");
        Accessibility.assertAccessible(browser, "the schedule dialog");
        browser.click("#schedule-submit");
        browser.until(d -> !open(browser, "schedule-dialog"));
        assertEquals("", browser.find("#composer-text").getAttribute("value"), "the composer is empty again");

        // One soon: a time already past is refused with a line saying why, then ~20 s ahead is taken.
        browser.type("#composer-text", soon);
        browser.click("#schedule-open");
        browser.until(d -> open(browser, "schedule-dialog"));
        chooseIn(browser, -60);
        browser.click("#schedule-submit");
        browser.waitForText("#schedule-error", words.tooSoon());
        assertTrue(browser.inViewport("#schedule-error"), "the reason is on screen");
        browser.screenshot("scheduled-dialog-refused");
        chooseIn(browser, 20);
        browser.click("#schedule-submit");
        browser.until(d -> !open(browser, "schedule-dialog"));

        // The room's entry counts both; the list shows them soonest first, with Edit and Cancel.
        browser.waitForText("#scheduled-open", words.entryOf2());
        assertTrue(browser.inViewport("#scheduled-open"), "the Scheduled entry is on screen");
        browser.click("#scheduled-open");
        browser.until(d -> open(browser, "scheduled-panel"));
        browser.waitForText("#scheduled-list", soon);
        browser.waitForText("#scheduled-list", later);
        assertTrue(browser.inViewport("#scheduled-list li:first-child"), "the list is on screen");
        assertTrue(String.valueOf(browser.js("return document.querySelector('#scheduled-list li').textContent;")).contains(soon), "soonest first");
        if (phone) {
            assertTrue(browser.inViewport("#scheduled-back"), "Back is on screen");
            double[] panel = browser.box("#scheduled-panel");
            assertTrue(panel[0] <= 1 && panel[1] >= panel[4] - 1 && panel[3] - panel[2] >= panel[5] - 1, "the list is the whole screen on a phone");
        } else {
            assertTrue(browser.inViewport("#scheduled-close"), "Close is on screen");
            assertTrue(browser.inViewport("#composer-text"), "the conversation stays usable beside the panel on a desktop");
        }
        browser.screenshot("scheduled-list");
        Accessibility.assertAccessible(browser, "the scheduled list");

        // Edit the soon one: new text, again ~15 s ahead.
        browser.click(itemButton(soon, "edit"));
        browser.until(d -> open(browser, "schedule-dialog"));
        assertEquals(soon, browser.find("#schedule-text").getAttribute("value"));
        browser.type("#schedule-text", edited);
        chooseIn(browser, 15);
        browser.click("#schedule-submit");
        browser.until(d -> !open(browser, "schedule-dialog"));
        browser.waitForText("#scheduled-list", edited);

        // Cancel the other one (after a confirmation).
        browser.click(itemButton(later, "cancel"));
        browser.until(d -> open(browser, "confirm-dialog"));
        browser.screenshot("scheduled-cancel-confirm");
        browser.click("#confirm-action");
        browser.until(d -> !String.valueOf(browser.js("return document.getElementById('scheduled-list').textContent;")).contains(later));
        assertTrue(open(browser, "scheduled-panel"), "the list stays open");

        // Back to the conversation: the edited message arrives there at its time, on screen, once; the list empties.
        browser.click(phone ? "#scheduled-back" : "#scheduled-close");
        browser.until(d -> !open(browser, "scheduled-panel"));
        new WebDriverWait(browser.driver, Duration.ofSeconds(45)).until(d -> d.findElements(By.cssSelector("#message-list li")).stream()
                .anyMatch(e -> e.getText().contains(edited)));
        String last = "#message-list > li:last-child";
        assertTrue(String.valueOf(browser.js("return document.querySelector(arguments[0]).textContent;", last)).contains(edited), "the newest message");
        assertTrue(browser.inViewport(last), "the arrived message is on screen");
        assertEquals(1L, browser.js("var wanted = arguments[0]; return Array.from(document.querySelectorAll('#message-list li'))"
                + ".filter(function (li) { return li.textContent.indexOf(wanted) >= 0 && !li.querySelector('li'); }).length;", edited), "once");
        browser.until(d -> Boolean.TRUE.equals(browser.js("return document.getElementById('scheduled-open').parentNode.hidden;")));
        browser.screenshot("scheduled-arrived");

        // The empty list says so.
        browser.js("window.jointChat.page.scheduling.openList();");
        browser.waitForText("#scheduled-empty", words.empty());
        browser.screenshot("scheduled-empty");
    }
}
