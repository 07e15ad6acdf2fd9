package org.jointchat.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import org.jointchat.api.ProblemType;
import org.jointchat.message.SearchQuery.Filter;
import org.jointchat.message.SearchQuery.Has;
import org.jointchat.message.SearchQuery.Is;
import org.junit.jupiter.api.Test;

class SearchQueryTest {

    static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    @Test
    void plainWordsHaveNoFilters() {
        var q = SearchQuery.parse("release  plans");
        assertEquals("release plans", q.text());
        assertFalse(q.hasFilters());
    }

    @Test
    void everyEnglishFilter() {
        assertEquals("ann", SearchQuery.parse("from:ann").from());
        assertEquals("ann", SearchQuery.parse("from:@ann").from(), "a mention-like @ is dropped");
        assertEquals("general", SearchQuery.parse("in:general").room());
        assertEquals("general", SearchQuery.parse("in:#general").room());
        assertEquals(DAY, SearchQuery.parse("before:2026-03-14").before());
        assertEquals(DAY, SearchQuery.parse("after:2026-03-14").after());
        assertEquals(DAY, SearchQuery.parse("on:2026-03-14").on());
        assertEquals(Set.of(Has.FILE), SearchQuery.parse("has:file").has());
        assertEquals(Set.of(Has.LINK), SearchQuery.parse("HAS:Link").has(), "keywords and values in any case");
        assertEquals(Set.of(Is.THREAD), SearchQuery.parse("is:thread").is());
        assertEquals(Set.of(Is.PINNED), SearchQuery.parse("is:pinned").is());
        assertTrue(SearchQuery.parse("is:pinned").hasFilters());
    }

    @Test
    void combinedWithWordsAndEachOther() {
        var q = SearchQuery.parse("deploy from:bob in:ops after:2026-03-01 before:2026-03-14 has:file has:link notes");
        assertEquals("deploy notes", q.text());
        assertEquals("bob", q.from());
        assertEquals("ops", q.room());
        assertEquals(LocalDate.of(2026, 3, 1), q.after());
        assertEquals(DAY, q.before());
        assertEquals(Set.of(Has.FILE, Has.LINK), q.has());
        var only = SearchQuery.parse("from:bob has:file");
        assertEquals("", only.text(), "filters alone are a query");
        assertTrue(only.hasFilters());
    }

    @Test
    void quotedValuesHoldSpaces() {
        var q = SearchQuery.parse("budget in:\"release plans\" from:ann");
        assertEquals("release plans", q.room());
        assertEquals("budget", q.text());
        assertEquals("ann", q.from());
        assertEquals("release plans", SearchQuery.parse("in:\"release plans").room(), "an unclosed quote runs to the end");
    }

    @Test
    void wordsWithColonsThatAreNoFiltersStayWords() {
        var q = SearchQuery.parse("see https://example.org at 10:30 re:budget");
        assertEquals("see https://example.org at 10:30 re:budget", q.text());
        assertFalse(q.hasFilters());
    }

    @Test
    void russian() {
        var q = SearchQuery.parse("отчёт от:ann в:\"планы релиза\" после:2026-03-01 до:2026-03-14 есть:файл есть:ссылка это:ветка");
        assertEquals("отчёт", q.text());
        assertEquals("ann", q.from());
        assertEquals("планы релиза", q.room());
        assertEquals(LocalDate.of(2026, 3, 1), q.after());
        assertEquals(DAY, q.before());
        assertEquals(Set.of(Has.FILE, Has.LINK), q.has());
        assertEquals(Set.of(Is.THREAD), q.is());
        assertEquals(DAY, SearchQuery.parse("дата:2026-03-14").on());
        assertEquals(Set.of(Is.PINNED), SearchQuery.parse("это:закреплено").is());
    }

    @Test
    void ukrainian() {
        var q = SearchQuery.parse("звіт від:ann у:загальна після:2026-03-01 до:2026-03-14 має:файл має:посилання це:закріплено");
        assertEquals("звіт", q.text());
        assertEquals("ann", q.from());
        assertEquals("загальна", q.room());
        assertEquals(LocalDate.of(2026, 3, 1), q.after());
        assertEquals(DAY, q.before());
        assertEquals(Set.of(Has.FILE, Has.LINK), q.has());
        assertEquals(Set.of(Is.PINNED), q.is());
        assertEquals(Set.of(Is.THREAD), SearchQuery.parse("це:гілка").is());
        assertEquals(DAY, SearchQuery.parse("дата:2026-03-14").on());
    }

    @Test
    void everyFilterHasAKeywordInEachLanguage() {
        for (var filter : Filter.values()) {
            assertTrue(SearchQuery.keywordsOf(filter).size() >= 2, filter + ": " + SearchQuery.keywordsOf(filter));
        }
        assertEquals(java.util.List.of("from", "от", "від"), SearchQuery.keywordsOf(Filter.FROM));
    }

    @Test
    void badValuesNameTheOffendingToken() {
        bad("before:2026-02-30", "not a date");
        bad("on:yesterday", "not a date");
        bad("after:2026-3-1", "not a date");
        bad("has:image", "has: takes file or link");
        bad("is:starred", "is: takes thread or pinned");
        bad("from:", "needs a value");
        bad("in:\"\"", "needs a value");
        bad("from:ann from:bob", "once");
        var refusal = assertThrows(SearchQuery.BadFilter.class, () -> SearchQuery.parse("word дата:2026-13-01"));
        assertEquals("дата:2026-13-01", refusal.token());
        assertEquals(ProblemType.VALIDATION, refusal.problemType());
        assertEquals("q", refusal.problemFields(Locale.ENGLISH).get(0).field());
    }

    static void bad(String query, String why) {
        var refusal = assertThrows(SearchQuery.BadFilter.class, () -> SearchQuery.parse(query), query);
        assertTrue(refusal.getMessage().contains(why), refusal.getMessage());
        assertTrue(refusal.getMessage().endsWith(refusal.token()), refusal.getMessage());
        assertNull(refusal.until());
    }
}
