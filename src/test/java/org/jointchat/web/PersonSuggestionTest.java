package org.jointchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The settings page's people suggestions look like the chat page's avatars (issue 21, item 12). */
class PersonSuggestionTest {

    @Test
    void initialsAreTheFirstLettersOfTheFirstAndLastWords() {
        assertEquals("AL", new PersonSuggestion("ann", "Ann Marie Lee").initials());
        assertEquals("Б", new PersonSuggestion("bob", "боб").initials());
        assertEquals("C", new PersonSuggestion("carol", " ").initials(), "no name: the login's");
        assertEquals("😀", new PersonSuggestion("emoji", "😀 smile").initials().substring(0, 2));
    }

    @Test
    void theColourIsTheLoginsAsTheChatPagePicksIt() {
        // dom.js: hash = (hash * 31 + charCode) | 0 over the login, then |hash| % 12 of the palette's avatar colours.
        int hash = 0;
        for (char c : "apbob-1234".toCharArray()) {
            hash = hash * 31 + c;
        }
        long n = Math.abs((long) hash);
        assertEquals("var(--jc-avatar-" + n % 12 + ", hsl(" + n % 360 + ", 55%, 45%))", new PersonSuggestion("apbob-1234", "Bob").color());
    }
}
