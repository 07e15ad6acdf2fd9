package org.jointchat.browser;

import static org.jointchat.browser.Browser.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import javax.imageio.ImageIO;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.HttpSession;
import org.jointchat.support.TestData;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * Issue 21, items 4, 5 and 12 as a person sees them, at 1280 × 800 and on a 390 × 844 phone: search results beside
 * the conversation (the composer and Send uncovered) and, on a phone, a results view under its own search box with
 * "Back"; risky actions asked in the page's own dialog (Cancel changes nothing); deleting one's message with
 * "Undo"; a direct message's header about the other person; ~~strike~~; times without a leading zero; the image
 * viewer. axe-core runs with the search results and with the dialog open.
 */
class PanelsInBrowsersIT extends AgainstTheServer {

    private static TestUser ann;
    private static TestUser bob;
    private static Browser desk;
    private static Browser phone;

    @BeforeEach
    void people() {
        if (ann == null) {
            ann = TestUser.register(api, "pann", "Ann Panels");
            bob = TestUser.register(api, "pbob", "Bob Panels");
        }
    }

    @AfterAll
    static void closeBrowsers() {
        Browser.closeAll(desk, phone);
    }

    Browser desk() throws Exception {
        if (desk == null) {
            desk = new Browser("panels-desk", 1280, 800);
            desk.signIn(base.toString(), ann.login());
        }
        return desk;
    }

    Browser phone() throws Exception {
        if (phone == null) {
            phone = new Browser("panels-phone", 390, 844);
            phone.signIn(base.toString(), ann.login());
        }
        return phone;
    }

    long room(String name, TestUser owner, TestUser... others) {
        return new RoomsOverApi(api).publicRoom(owner, name, null, others);
    }

    long post(TestUser who, long room, String text) {
        return new RoomsOverApi(api).post(who, room, text, 0);
    }

    void open(Browser browser, long room, String name) {
        browser.openRoom(base.toString(), room, name);
    }

    /** Whether what is drawn at the centre of the element is the element itself (or inside it): nothing covers it. */
    static boolean uncovered(Browser browser, String css) {
        return (Boolean) browser.js("""
                var e = document.querySelector(arguments[0]);
                var r = e.getBoundingClientRect();
                if (r.width === 0 || r.height === 0) { return false; }
                var at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return at === e || e.contains(at);""", css);
    }

    static String randomWord() {
        var random = new java.util.Random();
        return "zp" + random.ints(8, 'a', 'z' + 1).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
    }

    @Test
    void onADesktopSearchResultsSitBesideTheConversationAndTheComposerStaysUsable() throws Exception {
        String word = randomWord();
        String name = TestData.uniqueLogin("psearch");
        long room = room(name, ann, bob);
        long hit = post(bob, room, "the map of " + word + " island");
        for (int i = 0; i < 30; i++) {
            post(bob, room, "filler line " + i);
        }
        var a = desk();
        open(a, room, name);

        a.type("#search-input", word);
        a.find("#search-input").sendKeys(Keys.ENTER);
        a.find("#search-results .jc-hit");
        a.waitForText("#search-status", "1 message found");
        assertTrue(a.inViewport("#search-panel") && a.inViewport("#search-results .jc-hit"));
        for (String part : new String[] {"#composer-text", "#send", "#messages"}) {
            assertTrue(a.inViewport(part), part + " on screen with the results open");
            assertTrue(uncovered(a, part), part + " not covered by the results");
        }
        double[] list = a.box("#messages");
        double[] panel = a.box("#search-panel");
        assertTrue(list[3] <= panel[2] + 0.5, "the message list ends where the results begin");
        assertTrue(list[3] - list[2] >= 500, "the conversation stays readable: " + (list[3] - list[2]) + " px wide");
        Accessibility.assertAccessible(a, "chat with the search results open (desktop)");
        a.screenshot("panels-1-search-desktop");

        // A hit opens beside the results: the message is in view, the results stay, the composer still works.
        a.click("#search-results .jc-hit");
        a.until(d -> a.messageShown(hit));
        assertTrue(a.inViewport("#search-panel") && uncovered(a, "#send") && uncovered(a, "#composer-text"));
        a.find("#composer-text").sendKeys("found it", Keys.ENTER);
        a.until(d -> (Boolean) a.js("return Array.from(document.querySelectorAll('#message-list li[data-seq] .jc-text'))"
                + ".some(function (t) { return t.textContent.indexOf('found it') >= 0; });"));
        a.screenshot("panels-2-search-desktop-jumped");

        // Escape in the results closes them; the side column comes back.
        a.find("#search-results .jc-hit").sendKeys(Keys.ESCAPE);
        a.until(d -> d.findElement(By.id("search-panel")).getAttribute("hidden") != null);
        assertTrue(a.driver.findElement(By.id("side-panel")).isDisplayed());
    }

    @Test
    void onAPhoneSearchIsAViewUnderItsOwnBoxWithBackAndAHitReturnsToTheConversation() throws Exception {
        String word = randomWord();
        String name = TestData.uniqueLogin("pphone");
        long room = room(name, ann, bob);
        long hit = post(bob, room, "meet at the " + word + " gate");
        for (int i = 0; i < 30; i++) {
            post(bob, room, "later line " + i);
        }
        var p = phone();
        open(p, room, name);

        p.click("#search-toggle");
        p.find("#search-input").sendKeys(word, Keys.ENTER);
        p.find("#search-results .jc-hit");
        p.waitForText("#search-status", "1 message found");
        assertTrue(p.inViewport("#search-input"), "the search box stays on screen above its results");
        assertTrue(uncovered(p, "#search-input"));
        assertTrue(p.inViewport("#search-back") && uncovered(p, "#search-back"));
        assertTrue(p.inViewport("#search-results .jc-hit") && uncovered(p, "#search-results .jc-hit"));
        assertTrue(p.box("#search-input")[1] <= p.box("#search-panel")[0] + 0.5, "the results start below the box");
        assertEquals(p.box("#rooms-toggle")[0], p.box("#more-toggle")[0], 1.0, "More stays on the header's one row above the box");
        Accessibility.assertAccessible(p, "chat with the search results open (phone)");
        p.screenshot("panels-3-search-phone");

        // Back returns to the conversation.
        p.click("#search-back");
        p.until(d -> d.findElement(By.id("search-panel")).getAttribute("hidden") != null);
        assertTrue(p.inViewport("#composer-text") && p.inViewport("#send") && uncovered(p, "#send"));

        // Searching again and choosing the hit: back in the conversation, scrolled to it, highlighted.
        p.click("#search-toggle");
        p.find("#search-input").sendKeys(Keys.ENTER);
        p.click("#search-results .jc-hit");
        p.until(d -> d.findElement(By.id("search-panel")).getAttribute("hidden") != null);
        p.until(d -> p.messageShown(hit));
        assertTrue(p.driver.findElement(By.cssSelector(message(hit))).getAttribute("class").contains("jc-highlight"));
        assertTrue(p.inViewport("#composer-text"));
        p.screenshot("panels-4-search-phone-hit");
    }

    @Test
    void risksAreAskedInThePagesDialogAndCancelChangesNothing() throws Exception {
        String name = TestData.uniqueLogin("pconfirm");
        long room = room(name, ann, bob);
        var a = desk();
        open(a, room, name);
        a.click("#members-toggle");
        String remove = "#member-list button[data-remove='" + bob.login() + "']";
        a.find(remove);

        // Escape and Cancel: nothing happens, focus comes back.
        a.click(remove);
        a.find("#confirm-dialog");
        assertEquals("confirm-cancel", a.js("return document.activeElement.id;"), "Cancel has focus first");
        assertEquals("Remove from room", a.find("#confirm-action").getText());
        assertTrue(a.find("#confirm-action").getAttribute("class").contains("jc-danger-button"), "the dangerous button is the red one");
        assertTrue(a.find("#confirm-title").getText().contains("Bob Panels"));
        assertTrue(a.inViewport("#confirm-dialog"));
        Accessibility.assertAccessible(a, "chat with the confirmation open");
        a.screenshot("panels-5-confirm");
        a.find("#confirm-cancel").sendKeys(Keys.ESCAPE);
        a.until(d -> !d.findElement(By.id("confirm-dialog")).isDisplayed());
        a.click(remove);
        a.click("#confirm-cancel");
        a.until(d -> !d.findElement(By.id("confirm-dialog")).isDisplayed());
        Thread.sleep(500);
        assertEquals(1, a.driver.findElements(By.cssSelector(remove)).size(), "still a member");

        // Confirmed: removed.
        a.click(remove);
        a.click("#confirm-action");
        a.until(d -> d.findElements(By.cssSelector(remove)).isEmpty());

        // Leaving asks too (Bob's own room, Ann a member).
        String other = TestData.uniqueLogin("pleave");
        long theirs = room(other, bob, ann);
        open(a, theirs, other);
        if (a.driver.findElement(By.id("members-panel")).getAttribute("hidden") != null) {
            a.click("#members-toggle");
        }
        a.click("#leave-room");
        a.waitForText("#confirm-action", "Leave room");
        a.click("#confirm-cancel");
        a.until(d -> !d.findElement(By.id("confirm-dialog")).isDisplayed());
        assertEquals(other, a.find("#room-name").getText().replace("# ", ""));

        // The room settings page asks too, with the action's name on the button; "No" first.
        String third = TestData.uniqueLogin("psettings");
        long settings = room(third, ann, bob);
        a.driver.get(base + "app/room.xhtml?id=" + settings);
        String row = "#members\\:member-table button[id$='remove']";
        a.click(row);
        a.find(".ui-confirm-dialog");
        a.until(d -> d.findElement(By.cssSelector(".ui-confirm-dialog .ui-confirmdialog-yes")).getText().equals("Remove from room"));
        a.screenshot("panels-9-settings-confirm");
        a.click(".ui-confirm-dialog .ui-confirmdialog-no");
        Thread.sleep(500);
        assertEquals(1, a.driver.findElements(By.cssSelector(row)).size(), "still a member");
        a.click(row);
        a.click(".ui-confirm-dialog .ui-confirmdialog-yes");
        a.until(d -> d.findElements(By.cssSelector(row)).isEmpty());
    }

    @Test
    void deletingOnesMessageCanBeUndoneAndThenNothingIsDeleted() throws Exception {
        String name = TestData.uniqueLogin("pundo");
        long room = room(name, ann, bob);
        long seq = post(ann, room, "keep this one");
        long struck = post(bob, room, "was ~~wrong~~ right");
        var a = desk();
        open(a, room, name);
        a.until(d -> a.messageShown(seq));

        new Actions(a.driver).moveToElement(a.find(message(seq))).perform();
        a.click(message(seq) + " .jc-menu-button");
        a.click("#message-menu button[data-action=delete]");
        a.waitForText("#undo-toast", "Message deleted");
        assertTrue(a.inViewport("#undo-delete") && uncovered(a, "#undo-delete"));
        assertFalse(a.driver.findElement(By.cssSelector(message(seq))).isDisplayed(), "gone from the list at once");
        a.screenshot("panels-6-undo");
        a.click("#undo-delete");
        a.until(d -> a.messageShown(seq));
        Thread.sleep(6000);   // past the toast's time: nothing was sent
        assertEquals("keep this one", a.find(message(seq) + " .jc-text").getText());
        var fetched = api.send(api.request("api/v1/rooms/" + room + "/messages?limit=10", "Authorization", bob.bearer()).GET());
        assertTrue(fetched.body().contains("keep this one"), fetched.body());

        // Deleted, then the page closes (a reload) before the toast's time is up: the delete simply does not happen.
        new Actions(a.driver).moveToElement(a.find(message(seq))).perform();
        a.click(message(seq) + " .jc-menu-button");
        a.click("#message-menu button[data-action=delete]");
        a.waitForText("#undo-toast", "Message deleted");
        a.driver.navigate().refresh();
        open(a, room, name);
        Thread.sleep(6000);
        assertEquals("keep this one", a.find(message(seq) + " .jc-text").getText());
        var after = api.send(api.request("api/v1/rooms/" + room + "/messages?limit=10", "Authorization", bob.bearer()).GET());
        assertTrue(after.body().contains("keep this one") && !after.body().contains("\"deleted\":true"), after.body());

        // ~~strike~~ is struck through; a time reads "3:50 AM", never "03:50 AM".
        assertEquals("wrong", a.find(message(struck) + " .jc-text del").getText());
        String time = a.find(message(seq) + " time").getText();
        assertTrue(time.matches("[1-9]\\d?:\\d\\d\\s?[AP]M"), time);
    }

    @Test
    void aDirectMessagesHeaderIsAboutTheOtherPerson() throws Exception {
        var created = api.send(api.request("api/v1/direct/" + bob.login(), "Authorization", ann.bearer())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertTrue(created.statusCode() == 200 || created.statusCode() == 201, created.body());
        long dm = HttpSession.json(created).getJsonNumber("id").longValue();
        for (Browser b : new Browser[] {desk(), phone()}) {
            open(b, dm, "Bob Panels");
            b.find("#dm-profile");
            assertTrue(b.inViewport("#dm-profile") && b.inViewport("#dm-presence"));
            assertFalse(b.driver.findElement(By.id("members-toggle")).isDisplayed(), "no member count");
            assertFalse(b.driver.findElement(By.id("leave-room")).isDisplayed(), "no Leave");
            assertFalse(b.driver.findElement(By.id("room-settings")).isDisplayed(), "no settings");
            assertTrue(b.find("#dm-profile").getAttribute("href").contains("profile.xhtml?login=" + bob.login()));
            b.screenshot("panels-7-dm-" + (b == phone ? "phone" : "desktop"));
            b.click("#dm-profile");
            b.waitForText("#profile-name", "Bob Panels");
            b.click("#profile-close");
        }
    }

    @Test
    void anImageOpensInThePagesViewerAndEscapeClosesIt() throws Exception {
        String name = TestData.uniqueLogin("pimage");
        long room = room(name, ann, bob);
        var dir = Files.createTempDirectory("jointchat-panels-");
        var png = dir.resolve("blue-square.png");
        var image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(30, 60, 200));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
        var a = desk();
        open(a, room, name);
        a.driver.findElement(By.id("attach-input")).sendKeys(png.toAbsolutePath().toString());
        a.until(d -> d.findElements(By.cssSelector("#attached-list li")).size() == 1);
        a.find("#composer-text").sendKeys("a blue square", Keys.ENTER);
        String img = "#message-list .jc-attachments img";
        a.until(d -> (Boolean) a.js("var i = document.querySelector(arguments[0]); return !!i && i.complete && i.naturalWidth > 0;", img));
        int tabs = a.driver.getWindowHandles().size();
        a.click(img);
        a.find("#image-viewer-image");
        assertEquals(tabs, a.driver.getWindowHandles().size(), "no new tab");
        assertEquals("blue-square.png", a.find("#image-viewer-image").getAttribute("alt"));
        assertEquals("blue-square.png", a.find("#image-viewer-name").getText());
        assertTrue(a.inViewport("#image-viewer-image") && a.inViewport("#image-viewer-close") && a.inViewport("#image-viewer-download"));
        assertEquals("blue-square.png", a.find("#image-viewer-download").getAttribute("download"));
        Accessibility.assertAccessible(a, "chat with the image viewer open");
        a.screenshot("panels-8-image-viewer");
        a.find("#image-viewer-close").sendKeys(Keys.ESCAPE);
        a.until(d -> !d.findElement(By.id("image-viewer")).isDisplayed());
        Files.deleteIfExists(png);
        Files.deleteIfExists(dir);
    }
}
