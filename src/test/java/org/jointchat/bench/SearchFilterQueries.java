package org.jointchat.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The filtered half of the search bench's mix ({@code --filters true}, issue 22, item 8): from:, in:, has:file,
 * has:link, dates, is:pinned, is:thread (when threads exist), alone, with words and combined, in the three languages'
 * keywords. A kind names its filters joined by "+" ("+w": with words), e.g. {@code f:from+in+w}.
 */
final class SearchFilterQueries {

    static final String PREFIX = "f:";

    private static final String[][] FROM = {{"from", "от", "від"}};
    private static final String[] IN = {"in", "в", "у"};
    private static final String[] HAS = {"has", "есть", "має"};
    private static final String[] FILE = {"file", "файл", "файл"};
    private static final String[] LINK = {"link", "ссылка", "посилання"};
    private static final String[] AFTER = {"after", "после", "після"};
    private static final String[] BEFORE = {"before", "до", "до"};
    private static final String[] ON = {"on", "дата", "дата"};
    private static final String[] IS = {"is", "это", "це"};
    private static final String[] PINNED = {"pinned", "закреплено", "закріплено"};
    private static final String[] THREAD = {"thread", "ветка", "гілка"};

    private SearchFilterQueries() {
    }

    /** One filtered query for a searcher (its bench rooms' names), authors as seeded. */
    static SearchBench.Query query(SplittableRandom random, List<String> roomNames, int authors, boolean threads, LocalDate firstDay,
            LocalDate lastDay) {
        int language = random.nextInt(3);
        var words = SearchWords.QUERYABLE.get(language);
        String word = random.nextDouble() < 0.5 ? words.get(random.nextInt(10)) : words.get(10 + random.nextInt(110));
        String from = FROM[0][language] + ":" + SearchBench.authorLogin(1 + (int) ((SearchBench.zipf(random, authors) * 7919L) % authors));
        String in = IN[language] + ":" + (roomNames.isEmpty() ? "general" : roomNames.get(random.nextInt(roomNames.size())));
        // A day of the seeded history (which may span days or, added after other data, only hours).
        var day = firstDay.plusDays(random.nextInt((int) (lastDay.toEpochDay() - firstDay.toEpochDay()) + 1));
        double k = random.nextDouble();
        String kind;
        String q;
        if (k < 0.10) {
            kind = "from+w";
            q = word + " " + from;
        } else if (k < 0.16) {
            kind = "from";
            q = from;
        } else if (k < 0.26) {
            kind = "in+w";
            q = in + " " + word;
        } else if (k < 0.31) {
            kind = "in";
            q = in;
        } else if (k < 0.37) {
            kind = "has_file";
            q = HAS[language] + ":" + FILE[language];
        } else if (k < 0.43) {
            kind = "has_file+w";
            q = word + " " + HAS[language] + ":" + FILE[language];
        } else if (k < 0.49) {
            kind = "has_link";
            q = HAS[language] + ":" + LINK[language];
        } else if (k < 0.55) {
            kind = "has_link+w";
            q = word + " " + HAS[language] + ":" + LINK[language];
        } else if (k < 0.63) {
            kind = "dates+w";
            q = word + " " + AFTER[language] + ":" + day.minusDays(2) + " " + BEFORE[language] + ":" + day.plusDays(1);
        } else if (k < 0.67) {
            kind = "dates";
            q = ON[language] + ":" + day;
        } else if (k < 0.73) {
            kind = "is_pinned";
            q = IS[language] + ":" + PINNED[language];
        } else if (k < 0.77) {
            kind = "is_pinned+in";
            q = in + " " + IS[language] + ":" + PINNED[language];
        } else if (k < 0.83 && threads) {
            kind = "is_thread";
            q = IS[language] + ":" + THREAD[language];
        } else if (k < 0.92) {
            kind = "from+in+w";
            q = word + " " + from + " " + in;
        } else {
            kind = "has_link+dates+w";
            q = word + " " + HAS[language] + ":" + LINK[language] + " " + AFTER[language] + ":" + day.minusDays(1);
        }
        return new SearchBench.Query(PREFIX + kind, q, 0);
    }

    /** The groups a query's latency counts in: each of its filters, combined, alone or with words; unfiltered. */
    static List<String> groups(String kind) {
        var groups = new ArrayList<String>();
        if (!kind.startsWith(PREFIX)) {
            groups.add("unfiltered");
            return groups;
        }
        groups.add(kind);
        var parts = List.of(kind.substring(PREFIX.length()).split("\\+"));
        int filters = 0;
        for (var part : parts) {
            if (!part.equals("w")) {
                groups.add("filter_" + part);
                filters++;
            }
        }
        if (filters > 1) {
            groups.add("filter_combined");
        }
        groups.add(parts.contains("w") ? "filters_with_words" : "filters_alone");
        return groups;
    }
}
