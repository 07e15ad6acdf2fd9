package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.UUID;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * A new private room (issue 21, item 2): its empty state says it is only you and offers "Add people"; the dialog finds
 * Bob by part of his display name (avatar initials, name, @login; arrows and Enter, or a click), and "Alice added Bob"
 * is a line of the timeline on Alice's screen and on Bob's. At 1280 × 800 and at 390 × 844 with touch.
 */
class AddPeopleInBrowsersIT extends AgainstTheServer {

    static final String LINE = "#message-list li.jc-system[data-event=added]";

    @Test
    void aNewPrivateRoomOffersAddPeopleOnADesktop() throws Exception {
        addBobToANewRoom("desktop", 1280, 800, true);
    }

    @Test
    void aNewPrivateRoomOffersAddPeopleOnAPhone() throws Exception {
        addBobToANewRoom("phone", 390, 844, false);
    }

    private void addBobToANewRoom(String size, int width, int height, boolean byKeyboard) throws Exception {
        // A part of Bob's name that nobody else's has: typed into the search as a person would.
        String part = UUID.randomUUID().toString().replaceAll("[^a-f]", "").substring(0, 4) + "zu";
        String bobName = "Bob Q" + part;
        var alice = TestUser.register(api, "apalice", "Alice Adds");
        var bob = TestUser.register(api, "apbob", bobName);
        var carol = TestUser.register(api, "apcarol", "Carol Z" + part);
        String roomName = "plans " + part;

        try (var page = new Browser("add-people-alice-" + size, width, height);
                var bobPage = new Browser("add-people-bob-" + size, width, height)) {
            bobPage.signIn(base.toString(), bob.login());
            page.signIn(base.toString(), alice.login());

            // Alice creates a private room (on a phone the room list is a drawer).
            if (width < 500) {
                page.click("#rooms-toggle");
            }
            page.click("#new-room");
            page.type("#room-form-name", roomName);
            page.click("#room-form input[name=visibility][value=private]");
            page.click("#room-form-submit");

            // Its empty state says it is only her and offers "Add people", on screen.
            page.until(d -> page.js("var e = document.getElementById('empty');"
                    + "return !e.hidden && e.classList.contains('jc-alone') && !document.getElementById('add-people-open').hidden;").equals(true));
            page.waitForText("#empty", "just you");
            assertTrue(page.inViewport("#add-people-open"), "the Add people button is on screen");
            assertTrue(page.inViewport(".jc-empty-alone-title"), "the empty state is on screen");
            page.screenshot("add-people-empty");

            // The dialog: part of Bob's name lists him with initials, name and @login.
            page.click("#add-people-open");
            page.find("#add-people-input").sendKeys(part.toUpperCase(Locale.ROOT));
            page.waitForText("#add-people-list", bobName);
            String option = "#add-people-list li[data-login=\"" + bob.login() + "\"]";
            page.waitForText(option, "@" + bob.login());
            assertEquals("BQ", page.find(option + " .jc-avatar").getText());
            assertEquals("true", page.find(option).getAttribute("aria-selected"), "the first person is highlighted");
            assertTrue(page.inViewport(option), "Bob is listed on screen");
            page.screenshot("add-people-dialog");
            Accessibility.assertAccessible(page, "the add-people dialog with people found (" + size + ")");
            page.click("#add-people-input");   // axe may have moved the focus: back in the field, the list is there again
            page.find(option);
            if (byKeyboard) {
                page.find("#add-people-input").sendKeys(Keys.ARROW_DOWN, Keys.ARROW_UP, Keys.ENTER);
            } else {
                page.click(option);
            }
            page.waitForText("#add-people-status", bobName);
            page.click("#add-people-done");

            // "Alice added Bob" is a line of the timeline, on screen, and the empty state is gone.
            page.waitForText(LINE, "Alice Adds");
            page.waitForText(LINE, bobName);
            assertTrue(page.inViewport(LINE), "the system line is on screen");
            assertTrue(page.js("return document.getElementById('empty').hidden;").equals(true));
            assertEquals(0, page.driver.findElements(By.cssSelector(LINE + " .jc-menu-button")).size(), "nothing to do with a system line");
            page.screenshot("add-people-line");

            // On Bob's screen: the room arrives in his list, and its timeline says that Alice added him.
            long room = ((Number) page.js("return window.jointChat.current;")).longValue();
            bobPage.until(d -> bobPage.js("return window.jointChat.rooms.has(arguments[0]);", room).equals(true));
            bobPage.driver.get(base + "app/home.xhtml?room=" + room);
            bobPage.waitForText(LINE, "Alice Adds");
            bobPage.waitForText(LINE, bobName);
            assertTrue(bobPage.inViewport(LINE), "Bob sees the line");
            bobPage.screenshot("add-people-line-bob");
            assertEquals(0L, bobPage.js("return window.jointChat.rooms.get(arguments[0]).unread;", room), "a line is not unread");

            // The room's settings page (issue 21, item 12): its people autocomplete finds Carol by name and shows
            // initials, name and @login; picking her adds her.
            page.driver.get(base + "app/room.xhtml?id=" + room);
            page.type("#members\\:newMember_input", "carol z" + part);
            String item = "#members\\:newMember_panel [data-item-value='" + carol.login() + "']";
            page.waitForText(item, "Carol Z" + part);
            page.waitForText(item, "@" + carol.login());
            assertEquals("CZ", page.find(item + " .jc-avatar").getText());
            page.screenshot("add-people-settings-autocomplete");
            page.click(item);
            page.click("#members\\:add");
            page.waitForText("#members\\:member-table", "Carol Z" + part);
        }
    }
}
