package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.util.List;
import java.util.UUID;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.interactions.Actions;

/**
 * Light and dark (issue 21, item 12) as a person sees them, at a desktop: the pages follow the system's preference
 * (emulated through the DevTools protocol, as the system would change it), at once and without a reload; a mode chosen
 * on the profile page wins over the system's, survives a reload and holds on the chat page; "Same as the system"
 * gives the system back. The checks read computed colours: the page's background, one link colour for every link,
 * inputs and buttons in the text's font, a highlight on the message row under the pointer (a mouse: {@link Browser#MOUSE}).
 */
class DarkModeInBrowsersIT extends AgainstTheServer {

    static final String LIGHT_PAGE = "rgb(245, 247, 251)";
    static final String DARK_PAGE = "rgb(15, 20, 27)";
    static final String LIGHT_LINK = "rgb(31, 86, 194)";
    static final String DARK_LINK = "rgb(138, 180, 255)";

    @Test
    void theSystemsModeAndAChosenOneThatSurvivesAReload() throws Exception {
        var ann = TestUser.register(api, "darkann", "Ann Dark");
        var created = api.postJson("api/v1/rooms", Json.createObjectBuilder().add("name", TestData.uniqueLogin("dark"))
                .add("visibility", "public").build().toString(), "Authorization", ann.bearer());
        assertEquals(201, created.statusCode(), created.body());
        long room = HttpSession.json(created).getJsonNumber("id").longValue();
        var sent = api.postJson("api/v1/rooms/" + room + "/messages", Json.createObjectBuilder()
                .add("text", "Read [the guide](https://example.org/guide) first").add("clientId", "d-" + UUID.randomUUID())
                .build().toString(), "Authorization", ann.bearer());
        assertEquals(201, sent.statusCode(), sent.body());

        try (var browser = new Browser("dark-mode", 1280, 800, Browser.MOUSE)) {
            // The system's preference, followed as it changes.
            AccessibilityInBrowsersIT.prefer(browser, "light");
            browser.driver.get(base + "login.xhtml");
            browser.find("#login\\:username");
            assertEquals(LIGHT_PAGE, page(browser));
            assertTrue((Boolean) browser.js("var s = document.querySelector('head script[src*=\"/js/theme.js\"]');"
                    + " return s !== null && !s.async && !s.defer && s.type !== 'module';"),
                    "the mode is set by a plain script in <head>: before the first paint");
            AccessibilityInBrowsersIT.prefer(browser, "dark");
            browser.until(d -> DARK_PAGE.equals(page(browser)));
            assertEquals("rgb(23, 29, 38)", colour(browser, ".jc-card", "backgroundColor"), "the card is dark too");
            assertEquals(colour(browser, "body", "fontFamily"), colour(browser, "#login\\:username", "fontFamily"), "inputs in the text's font");
            assertEquals(colour(browser, "body", "fontFamily"), colour(browser, "#login\\:submit", "fontFamily"), "buttons in the text's font");
            browser.screenshot("dark-1-login-system");

            // The chat in the system's dark: one link colour, a highlight under the pointer.
            browser.signIn(base.toString(), ann.login());
            browser.driver.get(base + "app/home.xhtml?room=" + room);
            browser.waitForText("#message-list", "first");
            assertEquals(DARK_PAGE, page(browser));
            assertEquals(DARK_LINK, colour(browser, "#message-list .jc-text a", "color"));
            assertEquals(DARK_LINK, colour(browser, "#browse-rooms", "color"));
            String row = "#message-list li.jc-message";
            String still = colour(browser, row, "backgroundColor");
            new Actions(browser.driver).moveToElement(browser.find(row + " .jc-text")).perform();
            browser.until(d -> !still.equals(colour(browser, row, "backgroundColor")));
            assertEquals("rgb(28, 35, 48)", colour(browser, row, "backgroundColor"), "the row under the pointer");
            browser.screenshot("dark-2-chat-system");
            browser.click(row + " .jc-menu-button");
            browser.find("#message-menu button");
            browser.screenshot("dark-2b-chat-menu");
            browser.find("#message-menu button").sendKeys(org.openqa.selenium.Keys.ESCAPE);

            // Light chosen on the profile page: light although the system prefers dark, after a reload too.
            browser.driver.get(base + "app/profile.xhtml");
            assertTrue(browser.find("#appearance input[value=system]").isSelected(), "no choice yet: the system's");
            browser.click("#appearance input[value=light]");
            browser.until(d -> LIGHT_PAGE.equals(page(browser)));
            assertEquals("light", browser.js("return localStorage.getItem('jointchat.theme');"));
            browser.driver.navigate().refresh();
            browser.find("#appearance");
            assertEquals(LIGHT_PAGE, page(browser));
            assertTrue(browser.find("#appearance input[value=light]").isSelected(), "the choice is shown after the reload");
            assertEquals(LIGHT_LINK, colour(browser, ".jc-session a", "color"), "the header's link in the link colour");
            browser.js("document.getElementById('appearance').scrollIntoView({block: 'center'});");
            browser.screenshot("dark-3-profile-light-chosen");
            browser.driver.get(base + "app/home.xhtml?room=" + room);
            browser.waitForText("#message-list", "first");
            assertEquals(LIGHT_PAGE, page(browser), "the chat keeps the chosen mode");
            assertEquals(LIGHT_LINK, colour(browser, "#message-list .jc-text a", "color"));

            // Dark chosen while the system prefers light; then the system's again.
            AccessibilityInBrowsersIT.prefer(browser, "light");
            browser.driver.get(base + "app/profile.xhtml");
            browser.click("#appearance input[value=dark]");
            browser.until(d -> DARK_PAGE.equals(page(browser)));
            browser.driver.navigate().refresh();
            browser.find("#appearance");
            assertEquals(DARK_PAGE, page(browser), "dark survives the reload under a light system");
            browser.js("document.getElementById('appearance').scrollIntoView({block: 'center'});");
            browser.screenshot("dark-4-profile-dark-chosen");
            browser.click("#appearance input[value=system]");
            browser.until(d -> LIGHT_PAGE.equals(page(browser)));
            assertEquals(null, browser.js("return localStorage.getItem('jointchat.theme');"));
            AccessibilityInBrowsersIT.prefer(browser, "dark");
            browser.until(d -> DARK_PAGE.equals(page(browser)));
            assertNotEquals(List.of(), browser.driver.findElements(org.openqa.selenium.By.cssSelector("#appearance input[value=system]:checked")));
        }
    }

    static String page(Browser browser) {
        return colour(browser, "body", "backgroundColor");
    }

    static String colour(Browser browser, String css, String property) {
        return (String) browser.js("return getComputedStyle(document.querySelector(arguments[0]))[arguments[1]];", css, property);
    }
}
