package org.jointchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.jointchat.message.SearchQuery;
import org.junit.jupiter.api.Test;

/** The page's filter words come from the parser's own table, in the view's language. */
class SearchFilterWordsTest {

    static JsonObject words(String language) {
        try (var reader = Json.createReader(new StringReader(SearchFilterWords.json(language)))) {
            return reader.readObject();
        }
    }

    @Test
    void theViewsLanguageIsSuggestedAndEveryLanguageRecognised() {
        assertEquals("от", words("ru").getJsonObject("keywords").getString("from"));
        assertEquals("має", words("uk").getJsonObject("keywords").getString("has"));
        assertEquals("pinned", words("en").getJsonObject("values").getString("pinned"));
        assertEquals("закріплено", words("uk").getJsonObject("values").getString("pinned"));
        assertEquals("en", words("de").getString("language"), "a language the table has not got: English");
        var any = words("en").getJsonObject("anyKeyword");
        assertEquals(SearchQuery.KEYWORDS.size(), any.size());
        SearchQuery.KEYWORDS.forEach((word, filter) -> assertEquals(filter.name().toLowerCase(), any.getString(word), word));
        var anyValue = words("en").getJsonObject("anyValue");
        SearchQuery.VALUES.forEach((word, value) -> assertEquals(value.name().toLowerCase(), anyValue.getString(word), word));
    }
}
