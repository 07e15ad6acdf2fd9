package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jointchat.support.Accounts;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.Mailbox;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A forgotten password in the browser (issue 23, mail), at a desktop (1280 × 800) and on a phone (390 × 844):
 * "Forgot password?" on the login page, the request page, the link from the mail (the tests' real SMTP server), a new
 * password twice, and the user is in the chat; then the profile's e-mail section with an address waiting for its
 * link, and (phone) the verification page. Each new page passes axe-core; what the user must see is in the viewport.
 * Screenshots go to target/screenshots/.
 */
class PasswordResetInBrowsersIT extends AgainstTheServer {

    private static final String NEW_PASSWORD = "reset in a browser 9";

    @BeforeAll
    static void startTheMailbox() {
        Mailbox.start();
    }

    @Test
    void atADesktopAForgottenPasswordIsResetFromTheMailAndTheProfileShowsAPendingAddress() throws Exception {
        try (var browser = new Browser("reset-desktop", 1280, 800)) {
            var user = userWithVerifiedAddress("resetdesk", "Desk Forgetful");
            resetThroughTheMail(browser, user, false);
            pendingAddressOnTheProfile(browser, user);
        }
    }

    @Test
    void onAPhoneAForgottenPasswordIsResetFromTheMailAndANewAddressIsVerifiedOnItsPage() throws Exception {
        try (var phone = new Browser("reset-phone", 390, 844)) {
            var user = userWithVerifiedAddress("resetphone", "Phone Forgetful");
            resetThroughTheMail(phone, user, true);
            String pending = pendingAddressOnTheProfile(phone, user);

            // The link from the verification mail: the page names the address, a button confirms it.
            String link = Mailbox.next(pending).link("/verify-email.xhtml?token=");
            phone.driver.get(link);
            assertTrue(phone.text("#verify-question").contains(pending));
            assertTrue(phone.inViewport("#verify\\:confirm"), "the confirmation button is on screen");
            Accessibility.assertAccessible(phone, "the verification page");
            phone.click("#verify\\:confirm");
            assertEquals("Your e-mail address is verified. Password reset links go to it from now on.", phone.text("#verify-result"));
            assertTrue(phone.inViewport("#verify-result") && phone.inViewport("#to-profile"), "the outcome and the way on are on screen");
            phone.screenshot("verify-email-done");
        }
    }

    /** A registered user whose address is verified over the API; returns the user (login, password) and address. */
    private record Person(String login, String address) {
    }

    private Person userWithVerifiedAddress(String prefix, String name) throws Exception {
        var user = TestUser.register(api, prefix, name);
        String address = user.login() + "@example.test";
        var put = api.send(api.request("api/v1/users/me/email", "Authorization", user.bearer(), "Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("email", address).build().toString())));
        assertEquals(202, put.statusCode(), put.body());
        String link = Mailbox.next(address).link("token=");
        String secret = URLDecoder.decode(link.substring(link.indexOf("token=") + 6), StandardCharsets.UTF_8);
        assertEquals(200, api.postJson("api/v1/email-verifications/" + secret, "").statusCode());
        return new Person(user.login(), address);
    }

    /** Login page → "Forgot password?" → the request → the mail's link → a new password twice → in the chat. */
    private void resetThroughTheMail(Browser browser, Person user, boolean byAddress) throws Exception {
        browser.driver.get(base + "login.xhtml");
        assertTrue(browser.inViewport("#forgot-password"), "\"Forgot password?\" is on screen beside the sign-in form");
        browser.click("#forgot-password");
        browser.find("#forgot\\:loginOrEmail");
        assertTrue(browser.inViewport("#forgot-intro") && browser.inViewport("#forgot\\:send"), "what to do and the button are on screen");
        Accessibility.assertAccessible(browser, "the forgot-password page");
        browser.type("#forgot\\:loginOrEmail", byAddress ? user.address() : user.login());
        browser.click("#forgot\\:send");
        assertTrue(browser.text("#reset-requested").startsWith("If that account has a verified e-mail address"));
        assertTrue(browser.inViewport("#reset-requested"), "the answer is on screen");
        browser.screenshot("forgot-password-sent");

        String link = Mailbox.next(user.address()).link("/reset-password.xhtml?token=");
        browser.driver.get(link);
        browser.find("input#reset\\:newPassword");
        assertTrue(browser.inViewport("input#reset\\:newPassword") && browser.inViewport("input#reset\\:repeat")
                && browser.inViewport("#reset\\:save"), "both fields and the button are on screen");
        Accessibility.assertAccessible(browser, "the reset-password page");
        browser.screenshot("reset-password-form");
        browser.type("input#reset\\:newPassword", NEW_PASSWORD);
        browser.type("input#reset\\:repeat", NEW_PASSWORD);
        browser.click("#reset\\:save");
        browser.find("#composer-text");
        assertTrue(browser.driver.getCurrentUrl().contains("/app/home.xhtml"), browser.driver.getCurrentUrl());
        assertEquals(user.login(), browser.driver.findElement(By.id("chat")).getAttribute("data-me"), "signed in as themselves");
        // The new password is the one that works now.
        assertEquals(201, api.postJson("api/v1/tokens", "{\"login\":\"" + user.login() + "\",\"password\":\"" + NEW_PASSWORD + "\"}").statusCode());
    }

    /** The profile's e-mail section: the verified address, then a new one waiting for its link. Returns that address. */
    private String pendingAddressOnTheProfile(Browser browser, Person user) throws Exception {
        browser.driver.get(base + "app/profile.xhtml");
        browser.js("document.getElementById('email-heading').scrollIntoView({block: 'start'});");
        assertEquals("Verified address: " + user.address(), browser.text("#email-verified"));
        String pending = user.login() + ".new@example.test";
        browser.type("#email\\:address", pending);
        browser.click("#email\\:saveEmail");
        try {
            browser.until(d -> d.getCurrentUrl().endsWith("#email"));
        } catch (org.openqa.selenium.TimeoutException e) {
            browser.screenshot("profile-email-not-saved");
            throw new AssertionError("not back at the section: " + browser.driver.getCurrentUrl() + "\n"
                    + browser.driver.findElement(By.tagName("main")).getText(), e);
        }
        String waiting = browser.text("#email-pending p");
        assertTrue(waiting.startsWith("Waiting for verification: a link was sent to " + pending), waiting);
        assertTrue(browser.inViewport("#email-pending"), "the pending address and its resend button are on screen");
        assertEquals("Verified address: " + user.address(), browser.text("#email-verified"), "still in use until then");
        Accessibility.assertAccessible(browser, "the profile with its e-mail section");
        browser.screenshot("profile-email-pending");
        return pending;
    }
}
