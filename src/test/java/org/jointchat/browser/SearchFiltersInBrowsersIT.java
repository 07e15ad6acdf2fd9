package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.TestData;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Search filters (issue 22, item 8) as a person meets them, at 1280 × 800 and on a 390 × 844 phone: typing "fr" in the
 * search box offers from:, after from: people (Bob is picked), a word more and the results are only Bob's; a date
 * filter shows its YYYY-MM-DD hint; a bad date shows the server's refusal in the results; the Filters help lists
 * them; the suggestions in Russian and Ukrainian. axe-core runs with the suggestions open.
 */
class SearchFiltersInBrowsersIT extends AgainstTheServer {

    private static TestUser ann;
    private static TestUser bob;
    private static Browser desk;
    private static Browser phone;

    @BeforeEach
    void people() {
        if (ann == null) {
            ann = TestUser.register(api, "fann", "Ann Filters");
            bob = TestUser.register(api, "fbob", "Bob Filters");
        }
    }

    @AfterAll
    static void closeBrowsers() {
        Browser.closeAll(desk, phone);
    }

    static String randomWord() {
        var random = new java.util.Random();
        return "zf" + random.ints(8, 'a', 'z' + 1).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
    }

    /** The texts of the listed suggestions. */
    @SuppressWarnings("unchecked")
    static List<String> options(Browser b) {
        return (List<String>) b.js("return Array.from(document.querySelectorAll('#search-suggestions [role=option]'))"
                + ".map(function (o) { return o.textContent; });");
    }

    static void waitForOption(Browser b, String text) {
        b.until(d -> (Boolean) b.js("var t = arguments[0], l = document.getElementById('search-suggestions'); return !l.hidden && Array.from("
                + "l.querySelectorAll('[role=option]')).some(function (o) { return o.textContent.indexOf(t) >= 0; });", text));
    }

    static String value(Browser b) {
        return (String) b.js("return document.getElementById('search-input').value;");
    }

    /** The whole way: fr → from:, pick Bob, a word, Enter: only Bob's message; a date's hint; a bad date; the help. */
    void fromBobAndAWord(Browser b, String size, boolean onPhone) throws Exception {
        String word = randomWord();
        String name = TestData.uniqueLogin("fsearch");
        var rooms = new RoomsOverApi(api);
        long room = rooms.publicRoom(ann, name, null, bob);
        rooms.post(bob, room, "bob says " + word + " here", 0);
        rooms.post(ann, room, "ann says " + word + " too", 0);
        rooms.post(bob, room, "bob without the word", 0);
        b.driver.get(base + "app/home.xhtml?lang=en&room=" + room);
        b.waitForText("#room-name", name);
        b.until(d -> d.findElement(By.id("banner")).getAttribute("hidden") != null);
        if (onPhone) {
            b.click("#search-toggle");
        }
        var input = b.find("#search-input");
        input.sendKeys("fr");
        waitForOption(b, "from:");
        assertTrue(b.inViewport("#search-suggestions"), "the suggestions are on screen");
        assertEquals("true", input.getAttribute("aria-expanded"));
        assertEquals("combobox", input.getAttribute("role"));
        b.screenshot("filters-1-keyword-" + size);

        // Tab takes from:, then the people: Bob, picked with the arrow keys and Enter.
        input.sendKeys(Keys.TAB);
        b.until(d -> value(b).equals("from:"));
        input.sendKeys(bob.login().substring(0, bob.login().length() - 2));
        waitForOption(b, "@" + bob.login());
        assertTrue(b.inViewport("#search-suggestions"), "the people are on screen");
        Accessibility.assertAccessible(b, "chat with the search suggestions open (" + size + ")");
        b.screenshot("filters-2-people-" + size);
        int at = options(b).indexOf(options(b).stream().filter(o -> o.contains("@" + bob.login())).findFirst().orElseThrow());
        for (int i = 0; i <= at; i++) {
            input.sendKeys(Keys.ARROW_DOWN);
        }
        assertEquals("search-option-" + at, input.getAttribute("aria-activedescendant"));
        input.sendKeys(Keys.ENTER);
        b.until(d -> value(b).equals("from:" + bob.login() + " "));
        assertTrue(b.driver.findElement(By.id("search-suggestions")).getAttribute("hidden") != null, "a picked filter closes the list");

        // A word more and Enter: only Bob's message with the word.
        input.sendKeys(word, Keys.ENTER);
        b.waitForText("#search-status", "1 message found");
        @SuppressWarnings("unchecked")
        var authors = (List<String>) b.js("return Array.from(document.querySelectorAll('#search-results .jc-hit-author'))"
                + ".map(function (a) { return a.textContent; });");
        assertEquals(List.of(bob.displayName()), authors);
        assertTrue(b.find("#search-results .jc-hit-text").getText().contains("bob says"));
        assertTrue(b.inViewport("#search-results .jc-hit"));
        b.screenshot("filters-3-results-" + size);

        // A date filter: its hint; a bad date: the server's 400 in the results area.
        input.clear();
        input.sendKeys(word + " before:");
        b.until(d -> d.findElement(By.id("search-filter-hint")).isDisplayed());
        assertTrue(b.find("#search-filter-hint").getText().contains("YYYY-MM-DD"));
        assertTrue(b.inViewport("#search-filter-hint"));
        b.screenshot("filters-4-date-hint-" + size);
        input.sendKeys("2026-13-45", Keys.ENTER);
        b.waitForText("#search-status", "not a date (YYYY-MM-DD): before:2026-13-45");
        assertTrue(b.inViewport("#search-status"), "the refusal is on screen");
        assertTrue(b.find("#search-panel").getAttribute("class").contains("jc-search-failed"));
        assertEquals(0, b.driver.findElements(By.cssSelector("#search-results .jc-hit")).size());
        b.screenshot("filters-5-bad-date-" + size);

        // Escape closes the list first, the results after.
        input.clear();
        input.sendKeys("has:");
        waitForOption(b, "has:file");
        input.sendKeys(Keys.ESCAPE);
        b.until(d -> d.findElement(By.id("search-suggestions")).getAttribute("hidden") != null);
        assertTrue(b.find("#search-panel").getAttribute("hidden") == null, "the results stay after the list closed");

        // The help lists the filters.
        b.click("#search-help-toggle");
        b.until(d -> d.findElement(By.id("search-help")).isDisplayed());
        assertTrue(b.inViewport("#search-help"), "the help is on screen");
        String help = b.find("#search-help").getText();
        for (String filter : List.of("from:", "in:", "before:", "after:", "on:", "has:file|link", "is:thread|pinned")) {
            assertTrue(help.contains(filter), filter + " in the help: " + help);
        }
        b.screenshot("filters-6-help-" + size);
        b.click("#search-help-toggle");
        b.until(d -> !d.findElement(By.id("search-help")).isDisplayed());
    }

    /** The suggestions in another language: its keywords (and the English ones) offered, its values picked. */
    void inLanguage(Browser b, String lang, String typed, String keyword, String value, String size) throws Exception {
        String name = TestData.uniqueLogin("flang");
        long room = new RoomsOverApi(api).publicRoom(ann, name, null, bob);
        b.driver.get(base + "app/home.xhtml?lang=" + lang + "&room=" + room);
        b.waitForText("#room-name", name);
        if (b.box("#search-input")[3] <= b.box("#search-input")[2]) {
            b.click("#search-toggle");
        }
        var input = b.find("#search-input");
        input.sendKeys(typed);
        waitForOption(b, keyword + ":");
        input.sendKeys(Keys.TAB);
        waitForOption(b, keyword + ":" + value);
        assertTrue(b.inViewport("#search-suggestions"));
        b.screenshot("filters-7-" + lang + "-" + size);
        b.click("#search-help-toggle");
        b.until(d -> d.findElement(By.id("search-help")).isDisplayed());
        assertTrue(b.find("#search-help").getText().contains(keyword + ":"), b.find("#search-help").getText());
        b.screenshot("filters-8-help-" + lang + "-" + size);
        b.click("#search-help-toggle");
    }

    @Test
    void onADesktopFiltersAreSuggestedPickedAndRefused() throws Exception {
        if (desk == null) {
            desk = new Browser("filters-desk", 1280, 800);
            desk.signIn(base.toString(), ann.login());
        }
        fromBobAndAWord(desk, "desktop", false);
        inLanguage(desk, "uk", "ма", "має", "файл", "desktop");
        inLanguage(desk, "ru", "эт", "это", "ветка", "desktop");
    }

    @Test
    void onAPhoneFiltersAreSuggestedPickedAndRefused() throws Exception {
        if (phone == null) {
            phone = new Browser("filters-phone", 390, 844);
            phone.signIn(base.toString(), ann.login());
        }
        fromBobAndAWord(phone, "phone", true);
        inLanguage(phone, "ru", "по", "после", "", "phone");
        inLanguage(phone, "uk", "ц", "це", "гілка", "phone");
    }
}
