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
 * <p>{@code is:pinned} matches the messages pinned now; {@code is:thread} is understood but matches nothing until
 * threads exist (issue 22, item 1); the search then gains its condition.
 */
public record SearchQuery(String text, String from, String room, LocalDate before, LocalDate after, LocalDate on,
        Set<Has> has, Set<Is> is) {

    /** The kinds of filter. */
    public enum Filter { FROM, IN, BEFORE, AFTER, ON, HAS, IS }

    /** The values of {@code has:}. */
    public enum Has { FILE, LINK }

    /** The values of {@code is:}. */
    public enum Is { THREAD, PINNED }

    /** Every filter keyword (lower case, without the colon) in en, ru, uk. */
    public static final Map<String, Filter> KEYWORDS = table(
            "from", Filter.FROM, "от", Filter.FROM, "від", Filter.FROM,
            "in", Filter.IN, "в", Filter.IN, "у", Filter.IN,
            "before", Filter.BEFORE, "до", Filter.BEFORE,
            "after", Filter.AFTER, "после", Filter.AFTER, "після", Filter.AFTER,
            "on", Filter.ON, "дата", Filter.ON,
            "has", Filter.HAS, "есть", Filter.HAS, "має", Filter.HAS,
            "is", Filter.IS, "это", Filter.IS, "це", Filter.IS);

    /** The words {@code has:} and {@code is:} take (lower case), in en, ru, uk. */
    public static final Map<String, Enum<?>> VALUES = table(
            "file", Has.FILE, "файл", Has.FILE,
            "link", Has.LINK, "ссылка", Has.LINK, "посилання", Has.LINK,
            "thread", Is.THREAD, "ветка", Is.THREAD, "гілка", Is.THREAD,
            "pinned", Is.PINNED, "закреплено", Is.PINNED, "закріплено", Is.PINNED);

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

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> table(Object... keysAndValues) {
        var map = new LinkedHashMap<String, V>();
        for (int k = 0; k < keysAndValues.length; k += 2) {
            map.put((String) keysAndValues[k], (V) keysAndValues[k + 1]);
        }
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
