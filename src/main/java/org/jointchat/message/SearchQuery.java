package org.jointchat.message;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A search query split into its free words and its filters ({@code from:ann in:"release plans" has:file …}),
 * in English, Russian and Ukrainian ({@link #KEYWORDS}, {@link #VALUES}: one table, which the page can also
 * suggest from). A word that looks like {@code key:value} but whose key is no filter (a URL, {@code 10:30})
 * stays a word. Bad values are a {@link BadFilter} naming the offending token. Pure: no database, no container.
 *
 * <p>{@code is:thread} is a thread's reply or a root with replies; {@code is:pinned} a pinned message
 * ({@link SearchConditions}).
 */
public record SearchQuery(String text, String from, String room, LocalDate before, LocalDate after, LocalDate on,
        Set<Has> has, Set<Is> is) {

    /** The kinds of filter. */
    public enum Filter { FROM, IN, BEFORE, AFTER, ON, HAS, IS }

    /** The values of {@code has:}. */
    public enum Has { FILE, LINK }

    /** The values of {@code is:}. */
    public enum Is { THREAD, PINNED }

    /** The languages of {@link #WORDS}, in the order of its columns. */
    public static final List<String> LANGUAGES = List.of("en", "ru", "uk");

    /**
     * The one table of the filters' words: each filter and each value of {@code has:}/{@code is:} with its word in
     * en, ru, uk (lower case, without the colon). The parser reads {@link #KEYWORDS} and {@link #VALUES} made from it;
     * the chat page suggests from it (web/SearchFilterWords).
     */
    public static final Map<Enum<?>, List<String>> WORDS = words(
            Filter.FROM, "from", "от", "від",
            Filter.IN, "in", "в", "у",
            Filter.BEFORE, "before", "до", "до",
            Filter.AFTER, "after", "после", "після",
            Filter.ON, "on", "дата", "дата",
            Filter.HAS, "has", "есть", "має",
            Filter.IS, "is", "это", "це",
            Has.FILE, "file", "файл", "файл",
            Has.LINK, "link", "ссылка", "посилання",
            Is.THREAD, "thread", "ветка", "гілка",
            Is.PINNED, "pinned", "закреплено", "закріплено");

    /** Every filter keyword (lower case, without the colon) in en, ru, uk. */
    public static final Map<String, Filter> KEYWORDS = lookup(Filter.class);

    /** The words {@code has:} and {@code is:} take (lower case), in en, ru, uk. */
    public static final Map<String, Enum<?>> VALUES = lookup(null);

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    /** A filter the query cannot mean: 400 problem+json whose detail and error name the token. */
    public static final class BadFilter extends ChatException {
        private final String token;

        BadFilter(String token, String why) {
            super(ChatError.INVALID, "q: " + why + ": " + token);
            this.token = token;
        }

        public String token() {
            return token;
        }

        @Override
        public List<org.jointchat.api.Problem.FieldProblem> problemFields(Locale locale) {
            return List.of(new org.jointchat.api.Problem.FieldProblem("q", getMessage()));
        }
    }

    /** True when some filter narrows the search (then no word is needed). */
    public boolean hasFilters() {
        return from != null || room != null || before != null || after != null || on != null || !has.isEmpty() || !is.isEmpty();
    }

    /** The query's words and filters; a {@link BadFilter} for a filter with a bad, missing or repeated value. */
    public static SearchQuery parse(String query) {
        var words = new StringBuilder();
        String from = null;
        String room = null;
        LocalDate before = null;
        LocalDate after = null;
        LocalDate on = null;
        var has = EnumSet.noneOf(Has.class);
        var is = EnumSet.noneOf(Is.class);
        String q = query == null ? "" : query;
        int i = 0;
        while (i < q.length()) {
            if (Character.isWhitespace(q.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int colon = -1;
            while (i < q.length() && !Character.isWhitespace(q.charAt(i)) && q.charAt(i) != ':') {
                i++;
            }
            if (i < q.length() && q.charAt(i) == ':') {
                colon = i;
            }
            Filter filter = colon > start ? KEYWORDS.get(q.substring(start, colon).toLowerCase(Locale.ROOT)) : null;
            if (filter == null) {
                // A word (or several: key:value that is no filter, e.g. a URL): up to the next space.
                while (i < q.length() && !Character.isWhitespace(q.charAt(i))) {
                    i++;
                }
                words.append(words.isEmpty() ? "" : " ").append(q, start, i);
                continue;
            }
            // The value: "quoted, with spaces" (to the closing quote or the end) or up to the next space.
            i = colon + 1;
            String value;
            if (i < q.length() && q.charAt(i) == '"') {
                int close = q.indexOf('"', i + 1);
                int end = close < 0 ? q.length() : close;
                value = q.substring(i + 1, end).strip();
                i = close < 0 ? q.length() : close + 1;
            } else {
                int end = i;
                while (end < q.length() && !Character.isWhitespace(q.charAt(end))) {
                    end++;
                }
                value = q.substring(i, end);
                i = end;
            }
            String token = q.substring(start, i);
            if (value.isEmpty()) {
                throw new BadFilter(token, "the filter needs a value");
            }
            switch (filter) {
                case FROM -> from = once(from, value.startsWith("@") ? value.substring(1) : value, token);
                case IN -> room = once(room, value.startsWith("#") ? value.substring(1) : value, token);
                case BEFORE -> before = once(before, date(value, token), token);
                case AFTER -> after = once(after, date(value, token), token);
                case ON -> on = once(on, date(value, token), token);
                case HAS -> {
                    if (!(VALUES.get(value.toLowerCase(Locale.ROOT)) instanceof Has h)) {
                        throw new BadFilter(token, "has: takes file or link");
                    }
                    has.add(h);
                }
                case IS -> {
                    if (!(VALUES.get(value.toLowerCase(Locale.ROOT)) instanceof Is x)) {
                        throw new BadFilter(token, "is: takes thread or pinned");
                    }
                    is.add(x);
                }
            }
        }
        return new SearchQuery(words.toString(), from, room, before, after, on, Set.copyOf(has), Set.copyOf(is));
    }

    private static <T> T once(T earlier, T value, String token) {
        if (earlier != null) {
            throw new BadFilter(token, "each filter but has: and is: may be given once");
        }
        return value;
    }

    private static LocalDate date(String value, String token) {
        try {
            return LocalDate.parse(value, DATE);
        } catch (DateTimeParseException e) {
            throw new BadFilter(token, "not a date (YYYY-MM-DD)");
        }
    }

    private static Map<Enum<?>, List<String>> words(Object... rows) {
        var map = new LinkedHashMap<Enum<?>, List<String>>();
        for (int k = 0; k < rows.length; k += 4) {
            map.put((Enum<?>) rows[k], List.of((String) rows[k + 1], (String) rows[k + 2], (String) rows[k + 3]));
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** Word -> filter (type Filter) or word -> value (type null: the values of has: and is:), from {@link #WORDS}. */
    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> lookup(Class<?> type) {
        var map = new LinkedHashMap<String, V>();
        WORDS.forEach((meaning, inLanguages) -> {
            if ((meaning instanceof Filter) == (type != null)) {
                inLanguages.forEach(word -> map.putIfAbsent(word, (V) meaning));
            }
        });
        return java.util.Collections.unmodifiableMap(map);
    }

    /** Lists for a caller (tests, later the page's suggestions): the keywords of one filter. */
    public static List<String> keywordsOf(Filter filter) {
        var result = new ArrayList<String>();
        KEYWORDS.forEach((k, f) -> {
            if (f == filter) {
                result.add(k);
            }
        });
        return result;
    }
}
