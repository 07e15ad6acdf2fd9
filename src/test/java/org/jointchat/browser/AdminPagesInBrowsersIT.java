package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.jointchat.support.Administrators;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * An administrator at a desktop (1280 × 800) and on a phone (390 × 844): from the chat's Administration link to the
 * users page, where they find a user and deactivate them after confirming, and see the result without scrolling;
 * the registration page, where they make registration invite-only and create an invite link that opens the register
 * form; the audit log with what they just did. Someone who is not an administrator has no link and gets the 403
 * page. A screenshot of each step goes to target/screenshots/. Each page passes axe-core's WCAG 2 A/AA rules (no serious or
 * critical violation) at both sizes.
 */
class AdminPagesInBrowsersIT extends AgainstTheServer {

    @Test
    void anAdministratorAtADesktop() throws Exception {
        administer("admin-desktop", 1280, 800);
    }

    @Test
    void anAdministratorOnAPhone() throws Exception {
        administer("admin-phone", 390, 844);
    }

    void administer(String name, int width, int height) throws Exception {
        var admin = Administrators.administrator(api, "badm", "Browser Admin");
        String tag = "Leaver" + UUID.randomUUID().toString().substring(0, 6);
        var leaver = Administrators.person(api, "bleaver", tag + " Person");
        var plain = Administrators.person(api, "bplain", "Plain Browser");
        // More users than one page of the table holds (25), so that a search has pages to leave behind.
        try (var db = TestDatabase.connect(); var fill = db.prepareStatement("""
                INSERT INTO users (login, display_name, password_hash)
                SELECT 'fill-' || g || '-' || ?, 'Filler ' || g, 'not a hash' FROM generate_series(1, 30) g""")) {
            fill.setString(1, UUID.randomUUID().toString().substring(0, 8));
            fill.executeUpdate();
        }
        try (var browser = new Browser(name, width, height)) {
            // The chat's header has the Administration link, for administrators only.
            browser.signIn(base.toString(), admin.login());
            if (width < 500) {
                browser.click("#more-toggle");   // on a phone the page's bar is folded behind More (issue 21, item 10)
            }
            browser.until(d -> browser.inViewport("#session\\:administration"));   // the link is on screen
            browser.screenshot("admin-1-home");
            browser.click("#session\\:administration");
            browser.find("#users\\:query");
            assertEquals("Users", browser.find(".jc-admin-nav a.jc-current").getText());
            assertThePageFitsTheWidth(browser);

            assertTrue(browser.find("#users\\:table .ui-paginator").isDisplayed(), "all users: more than one page");
            Accessibility.assertAccessible(browser, "/admin/users");
            // Find the user by name, deactivate after confirming, and see it at once.
            browser.type("#users\\:query", tag);
            String row = "//tr[.//span[@class='jc-login' and normalize-space(text())='@" + leaver.login() + "']]";
            browser.until(d -> d.findElements(By.xpath("//tbody[@id='users:table_data']/tr")).size() == 1
                    && !d.findElements(By.xpath(row)).isEmpty());
            assertTrue(browser.driver.findElements(By.cssSelector("#users\\:table .ui-paginator")).stream().noneMatch(p -> p.isDisplayed()),
                    "one user found: no pages to turn");
            browser.screenshot("admin-2-found");
            browser.click(By.xpath(row + "//button[.//span[normalize-space(text())='Deactivate']]"));
            var dialog = browser.find(".ui-confirm-dialog");
            assertTrue(dialog.getText().contains("Deactivate this account?"), dialog.getText());
            assertTrue(browser.inViewport(".ui-confirm-dialog"), "the confirmation is on screen");
            Accessibility.assertAccessible(browser, "/admin/users with the confirmation open");
            browser.screenshot("admin-3-confirm");
            browser.click("#users\\:confirm-yes");
            browser.waitForText("#users\\:messages", "@" + leaver.login() + " is deactivated");
            assertTrue(browser.inViewport("#users\\:messages"), "the result is on screen");
            browser.until(d -> !d.findElements(By.xpath(row + "//span[contains(@class,'jc-badge-off')]")).isEmpty());
            browser.screenshot("admin-4-deactivated");
            var shown = HttpSession.json(Administrators.get(api, admin, "users/" + leaver.login()));
            assertTrue(shown.getBoolean("deactivated"), "deactivated on the server");
            assertEquals(403, api.postJson("api/v1/tokens", "{\"login\":\"" + leaver.login() + "\",\"password\":\""
                    + org.jointchat.support.TestData.PASSWORD + "\"}").statusCode());

            // Registration: invite-only, and an invite link that opens the register form.
            try {
                browser.click(By.xpath("//nav[contains(@class,'jc-admin-nav')]//a[normalize-space(text())='Registration']"));
                browser.find("#mode\\:save");
                assertThePageFitsTheWidth(browser);
                Accessibility.assertAccessible(browser, "/admin/registration");
                browser.click("label[for='mode\\:choice\\:1']");
                browser.click("#mode\\:save");
                browser.waitForText("#mode\\:messages", "Registration mode saved.");
                assertEquals("invite-only", HttpSession.json(Administrators.get(api, admin, "registration")).getString("mode"));
                browser.type("#invite\\:maxUses", "3");
                browser.click("#invite\\:create");
                var link = browser.find("#new-invite-link");
                browser.js("arguments[0].scrollIntoView({block: 'center'});", link);
                assertTrue(browser.inViewport("#new-invite-link"));
                String url = link.getText().strip();
                assertTrue(url.matches("https?://.+/register\\.xhtml\\?invite=[A-Za-z0-9_-]{20,}"), url);
                browser.waitForText("#invite\\:invites", "0 / 3");
                browser.screenshot("admin-5-invite");
                Accessibility.assertAccessible(browser, "/admin/registration with an invite");
                try (var newcomer = new Browser(name + "-newcomer", width, height)) {
                    newcomer.driver.get(base + "register.xhtml");
                    newcomer.waitForText("#registration-refused", "invite link only");
                    newcomer.driver.get(url);
                    newcomer.find("#register\\:login");
                    newcomer.screenshot("admin-6-invited");
                }
            } finally {
                Administrators.registrationMode(api, admin, "open");
            }

            // The audit log shows what was done, by whom, to whom.
            browser.click(By.xpath("//nav[contains(@class,'jc-admin-nav')]//a[normalize-space(text())='Audit log']"));
            browser.find("#audit");
            browser.waitForText("#audit", "user.deactivate");
            String entry = "//tbody[@id='audit_data']/tr[.//code[text()='user.deactivate']][.//*[contains(text(),'" + leaver.login() + "')]]";
            browser.until(d -> !d.findElements(By.xpath(entry)).isEmpty());
            assertTrue(browser.driver.findElement(By.xpath(entry)).getText().contains("@" + admin.login()));
            browser.waitForText("#audit", "invite.create");
            browser.waitForText("#audit", "registration.mode");
            assertThePageFitsTheWidth(browser);
            browser.screenshot("admin-7-audit");
            Accessibility.assertAccessible(browser, "/admin/audit");
        }

        // Someone who is not an administrator: no link, and the 403 page.
        try (var browser = new Browser(name + "-plain", width, height)) {
            browser.signIn(base.toString(), plain.login());
            assertTrue(browser.driver.findElements(By.id("session:administration")).isEmpty(), "no Administration link");
            browser.driver.get(base + "admin/users.xhtml");
            browser.waitForText("h1", "This page is for administrators");
            assertTrue(browser.driver.findElements(By.id("users:query")).isEmpty());
            assertFalse(browser.driver.getPageSource().contains(leaver.login()), "no user is listed");
            browser.screenshot("admin-8-forbidden");
        }
    }

    static void assertThePageFitsTheWidth(Browser browser) {
        var sizes = (java.util.List<?>) browser.js("var e = document.scrollingElement; return [e.scrollWidth, innerWidth];");
        assertTrue(((Number) sizes.get(0)).longValue() <= ((Number) sizes.get(1)).longValue(), "no sideways scrolling: " + sizes);
    }
}
