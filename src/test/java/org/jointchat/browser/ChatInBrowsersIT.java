package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jointchat.support.Deployments;
import org.jointchat.support.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Two people in two real browsers: register, chat in general, a private room, a profile, a direct
 * message, unread counts, logging out. A screenshot of each step goes to target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
class ChatInBrowsersIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.app();
    }

    @ArquillianResource
    URL base;

    private String url(String path) {
        return base.toString() + path;
    }

    private static void say(Browser browser, String text) {
        var box = browser.find("#composer-text");
        box.sendKeys(text);
        box.sendKeys(Keys.ENTER);
    }

    private static String roomButton(String label) {
        return "//button[contains(@class,'jc-room-button')][.//span[contains(.,'" + label + "')]]";
    }

    @Test
    void twoPeopleChatCreateARoomMessageDirectlyAndSeeEachOtherLeave() throws Exception {
        String annLogin = TestData.uniqueLogin("ann").toLowerCase();
        String bobLogin = TestData.uniqueLogin("bob").toLowerCase();
        String roomName = "Plans " + annLogin.substring(4);
        try (var ann = new Browser("ann"); var bob = new Browser("bob")) {
            ann.register(url(""), annLogin, "Ann Browser");
            bob.register(url(""), bobLogin, "Bob Browser");
            ann.screenshot("01-signed-in");

            // Live chat in general, both ways; each sees the other online.
            ann.waitForText("#online", "Bob Browser");
            say(ann, "Hello Bob, <b>not bold</b>");
            bob.waitForText("#message-list .jc-text", "Hello Bob, <b>not bold</b>");
            say(bob, "Hi Ann!");
            ann.waitForText("#message-list .jc-text", "Hi Ann!");
            assertEquals(0, bob.driver.findElements(By.cssSelector("#message-list b")).size(), "text, never HTML");
            bob.screenshot("02-general");

            // Ann creates a private room and adds Bob: it appears for him at once.
            ann.click("#new-room");
            ann.type("#room-form-name", roomName);
            ann.type("#room-form-topic", "weekend");
            ann.click("#room-form-visibility input[value=private]");
            ann.click("#room-form-submit");
            ann.waitForText("#room-name", roomName);
            ann.click("#members-toggle");
            ann.type("#add-member-login", bobLogin);
            ann.click("#add-member button");
            ann.waitForText("#member-list", "Bob Browser");
            bob.until(d -> d.findElements(By.xpath(roomButton(roomName))).size() == 1);
            ann.screenshot("03-private-room");

            // A message in the private room shows as unread for Bob until he opens it.
            say(ann, "Shall we meet on Saturday?");
            bob.until(d -> d.findElements(By.xpath(roomButton(roomName) + "//span[@class='jc-unread']")).size() == 1);
            bob.screenshot("04-unread");
            bob.click(By.xpath(roomButton(roomName)));   // the list re-renders as frames arrive
            bob.waitForText("#message-list .jc-text", "Shall we meet on Saturday?");
            bob.until(d -> d.findElements(By.xpath(roomButton(roomName) + "//span[@class='jc-unread']")).isEmpty());
            say(bob, "Saturday works");
            ann.waitForText("#message-list .jc-text", "Saturday works");

            // Bob opens Ann's profile from her message and starts a direct conversation.
            bob.click("#message-list .jc-author[data-profile='" + annLogin + "']");
            bob.waitForText("#profile-name", "Ann Browser");
            bob.waitForText("#profile-shared", roomName);
            bob.screenshot("05-profile");
            bob.click("#profile-dm");
            bob.waitForText("#room-name", "Ann Browser");
            say(bob, "Just between us");
            ann.until(d -> d.findElements(By.xpath(roomButton("Bob Browser"))).size() == 1);
            ann.click(By.xpath(roomButton("Bob Browser")));   // the list re-renders as frames arrive
            ann.waitForText("#message-list .jc-text", "Just between us");
            ann.screenshot("06-direct");

            // Bob logs out; Ann sees him go offline.
            bob.click("#session\\:logout");
            bob.find("#login\\:username");
            ann.until(d -> d.findElements(By.cssSelector("#online li[data-login='" + bobLogin + "']")).isEmpty());
            ann.screenshot("07-bob-offline");
            assertTrue(ann.driver.findElement(By.id("online")).getText().contains("Ann Browser"));
        }
    }

    /**
     * The chat page under its Content-Security-Policy: a script the page did not bring (no nonce) does not run, and
     * everything the page itself does (sign-in, the socket, sending, a profile, the room directory and profile pages,
     * signing out) works without a single violation (Browser also checks at close).
     */
    @Test
    void theChatPageWorksUnderItsContentSecurityPolicyWhichStopsInjectedScripts() throws Exception {
        String login = TestData.uniqueLogin("csp").toLowerCase();
        try (var browser = new Browser("csp")) {
            browser.register(url(""), login, "Policy Person");
            assertEquals(java.util.List.of(), browser.cspViolations(), "signing in and opening the chat");

            // What an injection would try: an inline script without the page's nonce. (eval is refused by the policy as
            // well, no 'unsafe-eval': SecurityHeadersIT; WebDriver's own scripts are exempt from it, so not tried here.)
            browser.js("""
                    var s = document.createElement('script');
                    s.textContent = 'window.jcInjectedRan = true;';
                    document.head.appendChild(s);""");
            assertEquals(Boolean.TRUE, browser.js("return window.jcInjectedRan === undefined;"), "an injected inline script is not run");
            browser.until(d -> !browser.cspViolations().isEmpty());
            assertTrue(browser.cspViolations().stream().anyMatch(v -> v.contains("script-src")), browser.cspViolations().toString());
            browser.forgetCspViolations();

            // The page's own work.
            say(browser, "Under policy");
            browser.waitForText("#message-list .jc-text", "Under policy");
            browser.click("#message-list .jc-author[data-profile='" + login + "']");
            browser.waitForText("#profile-name", "Policy Person");
            browser.driver.get(url("app/rooms.xhtml"));
            browser.find("#rooms-heading, h1");
            browser.driver.get(url("app/profile.xhtml"));
            browser.find("h1");
            browser.driver.get(url("app/home.xhtml"));
            browser.find("#composer-text");
            browser.until(d -> d.findElement(By.id("banner")).getAttribute("hidden") != null);
            browser.click("#session\\:logout");
            browser.find("#login\\:username");
            assertEquals(java.util.List.of(), browser.cspViolations(), "the pages' own scripts, styles, socket and images");
        }
    }
}
