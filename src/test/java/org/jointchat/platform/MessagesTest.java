package org.jointchat.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Plural forms by language, as the bundles' ICU-style messages ask for them. */
class MessagesTest {

    private static final Locale RU = Locale.forLanguageTag("ru");
    private static final Locale UK = Locale.forLanguageTag("uk");

    @Test
    void englishHasOneAndOther() {
        assertEquals("1 member", Messages.get(Locale.ENGLISH, "rooms.memberCount", 1));
        assertEquals("2 members", Messages.get(Locale.ENGLISH, "rooms.memberCount", 2));
        assertEquals("0 members", Messages.get(Locale.ENGLISH, "rooms.memberCount", 0));
        assertEquals("1,001 members", Messages.get(Locale.ENGLISH, "rooms.memberCount", 1001));
    }

    @Test
    void russianHasOneFewMany() {
        assertEquals("1 участник", Messages.get(RU, "rooms.memberCount", 1));
        assertEquals("3 участника", Messages.get(RU, "rooms.memberCount", 3));
        assertEquals("5 участников", Messages.get(RU, "rooms.memberCount", 5));
        assertEquals("11 участников", Messages.get(RU, "rooms.memberCount", 11));
        assertEquals("21 участник", Messages.get(RU, "rooms.memberCount", 21));
        assertEquals("22 участника", Messages.get(RU, "rooms.memberCount", 22));
        assertEquals("112 участников", Messages.get(RU, "rooms.memberCount", 112));
    }

    @Test
    void ukrainianHasOneFewMany() {
        assertEquals("1 учасник", Messages.get(UK, "rooms.memberCount", 1));
        assertEquals("4 учасники", Messages.get(UK, "rooms.memberCount", 4));
        assertEquals("14 учасників", Messages.get(UK, "rooms.memberCount", 14));
        assertEquals("101 учасник", Messages.get(UK, "rooms.memberCount", 101));
    }

    @Test
    void anExactFormWinsAndTextAroundIsKept() {
        assertEquals("none here, ok", Messages.plurals("{0, plural, =0 {none} one {# one} other {# many}} here, ok", Locale.ENGLISH, 0));
        assertEquals("{0,number,integer} one", Messages.plurals("{0, plural, one {# one} other {# many}}", Locale.ENGLISH, 1));
    }

    @Test
    void serverErrorsComeInThePageLanguage() {
        assertEquals("Комната с таким названием уже есть.", Messages.get(RU, "room.error.nameTaken"));
        assertEquals("Кімната з такою назвою вже є.", Messages.get(UK, "room.error.nameTaken"));
    }
}
