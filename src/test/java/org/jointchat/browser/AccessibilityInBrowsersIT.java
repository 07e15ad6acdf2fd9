package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jointchat.support.Administrators;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.TestData;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Every page as axe-core judges it (issue 21, item 13), in light and in dark (the system's preference, emulated), at
 * a desktop (1280 × 800) and on a phone (390 × 844, touch): sign-in, registration, the chat (plain, with the members
 * panel, with search results, and on a phone with each drawer open), the room directory, room settings, the profile
 * and an administration page. No serious or critical violation anywhere. One browser per size and one set of accounts,
 * so that the whole tour stays short; every violation of the tour is listed at once. A screenshot of every page in
 * both modes goes to target/screenshots/ (a11y-PAGE-MODE-SIZE.png).
 */
class AccessibilityInBrowsersIT extends AgainstTheServer {

    @Test
    void everyPageAtADesktopAndOnAPhoneInLightAndDark() throws Exception {
        var admin = Administrators.administrator(api, "a11yadm", "Ada Contrast");
        var bob = TestUser.register(api, "a11ybob", "Bob Teal");
        String name = TestData.uniqueLogin("a11y");
        long room = room(admin, name);
        join(bob, room);
        long first = post(bob, room, "Hello **everyone**, the notes are at [the docs](https://example.org/docs) and `code` here.", 0);
        post(admin, room, "@" + bob.login() + " thanks, reading the docs now", first);
        post(bob, room, "A second line from Bob about the docs", 0);

        var failures = new ArrayList<String>();
        for (var size : List.of(new int[] {1280, 800}, new int[] {390, 844})) {
            boolean phone = size[0] < 500;
            try (var browser = new Browser(phone ? "phone" : "desktop", size[0], size[1])) {
                for (String mode : List.of("light", "dark")) {
                    tour(browser, mode, phone, admin, room, name, failures);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " page(s) with serious or critical violations:\n" + String.join("\n\n", failures));
    }

    /** The pages one person sees, in one colour scheme; each page's violations are added to failures. */
    void tour(Browser browser, String mode, boolean phone, TestUser admin, long room, String name, List<String> failures) throws Exception {
        prefer(browser, mode);
        if (browser.driver.getCurrentUrl().startsWith("http")) {
            browser.driver.manage().deleteAllCookies();   // signed out: the sign-in and register pages again
        }
        browser.driver.get(base + "login.xhtml");
        browser.find("#login\\:username");
        check(browser, "sign-in", mode, failures);
        browser.driver.get(base + "register.xhtml");
        browser.find("#register\\:login");
        check(browser, "register", mode, failures);
        browser.click("#register\\:submit");   // nothing filled in: the form's errors, in their colours
        browser.find("#register .ui-message-error");
        check(browser, "register-errors", mode, failures);

        browser.signIn(base.toString(), admin.login());
        browser.driver.get(base + "app/home.xhtml?room=" + room);
        browser.waitForText("#room-name", name);
        browser.waitForText("#message-list", "A second line from Bob");
        browser.find("#message-list .jc-quote");
        check(browser, "chat", mode, failures);

        browser.click("#members-toggle");
        browser.waitForText("#member-list", "Bob Teal");
        check(browser, "chat-members", mode, failures);
        if (phone) {
            browser.click("#side-panel .jc-drawer-close");
            browser.until(d -> !(Boolean) browser.js("return document.getElementById('chat').classList.contains('jc-side-open');"));
            browser.click("#rooms-toggle");
            browser.find("#rooms-panel .jc-room-button");
            browser.until(d -> browser.inViewport("#rooms-panel"));
            check(browser, "chat-rooms-drawer", mode, failures);
            browser.click("#rooms-panel .jc-drawer-close");
            browser.until(d -> !(Boolean) browser.js("return document.getElementById('chat').classList.contains('jc-rooms-open');"));
            browser.click("#search-toggle");
        } else {
            browser.click("#members-toggle");
        }
        browser.find("#search-input").sendKeys("docs", Keys.ENTER);
        browser.find("#search-results .jc-hit");
        check(browser, "chat-search", mode, failures);
        browser.click(phone ? "#search-back" : "#search-close");   // a phone's results are a view with "Back"

        browser.driver.get(base + "app/rooms.xhtml");
        browser.find(".jc-table");
        check(browser, "directory", mode, failures);
        browser.driver.get(base + "app/room.xhtml?id=" + room);
        browser.find(".jc-settings-head");
        check(browser, "settings", mode, failures);
        browser.driver.get(base + "app/profile.xhtml");
        browser.find("#appearance");
        check(browser, "profile", mode, failures);
        browser.driver.get(base + "admin/users.xhtml");
        browser.find("#users\\:query");
        check(browser, "admin-users", mode, failures);
        // A PrimeFaces confirmation over the page (the "Deactivate" of the first row, answered No).
        browser.click(By.xpath("//tbody[@id='users:table_data']/tr[1]//button[.//span[normalize-space(text())='Deactivate']]"));
        browser.find(".ui-confirm-dialog");
        check(browser, "admin-confirm", mode, failures);
        browser.click("#users\\:confirm-no");
        browser.until(d -> d.findElements(By.cssSelector(".ui-confirm-dialog")).stream().noneMatch(e -> e.isDisplayed()));
    }

    /** The system's colour scheme as the page sees it (prefers-color-scheme), through the DevTools protocol. */
    static void prefer(Browser browser, String mode) {
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", mode))));
    }

    /** A screenshot, that the page is in the expected mode, and axe-core's verdict (kept, not thrown, to list all at the end). */
    void check(Browser browser, String page, String mode, List<String> failures) throws Exception {
        String background = (String) browser.js("return getComputedStyle(document.body).backgroundColor;");
        assertEquals("light".equals(mode) ? "rgb(245, 247, 251)" : "rgb(15, 20, 27)", background, page + " in " + mode);
        browser.screenshot("a11y-" + page + "-" + mode);
        try {
            Accessibility.assertAccessible(browser, page + " in " + mode);
        } catch (AssertionError violations) {
            failures.add(violations.getMessage());
        }
    }

    long room(TestUser owner, String name) {
        return new RoomsOverApi(api).publicRoom(owner, name, "contrast and colours");
    }

    void join(TestUser who, long room) {
        new RoomsOverApi(api).join(who, room);
    }

    long post(TestUser who, long room, String text, long replyTo) {
        return new RoomsOverApi(api).post(who, room, text, replyTo);
    }
}
