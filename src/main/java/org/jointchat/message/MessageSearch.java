package org.jointchat.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jointchat.account.UserRef;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.platform.Database;
import org.jointchat.platform.DatabaseException;
import org.jointchat.platform.Jdbc;
import org.jointchat.platform.SlidingWindow;

/**
 * Full-text search over the rooms a user belongs to, newest first. Each word of the query matches a
 * message word with the same Russian/English stem ('russian' configuration: Snowball Russian for Cyrillic,
 * English for Latin words), or that starts with it as written ('simple' configuration, prefix): the latter
 * covers Ukrainian, for which PostgreSQL has no stemmer, and partly typed words. Both live in one stored
 * tsvector with a GIN index (migration V5). Filters in the query ({@link SearchQuery}: {@code from:}, {@code in:},
 * dates, {@code has:}, {@code is:}) narrow it further ({@link SearchConditions}); filters alone need no word.
 */
@ApplicationScoped
public class MessageSearch {

    public static final int LIMIT_MAX = 50;
    public static final int QUERY_MAX = 200;
    private static final int WORDS_MAX = 8;
    /** Prefix matching starts at three letters: shorter prefixes match too much of the index to be fast. */
    private static final int PREFIX_MIN = 3;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final char START = '\u0001';
    private static final char STOP = '\u0002';
    /** Message text never holds these control characters (MessageRules), so they can mark matches. */
    private static final String HEADLINE = "StartSel=" + START + ",StopSel=" + STOP + ",HighlightAll=true";

    /** A message that matched, with its room's name and the matched ranges of its text (UTF-16 offsets). */
    public record Hit(ChatMessage message, String roomName, List<int[]> highlights) {
    }

    /** A page of hits; {@code next} is the {@code before} of the next page (null on the last). */
    public record Page(List<Hit> items, Long next) {
    }

    /** A search the database gave up on: cancelled after this long, so that one query cannot hold it. */
    private static final int TIMEOUT_SECONDS = 3;
    private static final String QUERY_CANCELED = "57014";

    @Inject
    Jdbc jdbc;

    @Inject
    @ConfigProperty(name = "jointchat.search.rate.queries", defaultValue = "20")
    int maxQueries;

    @Inject
    @ConfigProperty(name = "jointchat.search.rate.window", defaultValue = "PT10S")
    Duration window;

    private final SlidingWindow searches = new SlidingWindow();

    @Inject
    MessageService messages;

    /** The words of a query that are searched for, lower-cased, at most eight; a ChatException when none. */
    static List<String> words(String query) {
        checkLength(query);
        var words = wordsOf(query);
        if (words.isEmpty()) {
            throw new ChatException(ChatError.INVALID, "q: search for a word of at least two letters or digits");
        }
        return words;
    }

    private static void checkLength(String query) {
        if (query == null || query.isBlank()) {
            throw new ChatException(ChatError.INVALID, "q: say what to search for");
        }
        if (query.length() > QUERY_MAX) {
            throw new ChatException(ChatError.TOO_LONG, "q: at most " + QUERY_MAX + " characters");
        }
    }

    /** The searched words of a text, possibly none. */
    private static List<String> wordsOf(String text) {
        var words = new LinkedHashSet<String>();
        var matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find() && words.size() < WORDS_MAX) {
            if (matcher.group().length() >= 2) {
                words.add(matcher.group());
            }
        }
        return List.copyOf(words);
    }

    public Page search(UserRef user, String query, Long roomId, int limit, Long before) {
        checkLength(query);
        var filters = SearchQuery.parse(query);
        // Filters alone narrow enough; without any, at least one word is needed.
        var words = filters.hasFilters() ? wordsOf(filters.text()) : words(query);
        if (roomId != null) {
            messages.requireMember(user, roomId);
        }
        if (!tryAcquire(user.id())) {
            throw new ChatException(ChatError.RATE_LIMITED, "too many searches; wait a few seconds");
        }
        int pageSize = Math.max(1, Math.min(LIMIT_MAX, limit));
        // Each word: its stem ('russian') or, as written, the word or a word it begins ('simple'). All words must match.
        var match = new StringBuilder(words.isEmpty() ? "NULL::tsquery" : "");
        var wordParameters = new ArrayList<Object>();
        for (var word : words) {
            match.append(wordParameters.isEmpty() ? "" : " && ").append("(plainto_tsquery('russian', ?) || to_tsquery('simple', ?))");
            wordParameters.add(word);
            wordParameters.add(word.length() >= PREFIX_MIN ? word + ":*" : word);
        }
        try {
            // 1. The page's ids, from messages alone, planned for these words and rooms each time (docs/benchmarks.md,
            // "Search": a generic plan, a subquery for the rooms or the wide select each made the planner choose badly).
            var ids = new StringBuilder("SELECT m.id FROM messages m WHERE m.deleted_at IS NULL AND m.system_event IS NULL");
            var parameters = new ArrayList<Object>();
            if (!words.isEmpty()) {
                ids.append(" AND m.search_vector @@ (").append(match).append(")");
                parameters.addAll(wordParameters);
            }
            String rooms;
            Object roomsParameter;
            if (roomId != null && filters.room() == null) {
                ids.append(" AND m.room_id = ?");
                parameters.add(roomId);
                rooms = "= ?";
                roomsParameter = roomId;
            } else {
                // in: is a room's name among the caller's rooms (and the room parameter's, when both are given).
                var roomIds = filters.room() == null
                        ? jdbc.list("SELECT room_id FROM memberships WHERE user_id = ?", row -> row.getLong(1), user.id())
                        : jdbc.list("SELECT mb.room_id FROM memberships mb JOIN rooms r ON r.id = mb.room_id"
                                + " WHERE mb.user_id = ? AND lower(r.name) = lower(?)", row -> row.getLong(1), user.id(), filters.room());
                if (roomId != null) {
                    roomIds = roomIds.stream().filter(roomId::equals).toList();
                }
                if (roomIds.isEmpty()) {
                    return new Page(List.of(), null);
                }
                ids.append(" AND m.room_id = ANY (?::bigint[])");
                parameters.add(roomIds.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
                rooms = "= ANY (?::bigint[])";
                roomsParameter = parameters.get(parameters.size() - 1);
            }
            SearchConditions.append(filters, rooms, roomsParameter, ids, parameters);
            // With a date filter, newest first by time: the (sent_at, id) index then starts at the span's end. In id order
            // the planner would walk every newer message back to an older day, taking the day for as rare as it is.
            boolean byTime = filters.before() != null || filters.after() != null || filters.on() != null;
            if (before != null) {
                ids.append(byTime ? " AND (m.sent_at, m.id) < (SELECT b.sent_at, b.id FROM messages b WHERE b.id = ?)" : " AND m.id < ?");
                parameters.add(before);
            }
            // Within one room, seq order is id order, and (room_id, seq) walks it newest first.
            ids.append(byTime ? " ORDER BY m.sent_at DESC, m.id DESC LIMIT ?"
                    : roomId != null && filters.room() == null ? " ORDER BY m.seq DESC LIMIT ?" : " ORDER BY m.id DESC LIMIT ?");
            parameters.add(pageSize);
            var found = jdbc.listWithin(TIMEOUT_SECONDS, true, ids.toString(), row -> row.getLong(1), parameters.toArray());
            if (found.isEmpty()) {
                return new Page(List.of(), null);
            }
            // 2. Those messages as they are now, with their rooms' names and the matched words marked.
            var page = new ArrayList<>(wordParameters);
            page.add(HEADLINE);
            page.add(HEADLINE);
            page.add(found.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
            var sql = "WITH search AS (SELECT " + match + " AS query) "
                    + MessageStore.SELECT.replace("FROM messages m", ", r.name, ts_headline('russian', m.text, search.query, ?),"
                            + " ts_headline('simple', m.text, search.query, ?) FROM search, messages m JOIN rooms r ON r.id = m.room_id")
                    + " WHERE m.id = ANY (?::bigint[]) ORDER BY " + (byTime ? "m.sent_at DESC, m.id DESC" : "m.id DESC");
            var hits = jdbc.listWithin(TIMEOUT_SECONDS, sql, MessageSearch::hit, page.toArray());
            Long next = found.size() == pageSize ? found.get(found.size() - 1) : null;
            return new Page(hits, next);
        } catch (DatabaseException e) {
            if (Database.hasSqlState(e, QUERY_CANCELED)) {
                throw new ChatException(ChatError.UNAVAILABLE, "the search took too long; add a word or choose a room");
            }
            throw e;
        }
    }

    private static Hit hit(ResultSet row) throws SQLException {
        var message = MessageStore.message(row);
        // The room's name and the two headlines follow the message's own columns.
        var ranges = new ArrayList<int[]>(ranges(message.text(), row.getString(MessageStore.COLUMNS + 2)));
        ranges.addAll(ranges(message.text(), row.getString(MessageStore.COLUMNS + 3)));
        return new Hit(message, row.getString(MessageStore.COLUMNS + 1), merged(ranges));
    }

    /** Counts one search for the user; false when over the limit (a sliding window, as for sends). */
    private boolean tryAcquire(long userId) {
        if (searches.users() > 10_000) {
            searches.forgetIdle(window);
        }
        return searches.tryAcquire(userId, maxQueries, window);
    }

    /** The marked ranges of a headline, as offsets into the text (none if the headline is not the text marked). */
    static List<int[]> ranges(String text, String headline) {
        var ranges = new ArrayList<int[]>();
        if (headline == null) {
            return ranges;
        }
        var plain = new StringBuilder(text.length());
        int start = -1;
        for (int i = 0; i < headline.length(); i++) {
            char c = headline.charAt(i);
            if (c == START) {
                start = plain.length();
            } else if (c == STOP) {
                if (start >= 0 && plain.length() > start) {
                    ranges.add(new int[] {start, plain.length()});
                }
                start = -1;
            } else {
                plain.append(c);
            }
        }
        return plain.toString().equals(text) ? ranges : new ArrayList<>();
    }

    /** Sorted, overlapping ranges joined. */
    static List<int[]> merged(List<int[]> ranges) {
        ranges.sort(Comparator.comparingInt((int[] r) -> r[0]));
        var result = new ArrayList<int[]>();
        for (var range : ranges) {
            var last = result.isEmpty() ? null : result.get(result.size() - 1);
            if (last != null && range[0] <= last[1]) {
                last[1] = Math.max(last[1], range[1]);
            } else {
                result.add(new int[] {range[0], range[1]});
            }
        }
        return result;
    }
}
