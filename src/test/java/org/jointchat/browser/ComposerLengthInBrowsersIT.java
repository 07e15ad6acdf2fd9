package org.jointchat.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jointchat.support.AgainstTheServer;
import org.jointchat.support.TestData;
import org.jointchat.support.TestUser;
import org.junit.jupiter.api.Test;

/**
 * The composer's length (issue 21, item 6), as a person sees it at both sizes: a counter near the 4,000-character
 * limit, a line saying a long paste was cut (not a silent cut), an input that grows with the text, then shrinks
 * back after sending.
 */
class ComposerLengthInBrowsersIT extends AgainstTheServer {

    /** Pastes the text into the composer as the browser's paste does (a paste event with the clipboard's text). */
    static void paste(Browser browser, String text) {
        browser.js("var t = document.getElementById('composer-text'); t.focus(); t.setSelectionRange(0, t.value.length);"
                + "var data = new DataTransfer(); data.setData('text/plain', arguments[0]);"
                + "var e = new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true});"
                + "if (t.dispatchEvent(e)) { t.setRangeText(arguments[0].slice(0, t.maxLength), 0, t.value.length, 'end');"
                + " t.dispatchEvent(new Event('input', {bubbles: true})); }", text);
    }

    /** browser.find waits for a visible element: the hidden counter is asked about directly. */
    static boolean counterHidden(Browser browser) {
        return Boolean.TRUE.equals(browser.js("return document.getElementById('composer-count').hidden;"));
    }

    static double height(Browser browser) {
        return ((Number) browser.js("return document.getElementById('composer-text').getBoundingClientRect().height;")).doubleValue();
    }

    long room(TestUser owner) {
        return new RoomsOverApi(api).publicRoom(owner, TestData.uniqueLogin("cl"), null);
    }

    @Test
    void aLongPasteIsCutWithALineSayingSoTheCounterShowsNearTheLimitAndTheInputGrowsOnADesktop() throws Exception {
        var ann = TestUser.register(api, "clann", "Ann Length");
        long room = room(ann);
        try (var browser = new Browser("composer-length-desktop", 1280, 800)) {
            check(browser, ann, room, "en", "127 characters left", "0 characters left",
                    "100 characters did not fit", "Limit reached");
        }
    }

    @Test
    void theSameOnAPhoneInRussian() throws Exception {
        var ann = TestUser.register(api, "clphone", "Ann Phone");
        long room = room(ann);
        try (var browser = new Browser("composer-length-phone", 390, 844)) {
            check(browser, ann, room, "ru", "Осталось 127 символов", "Осталось 0 символов",
                    "100 символов не поместились", "Достигнут предел");
        }
    }

    void check(Browser browser, TestUser who, long room, String lang, String typedLeft, String noneLeft, String cut,
            String limit) throws Exception {
        browser.signIn(base.toString(), who.login());
        browser.driver.get(base + "app/home.xhtml?lang=" + lang + "&room=" + room);
        browser.waitForText("#room-name", "cl");
        var input = browser.find("#composer-text");
        double oneLine = height(browser);
        assertTrue(counterHidden(browser), "no counter for a short text");

        // Typed near the limit: the counter appears, on screen, with what is left.
        browser.js("var t = document.getElementById('composer-text'); t.value = 'a'.repeat(3870);"
                + "t.dispatchEvent(new Event('input', {bubbles: true}));");
        input.sendKeys("bcd");
        browser.waitForText("#composer-count", typedLeft);
        assertTrue(browser.inViewport("#composer-count"), "the counter is on screen");

        // A paste of 4,100 characters: 4,000 are kept and the composer says 100 did not fit.
        paste(browser, "x".repeat(4100));
        browser.waitForText("#composer-error", cut);
        assertTrue(browser.inViewport("#composer-error"), "the line about the cut paste is on screen");
        browser.waitForText("#composer-count", noneLeft);
        assertTrue(browser.inViewport("#composer-count"), "the counter is on screen");
        assertTrue(Boolean.TRUE.equals(browser.js(
                "return document.getElementById('composer-count').classList.contains('jc-composer-count-full');")), "error style at 0");
        assertTrue(String.valueOf(browser.js("return document.getElementById('composer-limit').textContent;")).contains(limit),
                "the limit is announced politely");
        assertEquals(4000L, browser.js("return document.getElementById('composer-text').value.length;"));

        // The input grew (at most 40 % of the screen, then it scrolls) and stays on screen with the Send button.
        double grown = height(browser);
        double screen = ((Number) browser.js("return innerHeight;")).doubleValue();
        assertTrue(grown > oneLine + 20, "the composer grew: " + oneLine + " -> " + grown);
        assertTrue(grown <= screen * 0.4 + 1, "at most 40% of the screen: " + grown + " of " + screen);
        assertTrue(browser.inViewport("#composer-text"), "the input is on screen");
        assertTrue(browser.inViewport("#send"), "Send is on screen");
        browser.screenshot("composer-length-full");

        // Typing more changes nothing; sending empties the input, which shrinks back, and the counter goes.
        input.sendKeys("zz");
        assertEquals(4000L, browser.js("return document.getElementById('composer-text').value.length;"));
        browser.click("#send");
        browser.until(d -> "".equals(browser.js("return document.getElementById('composer-text').value;")));
        browser.until(d -> Math.abs(height(browser) - oneLine) < 1);
        assertTrue(counterHidden(browser), "the counter is gone after sending");
        browser.waitForText("#message-list", "xxxxxxxxxx");
    }
}
