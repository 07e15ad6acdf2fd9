package org.jointchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Avatar initials take whole characters: never half of an emoji (a surrogate pair) or a letter without its accent. */
class ProfilePageTest {

    @Test
    void theFirstCharacterIsTakenWhole() {
        assertEquals("😀", ProfilePage.firstGrapheme("😀x"));
        assertEquals("О", ProfilePage.firstGrapheme("Оля"));
        assertEquals("e\u0301", ProfilePage.firstGrapheme("e\u0301mile"));
        assertEquals("", ProfilePage.firstGrapheme(""));
    }
}
