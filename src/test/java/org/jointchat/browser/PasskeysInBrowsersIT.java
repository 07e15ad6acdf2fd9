package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.TestData;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkeys (issue 23, item 4) in Chromium with the DevTools virtual authenticator (CTAP2, internal, resident keys, user
 * verification): one is added on the profile, signs in without a password, serves as the second step after a password,
 * and, removed, signs in no more. At 1280 × 800 and 390 × 844; axe-core on the profile section and the login page.
 */
class PasskeysInBrowsersIT extends AgainstTheServer {

    @Test
    void atADesktopAPasskeySignsInAloneAndAfterThePasswordUntilItIsRemoved() throws Exception {
        try (var browser = withAuthenticator(new Browser("passkeys-desktop", 1280, 800))) {
            String site = site();
            var user = TestUser.register(api, "pk", "Pia Passkey");
            browser.signIn(site, user.login());
            addPasskey(browser, site, "Laptop");
            browser.screenshot("passkeys-1-profile");
            Accessibility.assertAccessible(browser, "/app/profile with a passkey");

            signOut(browser, site);
            assertTrue(browser.inViewport("#passkey-sign-in"), "the passkey button is on screen");
            Accessibility.assertAccessible(browser, "/login.xhtml with the passkey button");
            browser.click("#passkey-sign-in");
            inTheChat(browser, user.login());

            // A passkey is now a second factor: the password leads to the second step, the passkey finishes it.
            signOut(browser, site);
            password(browser, site, user.login());
            browser.until(d -> d.getCurrentUrl().contains("login-second-step"));
            assertTrue(browser.inViewport("#passkey-second-step"), "'Use a passkey instead' is on screen");
            assertTrue(browser.driver.findElements(org.openqa.selenium.By.id("secondStep:code")).isEmpty(),
                    "no code field for an account whose only second factor is a passkey");
            browser.waitForText("#second-step-hint", "Confirm the sign-in with your passkey.");
            browser.screenshot("passkeys-2-second-step");
            browser.click("#passkey-second-step");
            inTheChat(browser, user.login());

            // Removed (with a confirmation), it signs in no more; the authenticator still offers it.
            browser.driver.get(site + "app/profile.xhtml");
            browser.click("#passkey-list .jc-passkey-remove");
            browser.waitForText(".jc-passkey-confirm", "Laptop");
            browser.click(".jc-passkey-confirm-remove");
            browser.waitForText("#passkey-empty", "no passkeys");
            browser.waitForText("#passkey-status", "removed");
            assertEquals("passkey-status", browser.js("return document.activeElement.id"), "the focus moves to what happened");
            signOut(browser, site);
            browser.click("#passkey-sign-in");
            browser.waitForText("#passkey-sign-in-message", "not registered here");
            assertTrue(browser.inViewport("#passkey-sign-in-message"), "the refusal is on screen");
            assertTrue(browser.driver.getCurrentUrl().contains("login.xhtml"), "still on the login page");
            browser.screenshot("passkeys-3-removed-refused");
            assertEquals(java.util.List.of(), browser.cspViolations(), "the pages run under their CSP");
        }
    }

    @Test
    void onAPhoneAPasskeyIsAddedRenamedAndSignsIn() throws Exception {
        try (var phone = new Browser("passkeys-phone", 390, 844)) {
            var authenticator = phone.driver.addVirtualAuthenticator(options());
            String site = site();
            var user = TestUser.register(api, "pkp", "Phil Phone");
            phone.signIn(site, user.login());
            addPasskey(phone, site, "Phone");
            assertEquals("Rename \"Phone\"", phone.driver.findElement(org.openqa.selenium.By.cssSelector("#passkey-list .jc-passkey-rename"))
                    .getAttribute("aria-label"), "each row's buttons name their passkey");
            assertEquals("Remove \"Phone\"", phone.driver.findElement(org.openqa.selenium.By.cssSelector("#passkey-list .jc-passkey-remove"))
                    .getAttribute("aria-label"));
            phone.click("#passkey-list .jc-passkey-rename");
            phone.type(".jc-passkey-newname", "Pixel");
            phone.click(".jc-passkey-save");
            phone.waitForText("#passkey-list .jc-passkey-name", "Pixel");
            phone.waitForText("#passkey-status", "Pixel");
            assertEquals("passkey-status", phone.js("return document.activeElement.id"), "the focus moves to what happened");
            phone.js("document.querySelector('#passkeys').scrollIntoView()");
            assertTrue(phone.inViewport("#passkey-list .jc-passkey-name"), "the renamed passkey is on screen");
            phone.screenshot("passkeys-1-profile");
            signOut(phone, site);
            // The user does not confirm (the screen lock is not passed): a clear word, nothing else happens.
            authenticator.setUserVerified(false);
            phone.click("#passkey-sign-in");
            phone.waitForText("#passkey-sign-in-message", "cancelled");
            assertTrue(phone.inViewport("#passkey-sign-in-message"), "the cancel is explained on screen");
            phone.screenshot("passkeys-2-login-cancelled");
            authenticator.setUserVerified(true);
            phone.click("#passkey-sign-in");
            inTheChat(phone, user.login());
        }
    }

    /** The virtual authenticator of a phone's or laptop's screen lock: a passkey store that verifies its user. */
    private static Browser withAuthenticator(Browser browser) {
        browser.driver.addVirtualAuthenticator(options());
        return browser;
    }

    private static VirtualAuthenticatorOptions options() {
        return new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true).setIsUserConsenting(true);
    }

    /** The application at localhost: WebAuthn needs a host name for its relying party (an IP address is none). */
    private String site() throws Exception {
        return new URI(base.getScheme(), null, "localhost", base.getPort(), base.getPath(), null, null).toString();
    }

    private static void addPasskey(Browser browser, String site, String name) {
        browser.driver.get(site + "app/profile.xhtml");
        browser.find("#passkey-empty");
        browser.type("#passkey-name", name);
        browser.click("#passkey-add-button");
        browser.waitForText("#passkey-list .jc-passkey-name", name);
        browser.waitForText("#passkey-status", name);
        browser.js("document.querySelector('#passkey-list').scrollIntoView({block: 'center'})");
        assertTrue(browser.inViewport("#passkey-list .jc-passkey"), "the new passkey is listed on screen");
        assertTrue(browser.text("#passkey-list .jc-passkey-when").contains("not used yet"));
    }

    private static void inTheChat(Browser browser, String login) {
        browser.find("#composer-text");
        assertTrue(browser.driver.getCurrentUrl().contains("/app/home.xhtml"), browser.driver.getCurrentUrl());
        assertEquals(login, browser.driver.findElement(By.id("chat")).getAttribute("data-me"));
    }

    private static void password(Browser browser, String site, String login) {
        browser.driver.get(site + "login.xhtml");
        browser.type("#login\\:username", login);
        browser.type("input#login\\:password", TestData.PASSWORD);
        browser.click("#login\\:submit");
    }

    private static void signOut(Browser browser, String site) {
        browser.driver.get(site + "app/profile.xhtml");
        browser.click("#session\\:logout");
        browser.find("#login\\:username");
    }
}
