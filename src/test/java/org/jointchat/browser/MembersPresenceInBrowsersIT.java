package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/**
 * The members panel shows live presence (issue 21, item 3): a member added while the panel is open gets a dot
 * that turns online when they come online and back when they leave, as the Online list below does.
 */
class MembersPresenceInBrowsersIT extends AgainstTheServer {

    /** Bob's presence dot in the members panel, found by his name's button (not by anything the fix added). */
    static String dotOf(String login) {
        return "#member-list li:has(button[data-profile=\"" + login + "\"]) .jc-dot";
    }

    static boolean dotOnline(Browser browser, String login) {
        return Boolean.TRUE.equals(browser.js("var d = document.querySelector(arguments[0]);"
                + "return d !== null && d.classList.contains('jc-dot-online');", dotOf(login)));
    }

    static boolean inOnlineList(Browser browser, String login) {
        return Boolean.TRUE.equals(browser.js(
                "return document.querySelector('#online li[data-login=\"' + arguments[0] + '\"]') !== null;", login));
    }

    @Test
    void aMemberAddedDuringTheSessionShowsOnlineInTheMembersPanelWhenTheyComeOnlineAndOfflineWhenTheyLeave() throws Exception {
        check("members-presence-desktop", 1280, 800);
    }

    @Test
    void theSameInTheMembersDrawerOfAPhone() throws Exception {
        check("members-presence-phone", 390, 844);
    }

    void check(String name, int width, int height) throws Exception {
        var alice = TestUser.register(api, "mpalice", "Alice Presence");
        var bob = TestUser.register(api, "mpbob", "Bob Presence");
        var created = api.postJson("api/v1/rooms", Json.createObjectBuilder().add("name", TestData.uniqueLogin("mp"))
                .add("visibility", "private").build().toString(), "Authorization", alice.bearer());
        assertEquals(201, created.statusCode(), created.body());
        long room = HttpSession.json(created).getJsonNumber("id").longValue();

        try (var browser = new Browser(name, width, height)) {
            browser.signIn(base.toString(), alice.login());
            browser.driver.get(base + "app/home.xhtml?room=" + room);
            browser.waitForText("#members-toggle", "1");
            browser.click("#members-toggle");
            browser.waitForText("#member-list", "Alice Presence");
            browser.until(d -> dotOnline(browser, alice.login()));

            // Bob, offline, is added during the session: listed with a hollow dot.
            browser.type("#add-member-login", bob.login());
            browser.click("#add-member button[type=submit]");
            browser.waitForText("#member-list", "Bob Presence");
            assertTrue(browser.inViewport(dotOf(bob.login())), "Bob's dot is on screen");
            assertFalse(dotOnline(browser, bob.login()), "Bob is offline");

            // Bob comes online: the Online list and the members panel both say so.
            try (var bobSocket = bob.connect()) {
                browser.until(d -> inOnlineList(browser, bob.login()));
                browser.until(d -> dotOnline(browser, bob.login()));
                assertTrue(browser.inViewport(dotOf(bob.login())), "Bob's online dot is on screen");
                browser.screenshot("online");
            }
            // Bob leaves: after the grace period (3 s) his dot is hollow again, and he leaves the Online list.
            browser.until(d -> !dotOnline(browser, bob.login()));
            browser.until(d -> !inOnlineList(browser, bob.login()));
            assertTrue(dotOnline(browser, alice.login()), "Alice is still online");
            browser.screenshot("offline");
        }
    }
}
