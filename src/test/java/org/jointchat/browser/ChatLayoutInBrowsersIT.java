package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.TestData;
import org.jointchat.support.TestDatabase;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * What a person sees, measured in the viewport of a real browser: on a desktop and on a phone the input is
 * always on screen, the pane opens at the newest message and only it scrolls, messages that arrive while
 * reading older ones wait below, rooms and members are one tap away; the room directory and settings pages.
 */
class ChatLayoutInBrowsersIT extends AgainstTheServer {

    private static final int HISTORY = 80;

    TestUser person(String prefix, String displayName) {
        return TestUser.register(api, prefix, displayName);
    }

    long publicRoom(TestUser owner, String name) {
        return new RoomsOverApi(api).publicRoom(owner, name, "layout checks");
    }

    void join(TestUser who, long room) {
        new RoomsOverApi(api).join(who, room);
    }

    /** HISTORY messages, the first half yesterday, in runs of three by each author (for grouping). */
    static void history(long room, TestUser a, TestUser b) throws Exception {
        TestDatabase.withoutSystemLines(room);
        try (var db = TestDatabase.connect(); var insert = db.prepareStatement("""
                INSERT INTO messages (room_id, seq, author_id, client_id, text, sent_at)
                SELECT ?, g, CASE WHEN (g - 1) / 3 % 2 = 0 THEN (SELECT id FROM users WHERE login = ?)
                                  ELSE (SELECT id FROM users WHERE login = ?) END,
                       'layout-' || g, 'history line ' || g,
                       CASE WHEN g <= ? THEN date_trunc('day', now()) - interval '1 day' + interval '12 hours'
                            ELSE date_trunc('day', now()) END + g * interval '1 second'
                  FROM generate_series(1, ?) g""");
                var update = db.prepareStatement("UPDATE rooms SET last_seq = ? WHERE id = ?")) {
            insert.setLong(1, room);
            insert.setString(2, a.login());
            insert.setString(3, b.login());
            insert.setInt(4, HISTORY / 2);
            insert.setInt(5, HISTORY);
            insert.executeUpdate();
            update.setLong(1, HISTORY);
            update.setLong(2, room);
            update.executeUpdate();
        }
    }

    /** Two people in a new public room with HISTORY messages between them. */
    record Conversation(TestUser ann, TestUser bob, long room) {
    }

    Conversation conversation(String prefix, String annName, String bobName) throws Exception {
        var ann = person(prefix + "ann", annName);
        var bob = person(prefix + "bob", bobName);
        long room = publicRoom(ann, TestData.uniqueLogin(prefix));
        join(bob, room);
        history(room, ann, bob);
        return new Conversation(ann, bob, room);
    }

    void post(TestUser who, long room, String text) {
        var sent = api.postJson("api/v1/rooms/" + room + "/messages", Json.createObjectBuilder().add("text", text)
                .add("clientId", TestData.uniqueLogin("c")).build().toString(), "Authorization", who.bearer());
        assertEquals(201, sent.statusCode(), sent.body());
    }

    /** Whether the message with this seq is wholly inside the message pane's visible part (and so on screen). */
    static boolean shown(Browser browser, long seq) {
        return (Boolean) browser.js("""
                var m = document.querySelector('#message-list li[data-seq="' + arguments[0] + '"]');
                if (!m) { return false; }
                var r = m.getBoundingClientRect(), p = document.getElementById('messages').getBoundingClientRect();
                return r.height > 0 && r.top >= p.top - 0.5 && r.bottom <= p.bottom + 0.5 && p.bottom <= innerHeight + 0.5;""", seq);
    }

    static long scrollTop(Browser browser) {
        return ((Number) browser.js("return Math.round(document.getElementById('messages').scrollTop);")).longValue();
    }

    static void assertThePageItselfDoesNotScroll(Browser browser) {
        var sizes = (java.util.List<?>) browser.js("var e = document.scrollingElement;"
                + "return [e.scrollHeight, innerHeight, e.scrollWidth, innerWidth];");
        assertTrue(((Number) sizes.get(0)).longValue() <= ((Number) sizes.get(1)).longValue(), "page height " + sizes);
        assertTrue(((Number) sizes.get(2)).longValue() <= ((Number) sizes.get(3)).longValue(), "page width " + sizes);
    }

    @Test
    void onADesktopThePaneOpensAtTheNewestMessageAndNewOnesWaitBelowWhileReadingOlderOnes() throws Exception {
        var chat = conversation("desk", "Ann Desk", "Bob Desk");
        var ann = chat.ann();
        var bob = chat.bob();
        long room = chat.room();
        try (var browser = new Browser("desktop", 1280, 813)) {
            browser.signIn(base.toString(), ann.login());
            browser.driver.get(base + "app/home.xhtml?room=" + room);
            browser.until(d -> shown(browser, HISTORY));
            browser.screenshot("layout-desktop-open");
            assertTrue(browser.inViewport("#composer-text"), "the input is on screen");
            assertTrue(browser.inViewport("#send"), "the send button is on screen");
            assertThePageItselfDoesNotScroll(browser);
            // Grouped by author, with a separator per day.
            assertTrue(browser.driver.findElements(By.cssSelector("#message-list li.jc-continued")).size() > 10);
            browser.waitForText("#message-list li.jc-day", "Today");

            // Reading older messages: scrolling up loads the page before, and the reader keeps their place.
            browser.js("document.getElementById('messages').scrollTop = 0;");
            browser.until(d -> !d.findElements(By.cssSelector("#message-list li[data-seq='1']")).isEmpty());
            browser.waitForText("#message-list li.jc-day", "Yesterday");
            browser.js("document.querySelector('#message-list li[data-seq=\"20\"]').scrollIntoView({block: 'start'});");
            long readingAt = scrollTop(browser);
            assertTrue(shown(browser, 20));

            post(bob, room, "a message that arrives while ann reads");
            browser.waitForText("#new-below", "1 new message");
            assertTrue(browser.inViewport("#new-below"), "the new-messages control is on screen");
            assertEquals(readingAt, scrollTop(browser), "the reader was not moved");
            assertTrue(shown(browser, 20), "what she reads stays in view");
            post(bob, room, "and another");
            browser.waitForText("#new-below", "2 new messages");
            browser.screenshot("layout-desktop-new-below");

            browser.click("#new-below");
            browser.until(d -> shown(browser, HISTORY + 2));
            assertTrue(browser.driver.findElement(By.id("new-below")).getAttribute("hidden") != null);

            // At the bottom the pane stays pinned: her own message and the next ones appear in view.
            var box = browser.find("#composer-text");
            box.sendKeys("typed with Enter");
            box.sendKeys(org.openqa.selenium.Keys.ENTER);
            browser.until(d -> shown(browser, HISTORY + 3));
            post(bob, room, "answer");
            browser.until(d -> shown(browser, HISTORY + 4));
            assertTrue(browser.inViewport("#composer-text"));
        }
    }

    @Test
    void onAPhoneRoomsAndMembersAreOneTapAwayAndTheTextIsRussian() throws Exception {
        var chat = conversation("phone", "😀 Ёлка", "Боб Телефон");
        var ann = chat.ann();
        long room = chat.room();
        try (var phone = new Browser("phone", 390, 844)) {
            phone.signIn(base.toString(), ann.login());
            phone.driver.get(base + "app/home.xhtml?lang=ru&room=" + room);
            phone.until(d -> shown(phone, HISTORY));
            phone.screenshot("layout-phone-open");
            assertTrue(phone.inViewport("#composer-text"), "the input is on screen");
            assertTrue(phone.inViewport("#send"), "the send button is not clipped");
            assertTrue(phone.inViewport("#rooms-toggle") && phone.inViewport("#members-toggle"));
            // The icons are drawn (an SVG sprite), not glyphs that a browser without an emoji font shows as boxes.
            phone.until(d -> (Boolean) phone.js("return ['#search-toggle use', '#attach use'].every(function (s) {"
                    + " return document.querySelector(s).getBBox().width > 0; });"));
            assertThePageItselfDoesNotScroll(phone);
            // The connection drops: the banner takes a line from the pane, and the newest message stays in view.
            phone.dropSocketAndHoldReconnect();
            phone.until(d -> phone.inViewport("#banner") && shown(phone, HISTORY));
            phone.screenshot("layout-phone-offline");
            phone.reconnect();
            phone.until(d -> !phone.driver.findElement(By.id("banner")).isDisplayed() && shown(phone, HISTORY));
            // Russian plural forms and a grapheme-whole avatar.
            phone.until(d -> d.findElement(By.id("members-toggle")).getText().equals("2 участника"));
            assertTrue(phone.driver.findElements(By.cssSelector("#message-list .jc-avatar")).stream()
                    .anyMatch(e -> "😀Ё".equals(e.getAttribute("textContent"))), "the emoji is one initial, whole");
            var time = phone.driver.findElement(By.cssSelector("#message-list time")).getAttribute("textContent");
            assertTrue(time.matches("\\d\\d:\\d\\d"), "24-hour Russian time: " + time);

            phone.click("#rooms-toggle");
            phone.until(d -> phone.inViewport("#rooms-panel"));
            phone.screenshot("layout-phone-rooms");
            assertTrue(phone.inViewport("#room-list"));
            phone.click("#rooms-panel button[data-room]:not(.jc-current)");
            phone.until(d -> !phone.inViewport("#rooms-panel"));

            phone.click("#members-toggle");
            phone.until(d -> phone.inViewport("#side-panel"));
            phone.waitForText("#members-toggle", "участник");
            phone.waitForText("#member-list", "Боб Телефон");
            assertTrue(phone.inViewport("#member-list li"), "the members list starts on screen");
            phone.screenshot("layout-phone-members");
            phone.click("#side-panel .jc-drawer-close");
            phone.until(d -> !phone.inViewport("#side-panel"));

            // A server error in the page's language: a room name that exists.
            phone.click("#rooms-toggle");
            phone.until(d -> phone.inViewport("#rooms-panel")); // slid in
            phone.click("#new-room");
            phone.type("#room-form-name", "general");
            phone.click("#room-form-submit");
            phone.waitForText("#room-form-error", "Комната с таким названием уже есть.");
        }
    }

    @Test
    void theRoomDirectoryAndSettingsPagesManageRoomsAndOpenChatPagesFollowLive() throws Exception {
        var owner = person("pageowner", "Olga Owner");
        var member = person("pagemember", "Max Member");
        String name = TestData.uniqueLogin("directory");
        long room = publicRoom(owner, name);
        try (var olga = new Browser("owner"); var max = new Browser("member")) {
            max.signIn(base.toString(), member.login());
            // The directory: filter, then Join, which opens the room in the chat.
            max.driver.get(base + "app/rooms.xhtml");
            max.type("#directory\\:filter", name);
            max.until(d -> d.findElements(By.cssSelector("#directory\\:rooms tbody tr")).size() == 1
                    && d.findElement(By.cssSelector("#directory\\:rooms tbody tr")).getText().contains(name)); // filtered
            max.screenshot("directory");
            max.click("#directory\\:rooms button[id$='join']");
            max.waitForText("#room-name", name);

            // A member sees the settings page read-only.
            max.driver.get(base + "app/room.xhtml?id=" + room);
            max.find("#read-only");
            assertEquals(0, max.driver.findElements(By.id("details:save")).size());
            assertTrue(max.driver.findElement(By.id("details:name")).getAttribute("readonly") != null);
            max.driver.get(base + "app/home.xhtml?room=" + room);
            max.waitForText("#room-name", name);

            // The owner adds someone by picking them from suggestions.
            var carl = person("pagecarl", "Carl Candidate");
            olga.signIn(base.toString(), owner.login());
            olga.driver.get(base + "app/room.xhtml?id=" + room);
            olga.type("#members\\:newMember_input", carl.login().substring(0, 12));
            olga.click(".ui-autocomplete-panel [data-item-value='" + carl.login() + "']");
            olga.click("#members\\:add");
            olga.waitForText("#members\\:member-table", "Carl Candidate");
            olga.waitForText(".ui-messages", carl.login() + " added.");
            String renamed = name + "-renamed";
            olga.type("#details\\:name", "");
            olga.click("#details\\:save");
            olga.waitForText("#details", "Enter a room name.");
            olga.type("#details\\:name", renamed);
            olga.click("#details\\:save");
            olga.waitForText(".ui-messages", "Saved.");
            max.waitForText("#room-name", renamed);

            // Deleting is behind a confirmation; open chat pages drop the room.
            olga.click("#members\\:delete");
            olga.find(".ui-confirm-dialog");
            olga.screenshot("settings-confirm");
            olga.click(".ui-confirm-dialog .ui-confirmdialog-yes");
            olga.find("#composer-text");
            max.until(d -> d.findElements(By.xpath("//button[contains(@class,'jc-room-button')][.//span[contains(.,'" + renamed + "')]]")).isEmpty());

            // Handing a room over, confirmed: the page turns read-only for the former owner.
            long second = publicRoom(owner, TestData.uniqueLogin("handover"));
            join(member, second);
            olga.driver.get(base + "app/room.xhtml?id=" + second);
            olga.click("#members\\:member-table button[id$='hand-over']");
            olga.click(".ui-confirm-dialog .ui-confirmdialog-yes");
            olga.waitForText(".ui-messages", "The room now belongs to " + member.login() + ".");
            olga.find("#read-only");
            assertEquals(0, olga.driver.findElements(By.id("details:save")).size());
        }
    }
}
