package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.http.HttpRequest;
import java.util.List;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Issue 21, items 10 to 13, as a person sees them: on a phone (390 × 844, touch) one compact row above the messages
 * and touch targets of at least 44 × 44 px, the directory and settings tables as cards; at a desktop (1280 × 800 and
 * 1024 wide) a room header that cuts no word in English, Russian or Ukrainian; register's errors under their fields;
 * axe-core's structure rules (list, target-size, label-content-name-mismatch). Screenshots: target/screenshots/.
 */
class HeaderAndTouchLayoutInBrowsersIT extends AgainstTheServer {

    /** A touch target's smallest side (WCAG 2.5.5, and what phone makers ask for); half a pixel for rounding. */
    private static final double TOUCH = 43.5;

    private static final String TOPIC = "Weekly planning, releases, and everything the team needs to agree on before Friday";

    record Scene(TestUser ann, TestUser bob, long room, String name) {
    }

    /** Ann owns a public room with a long topic that Bob joined; a few messages, one a reply, one with a link. */
    private Scene scene(String prefix, String roomName) {
        var ann = TestUser.register(api, prefix + "ann", "Анна Layout");
        var bob = TestUser.register(api, prefix + "bob", "Bob Layout");
        var created = api.postJson("api/v1/rooms", Json.createObjectBuilder().add("name", roomName).add("topic", TOPIC)
                .add("visibility", "public").build().toString(), "Authorization", ann.bearer());
        assertEquals(201, created.statusCode(), created.body());
        long room = HttpSession.json(created).getJsonNumber("id").longValue();
        var joined = api.send(api.request("api/v1/rooms/" + room + "/members/" + bob.login(), "Authorization", bob.bearer())
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, joined.statusCode(), joined.body());
        long first = post(ann, room, "Hi Bob, the plan is in [the docs](https://example.org/plan).", null);
        post(bob, room, "Thanks!", null);
        post(bob, room, "Short", null);
        post(ann, room, "Another line from Ann", null);
        post(bob, room, "Agreed, see you on **Friday**", first);
        return new Scene(ann, bob, room, roomName);
    }

    private long post(TestUser who, long room, String text, Long replyTo) {
        return new RoomsOverApi(api).post(who, room, text, replyTo == null ? 0 : replyTo);
    }

    /** The visible targets matching css (on screen, not in a closed drawer) that are smaller than 44 × 44, described. */
    @SuppressWarnings("unchecked")
    private static List<String> smallTargets(Browser browser, String css) {
        return (List<String>) browser.js("""
                var out = [];
                document.querySelectorAll(arguments[0]).forEach(function (e) {
                  var r = e.getBoundingClientRect(), s = getComputedStyle(e);
                  if (r.width === 0 || r.height === 0 || s.visibility === 'hidden' || s.display === 'none') { return; }
                  if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) { return; }
                  if (r.width >= arguments[1] && r.height >= arguments[1]) { return; }
                  out.push((e.id ? '#' + e.id : e.tagName.toLowerCase() + '.' + String(e.className).replace(/ /g, '.'))
                      + ' "' + (e.textContent || '').trim().slice(0, 30) + '" ' + r.width.toFixed(1) + 'x' + r.height.toFixed(1));
                });
                return out;""", css, TOUCH);
    }

    /** How many visible lines the element's text takes. */
    private static long lines(Browser browser, String css) {
        return ((Number) browser.js("""
                var range = document.createRange();
                range.selectNodeContents(document.querySelector(arguments[0]));
                var tops = Array.from(range.getClientRects()).filter(function (r) { return r.width > 0; })
                    .map(function (r) { return r.top; }).sort(function (a, b) { return a - b; });
                var lines = 0, last = -1e9;
                tops.forEach(function (t) { if (t - last > 8) { lines++; last = t; } });
                return lines;""", css)).longValue();
    }

    /** Whether the element's text is wholly visible (not cut with an ellipsis or hidden overflow). */
    private static boolean whole(Browser browser, String css) {
        return (Boolean) browser.js("var e = document.querySelector(arguments[0]); return e.scrollWidth <= e.clientWidth + 1;", css);
    }

    /** The search box's placeholder fits inside it: [width the placeholder needs, width inside the box]. */
    private static double[] placeholderFit(Browser browser) {
        @SuppressWarnings("unchecked")
        var values = (List<Number>) browser.js("""
                var i = document.getElementById('search-input'), s = getComputedStyle(i);
                var probe = document.createElement('span');
                probe.textContent = i.placeholder;
                ['fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'letterSpacing'].forEach(function (p) { probe.style[p] = s[p]; });
                probe.style.whiteSpace = 'pre';
                probe.style.position = 'absolute';
                document.body.appendChild(probe);
                var need = probe.getBoundingClientRect().width;
                probe.remove();
                return [need, i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight), i.scrollWidth, i.clientWidth];""");
        return values.stream().mapToDouble(Number::doubleValue).toArray();
    }

    private static void structureRulesPass(Browser browser, String what) {
        for (String rule : List.of("list", "target-size", "label-content-name-mismatch")) {
            Accessibility.assertRulePasses(browser, rule, "body", what);
        }
    }

    private void openChat(Browser browser, Scene scene, String lang) {
        browser.driver.get(base + "app/home.xhtml?lang=" + lang + "&room=" + scene.room());
        browser.waitForText("#room-name", scene.name());
        browser.until(d -> d.findElements(By.cssSelector("#message-list .jc-quote")).size() == 1);
        browser.until(d -> d.findElement(By.id("banner")).getAttribute("hidden") != null);
    }

    @Test
    void onAPhoneOneRowIsAboveTheMessagesAndEveryTargetIsATouchTarget() throws Exception {
        var scene = scene("tphone", "Планы команды");
        try (var phone = new Browser("touch-phone", 390, 844)) {
            phone.signIn(base.toString(), scene.ann().login());
            openChat(phone, scene, "ru");
            phone.until(d -> phone.find("#members-toggle").getText().contains("участник"));
            phone.screenshot("i21-phone-chat-ru");

            // One row: ☰, the room's name over its topic, search, members, More; the messages start right under it.
            double[] messages = phone.box("#messages");
            assertTrue(messages[0] <= 64, "the messages start " + messages[0] + " px from the top");
            for (String part : List.of("#rooms-toggle", "#room-name", "#search-toggle", "#members-toggle", "#more-toggle")) {
                double[] b = phone.box(part);
                assertTrue(phone.inViewport(part) && b[1] <= messages[0] + 0.5, part + " is in the row above the messages");
            }
            assertTrue(phone.inViewport("#composer-text") && phone.inViewport("#send"));
            assertEquals(List.of(), smallTargets(phone, ".jc-room-header button, .jc-room-header a, #message-list .jc-menu-button, "
                    + "#composer button"), "the header's, the messages' and the composer's targets");
            assertTrue(phone.driver.findElements(By.cssSelector("#message-list .jc-menu-button")).size() >= 5);
            // The ⋯ buttons of consecutive messages do not overlap (each message is as tall as its button).
            assertEquals(Boolean.TRUE, phone.js("""
                    var b = Array.from(document.querySelectorAll('#message-list .jc-menu-button')).map(function (e) { return e.getBoundingClientRect(); });
                    return b.every(function (r, i) { return i === 0 || r.top >= b[i - 1].bottom - 0.5; });"""));
            structureRulesPass(phone, "the phone's chat page");

            // The page's bar (languages, signing out) is one tap away under More.
            phone.click("#more-toggle");
            phone.until(d -> phone.inViewport("#site-header") && phone.inViewport("#session\\:logout"));
            phone.screenshot("i21-phone-more-ru");
            assertEquals("true", phone.find("#more-toggle").getAttribute("aria-expanded"));
            assertEquals(List.of(), smallTargets(phone, "#site-header a, #site-header button"), "the menu's targets");
            structureRulesPass(phone, "the phone's chat page with More open");
            phone.driver.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.ESCAPE);
            phone.until(d -> !phone.driver.findElement(By.id("site-header")).isDisplayed());

            // The rooms drawer.
            phone.click("#rooms-toggle");
            phone.until(d -> phone.inViewport("#rooms-panel"));
            phone.screenshot("i21-phone-rooms-ru");
            assertEquals(List.of(), smallTargets(phone, "#rooms-panel button, #rooms-panel a"), "the rooms drawer's targets");
            structureRulesPass(phone, "the phone's chat page with the rooms drawer");
            phone.click("#rooms-panel .jc-drawer-close");
            phone.until(d -> !phone.inViewport("#rooms-panel"));

            // The members drawer (Ann owns the room: her actions on Bob are there too).
            phone.click("#members-toggle");
            phone.until(d -> phone.inViewport("#side-panel"));
            phone.waitForText("#member-list", "Bob Layout");
            phone.screenshot("i21-phone-members-ru");
            assertEquals(List.of(), smallTargets(phone, "#side-panel button, #side-panel a, #side-panel input"), "the members drawer's targets");
            structureRulesPass(phone, "the phone's chat page with the members drawer");
            phone.click("#side-panel .jc-drawer-close");
            phone.until(d -> !phone.inViewport("#side-panel"));

            // A message's menu.
            phone.click("#message-list li[data-seq] .jc-menu-button");
            phone.until(d -> phone.inViewport("#message-menu"));
            phone.screenshot("i21-phone-menu-ru");
            assertEquals(List.of(), smallTargets(phone, "#message-menu button"), "the message menu's targets");
            structureRulesPass(phone, "the phone's chat page with a message menu");
        }
    }

    @Test
    void atADesktopTheRoomHeaderKeepsEveryWordWholeInEveryLanguage() throws Exception {
        var scene = scene("tdesk", "Планирование релиза");
        try (var desk = new Browser("header-desktop", 1280, 800); var narrow = new Browser("header-1024", 1024, 768)) {
            desk.signIn(base.toString(), scene.ann().login());
            narrow.signIn(base.toString(), scene.ann().login());
            for (String lang : List.of("en", "ru", "uk")) {
                for (var browser : List.of(desk, narrow)) {
                    openChat(browser, scene, lang);
                    browser.until(d -> !d.findElement(By.id("members-toggle")).getText().isBlank());
                    browser.screenshot("i21-header-" + lang);
                    String where = lang + " at " + browser.box("body")[5] + " px";
                    assertEquals(1, lines(browser, "#room-settings"), "Room settings on one line, " + where);
                    assertEquals(1, lines(browser, "#members-toggle"), "the member count on one line, " + where);
                    assertTrue(whole(browser, "#room-name"), "the room's name is whole, " + where);
                    assertTrue(whole(browser, "#site-header"), "the page's bar fits, " + where);
                    double[] fit = placeholderFit(browser);
                    assertTrue(fit[0] <= fit[1] + 1 && fit[2] <= fit[3], "the search placeholder fits, " + where + ": " + java.util.Arrays.toString(fit));
                }
                if (lang.equals("en")) {
                    // At 1280 the English header is one row: the tools beside the title, not under it. (Russian and
                    // Ukrainian words are longer: with this name the tools wrap, whole, under it; asserted above.)
                    double[] title = desk.box("#room-name"), settings = desk.box("#room-settings");
                    assertTrue(settings[0] < title[1], "Room settings beside the title in " + lang);
                }
            }
            // The structure rules with the panels open: members, search results, a message's menu.
            desk.click("#members-toggle");
            desk.waitForText("#member-list", "Bob Layout");
            desk.type("#search-input", "Friday");
            desk.find("#search-input").sendKeys(org.openqa.selenium.Keys.ENTER);
            desk.until(d -> !d.findElements(By.cssSelector("#search-results li")).isEmpty());
            desk.screenshot("i21-desktop-panels");
            structureRulesPass(desk, "the desktop chat page with members and search open");
            desk.click("#search-close");
            desk.js("document.querySelector('#message-list li[data-seq] .jc-menu-button').click();");
            desk.until(d -> desk.inViewport("#message-menu"));
            structureRulesPass(desk, "the desktop chat page with a message menu");
        }
    }

    @Test
    void onAPhoneTheDirectoryAndTheSettingsShowCardsWithoutLabelsBesideTheirButtons() throws Exception {
        var scene = scene("tcards", TestData.uniqueLogin("Карточки"));
        var carl = TestUser.register(api, "tcardscarl", "Carl Cards");
        try (var phone = new Browser("cards-phone", 390, 844); var owner = new Browser("cards-owner", 390, 844);
                var desk = new Browser("cards-desktop", 1280, 800)) {
            phone.signIn(base.toString(), carl.login());
            for (String lang : List.of("en", "ru")) {
                phone.driver.get(base + "app/rooms.xhtml?lang=" + lang);
                phone.type("#directory\\:filter", scene.name());
                phone.until(d -> d.findElements(By.cssSelector("#directory\\:rooms tbody tr")).size() == 1
                        && d.findElement(By.cssSelector("#directory\\:rooms tbody tr")).getText().contains(scene.name()));
                phone.screenshot("i21-directory-cards-" + lang);
                var card = phone.driver.findElement(By.cssSelector("#directory\\:rooms tbody tr"));
                String join = phone.find("#directory\\:rooms button[id$='join']").getText().strip();
                // What the card shows: the name, the topic, the count and the button; no header beside the button.
                long joins = card.findElements(By.xpath(".//*[not(*)]")).stream()
                        .filter(e -> e.isDisplayed() && e.getText().strip().equals(join)).count();
                assertEquals(1, joins, "'" + join + "' shows once (the button) in " + lang);
                assertTrue(card.getText().contains(TOPIC), card.getText());
                assertEquals(List.of(), smallTargets(phone, ".jc-main button, .jc-main a, .jc-header a, .jc-header button"), "the directory's targets");
                ChatLayoutInBrowsersIT.assertThePageItselfDoesNotScroll(phone);
            }

            // The owner's settings page: a member per card, "(owner)" beside the name, no "Name" label, buttons below.
            owner.signIn(base.toString(), scene.ann().login());
            for (String lang : List.of("en", "uk")) {
                owner.driver.get(base + "app/room.xhtml?lang=" + lang + "&id=" + scene.room());
                owner.find("#members\\:member-table");
                owner.screenshot("i21-settings-cards-" + lang);
                var rows = owner.driver.findElements(By.cssSelector("#members\\:member-table tbody tr"));
                assertEquals(2, rows.size());
                for (var row : rows) {
                    assertTrue(row.findElements(By.cssSelector(".ui-column-title")).stream().noneMatch(e -> e.isDisplayed()),
                            "no column header inside a card: " + row.getText());
                }
                // The card starts with the person's name (no "Name" label before it), the owner's mark follows it.
                var ownerRow = rows.stream().filter(r -> r.getText().contains(scene.ann().login())).findFirst().orElseThrow();
                assertTrue(ownerRow.getText().startsWith("Анна Layout @" + scene.ann().login()), ownerRow.getText());
                assertTrue(ownerRow.findElement(By.cssSelector(".jc-hint")).isDisplayed());
                var cardLeft = ownerRow.getRect().getX();
                assertTrue(ownerRow.findElement(By.cssSelector("a")).getRect().getX() - cardLeft < 24, "the name at the card's start");
                assertEquals(List.of(), smallTargets(owner, ".jc-main button, .jc-main a, .jc-header a, .jc-header button"), "the settings' targets");
                assertEquals(Boolean.TRUE, owner.js("return document.scrollingElement.scrollWidth <= innerWidth;"), "nothing wider than the phone");
                structureRulesPass(owner, "the settings page on a phone in " + lang);
            }

            // At a desktop the people tables say a person's name: "Ім’я" in Ukrainian, "Имя" in Russian.
            desk.signIn(base.toString(), scene.ann().login());
            desk.driver.get(base + "app/room.xhtml?lang=uk&id=" + scene.room());
            desk.waitForText("#members\\:member-table thead", "Ім’я");
            desk.screenshot("i21-settings-uk");
            desk.driver.get(base + "app/room.xhtml?lang=ru&id=" + scene.room());
            desk.waitForText("#members\\:member-table thead", "Имя");
        }
    }

    @Test
    void registerShowsEachErrorRightUnderItsField() throws Exception {
        for (int[] size : new int[][] {{1280, 800}, {390, 844}}) {
            try (var browser = new Browser("register-errors-" + size[0], size[0], size[1])) {
                browser.driver.get(base + "register.xhtml");
                browser.type("#register\\:login", "x");
                browser.type("input#register\\:password", "short");
                browser.type("input#register\\:passwordRepeat", "other");
                browser.click("#register\\:submit");
                browser.until(d -> d.findElements(By.cssSelector(".jc-field .ui-message-error")).size() >= 3);
                browser.screenshot("i21-register-errors");
                @SuppressWarnings("unchecked")
                var misplaced = (List<String>) browser.js("""
                        var out = [];
                        document.querySelectorAll('.jc-field').forEach(function (f) {
                          var error = f.querySelector('.ui-message-error'), input = f.querySelector('input:not([type=hidden])');
                          if (!error || !error.textContent.trim()) { return; }
                          var box = (input.closest('.ui-password') || input).getBoundingClientRect();
                          var e = error.getBoundingClientRect();
                          var text = document.createRange(); text.selectNodeContents(error);
                          var indent = Math.round(text.getBoundingClientRect().left - e.left);
                          if (Math.abs(e.left - box.left) > 1 || Math.abs(e.right - box.right) > 1 || e.top < box.bottom - 0.5
                              || e.top - box.bottom > 10) {
                            out.push(input.id + ': field ' + JSON.stringify(box) + ', error ' + JSON.stringify(e));
                          }
                          out.push('indent ' + indent);
                        });
                        return out;""");
                // Each error as wide as its field, right under it; its text indented alike in every field.
                assertEquals(List.of(), misplaced.stream().filter(m -> !m.startsWith("indent")).toList(), "errors under their fields");
                assertEquals(1, misplaced.stream().filter(m -> m.startsWith("indent")).distinct().count(), misplaced.toString());
                structureRulesPass(browser, "register with errors");
                Accessibility.assertAccessible(browser, "register with errors");
            }
        }
    }
}
