package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestDatabase;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The missed-message e-mail setting on the profile page (issue 23, item 1), at desktop and phone size: digest by
 * default, with the delay and the verified address it goes to; choosing "each" and saving brings the page back at
 * the section with "E-mail setting saved." in view, and the API reads the same; the page passes axe-core.
 */
class EmailNotificationsInBrowsersIT extends AgainstTheServer {

    @Test
    void atDesktopSize() throws Exception {
        check("email-notifications-desktop", 1280, 800);
    }

    @Test
    void atPhoneSize() throws Exception {
        check("email-notifications-phone", 390, 844);
    }

    void check(String name, int width, int height) throws Exception {
        var ann = TestUser.register(api, "enann", "Ann Inbox");
        String address = ann.login() + "@example.test";
        try (var db = TestDatabase.connect(); var update = db.prepareStatement("UPDATE users SET email = ?, email_verified_at = now() WHERE login = ?")) {
            update.setString(1, address);
            update.setString(2, ann.login());
            assertEquals(1, update.executeUpdate());
        }
        try (var a = new Browser(name, width, height)) {
            a.signIn(base.toString(), ann.login());
            a.driver.get(base + "app/profile.xhtml");
            a.find("#emailNotifications");
            assertTrue(a.driver.findElement(By.cssSelector("input[name='emailNotifications:mode'][value='digest']")).isSelected(), "digest by default");
            String hint = a.text("#email-notifications-hint");
            assertTrue(hint.contains(address), hint);
            assertTrue(hint.startsWith("Messages still unread 4 seconds after they arrive"), hint);
            assertTrue(hint.contains("do-not-disturb"), hint);

            a.click(By.cssSelector("label[for='" + a.driver.findElement(By.cssSelector(
                    "input[name='emailNotifications:mode'][value='each']")).getAttribute("id") + "']"));
            a.click("#emailNotifications\\:saveEmailNotifications");
            a.waitForText("#emailNotifications", "E-mail setting saved.");
            assertTrue(a.driver.getCurrentUrl().endsWith("/app/profile.xhtml#email-notifications-heading"), a.driver.getCurrentUrl());
            assertTrue(a.driver.findElement(By.cssSelector("input[name='emailNotifications:mode'][value='each']")).isSelected());
            a.until(d -> a.inViewport("#email-notifications-heading") && a.inViewport("#emailNotifications .ui-message"));
            a.screenshot("saved");
            Accessibility.assertAccessible(a, "/app/profile.xhtml with the e-mail setting saved, " + name);
            assertEquals("each", HttpSession.json(ann.get("api/v1/users/me/email-notifications")).getString("mode"));
        }
    }
}
