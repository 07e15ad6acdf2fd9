package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.TestData;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A newcomer registers at a desktop (1280 × 800) and on a phone (390 × 844) and is in the chat at once, signed in
 * as themselves, without typing the password a second time (issue 21). A screenshot goes to target/screenshots/.
 */
class RegistrationInBrowsersIT extends AgainstTheServer {

    @Test
    void atADesktopRegisteringOpensTheChatWithTheOwnName() throws Exception {
        try (var browser = new Browser("register-desktop", 1280, 800)) {
            String login = register(browser, "Desk Newcomer");
            assertTrue(browser.inViewport("#signed-in-as"), "who is signed in is on screen");
            assertEquals("Desk Newcomer @" + login, browser.find("#signed-in-as").getText().strip());
            browser.screenshot("register-chat");
        }
    }

    @Test
    void onAPhoneRegisteringOpensTheChatWithTheOwnNameOneTapAway() throws Exception {
        try (var phone = new Browser("register-phone", 390, 844)) {
            register(phone, "Phone Newcomer");
            phone.screenshot("register-chat");
            // The header leaves the name out on a phone (room for the room); the Online panel is one tap away.
            phone.click("#members-toggle");
            phone.until(d -> phone.inViewport("#side-panel"));
            phone.waitForText("#online", "Phone Newcomer");
            assertTrue(phone.driver.findElements(By.cssSelector("#online li")).stream()
                    .anyMatch(li -> li.getText().contains("Phone Newcomer") && li.isDisplayed()), "the newcomer is online");
            phone.screenshot("register-online");
        }
    }

    /** Fills in the register page once and lands in the chat; returns the login. */
    private String register(Browser browser, String name) {
        String login = TestData.uniqueLogin("reg").toLowerCase();
        browser.register(base.toString(), login, name);
        assertTrue(browser.driver.getCurrentUrl().contains("/app/home.xhtml"), browser.driver.getCurrentUrl());
        assertEquals(login, browser.driver.findElement(By.id("chat")).getAttribute("data-me"));
        assertTrue(browser.inViewport("#composer-text") && browser.inViewport("#room-name"), "the chat is on screen");
        return login;
    }
}
