package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jointchat.support.Administrators;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.ChatClient;
import org.jointchat.support.TestData;
import org.jointchat.twofactor.Base32;
import org.jointchat.twofactor.Totp;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Two-factor sign-in in a browser at a desktop (1280 × 800) and on a phone (390 × 844), issue 23, items 3 and 5: the
 * user sets TOTP up on their profile (the QR code on screen; the test computes the code from the key shown, as an
 * authenticator app would), sees the recovery codes, signs out, signs in with the password, gets the second step,
 * types the code and is in the chat; a recovery code signs in once and is refused the second time. An administrator
 * sees "2FA: TOTP" on the users page and resets it. axe-core passes the enrolment and the second step.
 */
class TwoFactorInBrowsersIT extends AgainstTheServer {

    @Test
    void atADesktop() throws Exception {
        twoFactor("totp-desktop", 1280, 800);
    }

    @Test
    void onAPhone() throws Exception {
        twoFactor("totp-phone", 390, 844);
    }

    void twoFactor(String name, int width, int height) throws Exception {
        var user = Administrators.person(api, "btotp", "Browser Totp");
        var admin = Administrators.administrator(api, "btotpadm", "Totp Admin");
        try (var browser = new Browser(name, width, height)) {
            browser.signIn(base.toString(), user.login());

            // Enrolment on the profile: the QR code and the key, confirmed by a code.
            browser.driver.get(base + "app/profile.xhtml");
            browser.click("#twofactor\\:start");
            browser.find("#twofactor-qr svg");
            browser.until(d -> browser.inViewport("#twofactor-qr svg"));
            assertTrue(browser.inViewport("#twofactor\\:code"), "the code field is on screen with the QR code");
            browser.screenshot("totp-1-enrol");
            Accessibility.assertAccessible(browser, "/app/profile with the TOTP enrolment");
            byte[] secret = Base32.decode(browser.text("#twofactor-secret").replace(" ", ""));
            long confirmed = Totp.currentStep();
            browser.type("#twofactor\\:code", Totp.code(secret, confirmed));
            // Another device of the user is connected: turning the factor on signs it out, its socket closes while
            // this page's request still renders (that close once took the request's persistence context with it).
            var otherDevice = ChatClient.connect(base, user.token(), null);
            browser.click("#twofactor\\:confirm");
            // The recovery codes, or a message saying why not (then the failure says which).
            browser.until(d -> !d.findElements(By.id("recovery-code-list")).isEmpty()
                    || !d.findElements(By.cssSelector("#twofactor .ui-message-error, #twofactor .ui-messages-error")).isEmpty());
            var refused = browser.driver.findElements(By.cssSelector("#twofactor .ui-message-error, #twofactor .ui-messages-error"));
            assertTrue(refused.isEmpty(), () -> "confirming with " + Totp.code(secret, confirmed) + " (step " + confirmed + ", now "
                    + Totp.currentStep() + ") refused: " + refused.get(0).getText());
            browser.until(d -> browser.inViewport("#recovery-code-list"));
            var codes = browser.driver.findElements(By.cssSelector("#recovery-code-list code"));
            assertEquals(10, codes.size());
            String recovery = codes.get(0).getText();
            browser.waitForText("#twofactor-notice", "Two-factor sign-in is on.");
            assertEquals(1008, otherDevice.awaitClosed(), "the other device's socket closes");
            assertEquals("credentials changed", otherDevice.closeReason());
            browser.screenshot("totp-2-recovery-codes");

            // Sign out; the password alone is not enough now: the second step, then the chat.
            signOut(browser);
            password(browser, user.login());
            browser.find("#secondStep\\:code");
            assertTrue(browser.inViewport("#secondStep\\:code") && browser.inViewport("#secondStep\\:submit"));
            assertEquals("one-time-code", browser.find("#secondStep\\:code").getAttribute("autocomplete"));
            browser.screenshot("totp-3-second-step");
            Accessibility.assertAccessible(browser, "/login-second-step.xhtml");
            browser.type("#secondStep\\:code", Totp.code(secret, confirmed + 1));
            browser.click("#secondStep\\:submit");
            browser.find("#composer-text");

            // A recovery code signs in once.
            signOut(browser);
            password(browser, user.login());
            browser.click("#useRecovery");
            browser.type("#secondStep\\:code", recovery);
            browser.screenshot("totp-4-recovery");
            Accessibility.assertAccessible(browser, "/login-second-step.xhtml with a recovery code");
            browser.click("#secondStep\\:submit");
            browser.find("#composer-text");
            signOut(browser);
            password(browser, user.login());
            browser.click("#useRecovery");
            browser.type("#secondStep\\:code", recovery);
            browser.click("#secondStep\\:submit");
            browser.waitForText("#secondStep", "This recovery code has been used already");
            assertTrue(browser.inViewport("#secondStep\\:code"));
            browser.screenshot("totp-5-recovery-used");

            // The administrator sees the user's second factor and resets it.
            browser.driver.manage().deleteAllCookies();
            browser.signIn(base.toString(), admin.login());
            browser.driver.get(base + "admin/users.xhtml");
            browser.type("#users\\:query", user.login());
            String row = "//tr[.//span[@class='jc-login' and normalize-space(text())='@" + user.login() + "']]";
            browser.until(d -> d.findElements(By.xpath("//tbody[@id='users:table_data']/tr")).size() == 1
                    && !d.findElements(By.xpath(row)).isEmpty());
            browser.waitForText(".jc-2fa-badge", "2FA: TOTP");
            browser.screenshot("totp-6-admin");
            browser.click(By.xpath(row + "//button[.//span[normalize-space(text())='Reset second factors']]"));
            browser.find(".ui-confirm-dialog");
            browser.click("#users\\:confirm-yes");
            browser.waitForText("#users\\:messages", "Second factors of @" + user.login() + " removed.");
            assertTrue(browser.driver.findElements(By.cssSelector(".jc-2fa-badge")).isEmpty(), "no 2FA badge any more");
            browser.screenshot("totp-7-admin-reset");
        }
        assertEquals(201, api.postJson("api/v1/tokens", "{\"login\":\"" + user.login() + "\",\"password\":\"" + TestData.PASSWORD + "\"}")
                .statusCode(), "the password alone signs in after the reset");
    }

    /** The first step: login and password on the login page. */
    private void password(Browser browser, String login) {
        browser.driver.get(base + "login.xhtml");
        browser.type("#login\\:username", login);
        browser.type("input#login\\:password", TestData.PASSWORD);
        browser.click("#login\\:submit");
    }

    private void signOut(Browser browser) {
        browser.driver.get(base + "app/profile.xhtml");
        browser.click("#session\\:logout");
        browser.find("#login\\:username");
    }
}
