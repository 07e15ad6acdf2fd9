package org.jointchat.bench;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;

/**
 * Full-text search over a large history ({@code GET /api/v1/search/messages}).
 *
 * <p>With {@code --seed N} the history is first brought to N seeded messages, by SQL (COPY), never
 * through the API: general plus 200 rooms {@code bsearch-001…200} (5 large, many small; every fifth one
 * private, every tenth one a private room no searching user is in), 3,000 authors {@code bsa-00001…} (plain
 * rows with a real password hash, members of their rooms), text of English, Russian and Ukrainian words
 * drawn with Zipf frequencies plus a few unique tokens, per-room {@code seq} 1..n, {@code version}
 * following it, {@code rooms.last_seq}/{@code last_version} raised; then {@code VACUUM ANALYZE}. Seeding is
 * additive: a second run with a larger N adds the difference, with the same N it adds nothing.
 *
 * <p>Then U registered users {@code bench-search-001…} (from "general only" to "member of most rooms")
 * search concurrently for T seconds (or Q queries): common, middle and rare words, unique tokens, two and
 * three words, prefixes and words that occur nowhere, in the three languages, a quarter of them limited
 * to one room. Every {@code --check-every}-th answer is checked: each hit is in a room the user belongs
 * to ({@code GET /api/v1/rooms}), in {@code room} when given, not deleted, newest first, its highlights
 * inside its text; rooms the user is not in answer 404.
 */
final class SearchBench {

    static final String ROOM_PREFIX = "bsearch-";
    static final String AUTHOR_PREFIX = "bsa-";
    static final String CLIENT_PREFIX = "bs-";
    /** The seed's shape by default: 200 rooms besides general, 3,000 authors. */
    static final int ROOMS = 200;
    static final int AUTHORS = 3000;
    private static final int[] LARGE = {2500, 1800, 1200, 800, 500};
    /** Shares of the messages: general, the five large rooms, all small rooms together (percent). */
    private static final double GENERAL_SHARE = 25;
    private static final double[] LARGE_SHARE = {12, 9, 7, 4, 3};
    private static final double SMALL_SHARE = 40;
    /** Seconds between two seeded messages on average: a million span about 23 days. */
    private static final long INTERVAL_MILLIS = 2000;

    /** The groups whose p99 every result reports (-1 when a run had none). */
    private static final List<String> KINDS = List.of("common", "mid", "uncommon", "rare", "token", "two", "three", "prefix", "miss",
            "en", "ru", "uk", "scope_all", "scope_room");

    /** With --filters true: the filter kinds whose p99 the result (search-filters.csv) reports (-1 when a run had none). */
    private static final List<String> FILTER_KINDS = List.of("filter_from", "filter_in", "filter_has_file", "filter_has_link",
            "filter_dates", "filter_is_pinned", "filter_is_thread", "filter_combined", "filters_alone", "filters_with_words", "unfiltered");

    private final Bench bench;

    private final int roomCount;
    private final int authorCount;
    /** Queries per second in all (0: each thread as fast as answers come). */
    private final int rate;
    /** --filters true: half the queries carry filters (SearchFilterQueries); is:thread only when threads exist (V11). */
    private boolean filters;
    private boolean threads;
    /** The seeded history's first and last days (UTC), which the date filters ask for. */
    private java.time.LocalDate firstDay;
    private java.time.LocalDate lastDay;

    SearchBench(Bench bench, int roomCount, int authorCount, int rate) {
        this.bench = bench;
        this.roomCount = roomCount;
        this.authorCount = authorCount;
        this.rate = rate;
    }

    // ---- the shape of the seeded history ----

    static String roomName(int i) {
        return String.format("%s%03d", ROOM_PREFIX, i);
    }

    static String authorLogin(int i) {
        return String.format("%s%05d", AUTHOR_PREFIX, i);
    }

    int members(int room) {
        return Math.min(authorCount, room <= LARGE.length ? LARGE[room - 1] : Math.max(3, 600 / (room - 3)));
    }

    static boolean isPrivate(int room) {
        return room % 5 == 0;
    }

    /** Private rooms none of the searching users is in (the "never others" check). */
    static boolean nobodysRoom(int room) {
        return room % 10 == 0;
    }

    /** 0 English, 1 Russian, 2 Ukrainian, -1 mixed. */
    static int language(int room) {
        if (room == 0) {
            return -1;
        }
        if (room <= LARGE.length) {
            return new int[] {0, 1, 2, -1, 1}[room - 1];
        }
        return new int[] {0, 1, 2, -1}[room % 4];
    }

    /** The first author (0-based) of a room's contiguous range of members. */
    int authorOffset(int room) {
        return (int) ((room * 7919L) % authorCount);
    }

    /**
     * Whether searcher s (1-based, of n) is a member of room i: searcher 1 is in general only, the last one
     * in most rooms; never in the rooms {@link #nobodysRoom} names.
     */
    static boolean joins(int s, int n, int room) {
        if (nobodysRoom(room)) {
            return false;
        }
        double reach = n == 1 ? 1 : (s - 1) / (double) (n - 1);
        double p = room <= LARGE.length ? 0.9 : isPrivate(room) ? 0.3 : 0.5;
        return new SplittableRandom(room * 1_000_003L + s).nextDouble() < reach * p;
    }

    /** Cumulative message shares over rooms 0 (general) … roomCount. */
    double[] cumulativeShares() {
        var share = new double[roomCount + 1];
        share[0] = GENERAL_SHARE;
        for (int i = 1; i <= Math.min(LARGE.length, roomCount); i++) {
            share[i] = LARGE_SHARE[i - 1];
        }
        double small = 0;
        for (int i = LARGE.length + 1; i <= roomCount; i++) {
            small += Math.pow(i - LARGE.length, -0.8);
        }
        for (int i = LARGE.length + 1; i <= roomCount; i++) {
            share[i] = SMALL_SHARE * Math.pow(i - LARGE.length, -0.8) / small;
        }
        var cumulative = new double[roomCount + 1];
        double sum = 0;
        for (int i = 0; i <= roomCount; i++) {
            sum += share[i];
            cumulative[i] = sum;
        }
        for (int i = 0; i <= roomCount; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    /** Rank 0..n-1 with probability ∝ 1/(rank+1). */
    static int zipf(SplittableRandom random, int n) {
        return Math.min(n - 1, (int) Math.floor(Math.pow(n + 1, random.nextDouble())) - 1);
    }

    // ---- seeding ----

    /** Brings the seeded history to N messages (adds the difference; first removes it all when asked); returns the seconds. */
    double seed(int messages, boolean reseed, List<Bench.User> searchers) throws Exception {
        long t0 = System.nanoTime();
        try (var c = bench.database()) {
            c.setAutoCommit(false);
            if (reseed) {
                unseed(c);
                c.commit();
            }
            var rooms = seedRoomsAndMembers(c, searchers);
            c.commit();
            long have = count(c, "SELECT count(*) FROM messages WHERE client_id LIKE '" + CLIENT_PREFIX + "%'");
            c.commit();
            if (have < messages) {
                System.err.printf("search: seeding %,d messages (%,d there)…%n", messages - have, have);
                seedMessages(c, rooms, have, messages - have);
                c.commit();
                System.err.printf("search: copied in %.0f s; vacuum analyze…%n", (System.nanoTime() - t0) / 1e9);
            }
            c.setAutoCommit(true);
            try (var s = c.createStatement()) {
                // A bulk load leaves no visibility map and no hint bits: the first readers would pay for them.
                s.execute("VACUUM ANALYZE messages");
                s.execute("ANALYZE memberships");
                s.execute("ANALYZE rooms");
                s.execute("ANALYZE users");
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Removes the seeded history: the bench rooms (their messages go with them) and the seeded messages of
     * general, whose numbering then ends where it ended before the seed (for a bench database: a message
     * posted to general after the seed would leave a gap).
     */
    private static void unseed(Connection c) throws SQLException {
        System.err.println("search: removing the seeded history…");
        try (var s = c.createStatement()) {
            s.executeUpdate("DELETE FROM rooms WHERE name LIKE '" + ROOM_PREFIX + "%'");
            s.executeUpdate("DELETE FROM messages WHERE client_id LIKE '" + CLIENT_PREFIX + "%'");
            s.executeUpdate("""
                    UPDATE rooms r SET last_seq = coalesce((SELECT max(seq) FROM messages m WHERE m.room_id = r.id), 0),
                                       last_version = coalesce((SELECT max(version) FROM messages m WHERE m.room_id = r.id), 0)
                     WHERE r.kind = 'global'""");
        }
    }

    /** Authors, rooms and memberships (idempotent); returns room ids, index 0 = general. */
    private long[] seedRoomsAndMembers(Connection c, List<Bench.User> searchers) throws SQLException {
        String hash;
        try (var s = c.prepareStatement("SELECT password_hash FROM users WHERE login = ?")) {
            s.setString(1, searchers.get(0).login());
            try (var rows = s.executeQuery()) {
                rows.next();
                hash = rows.getString(1);
            }
        }
        try (var s = c.prepareStatement("""
                INSERT INTO users (login, display_name, password_hash)
                SELECT ? || lpad(g::text, 5, '0'), 'Author ' || g, ? FROM generate_series(1, ?) g
                ON CONFLICT (login) DO NOTHING""")) {
            s.setString(1, AUTHOR_PREFIX);
            s.setString(2, hash);
            s.setInt(3, authorCount);
            s.executeUpdate();
        }
        try (var s = c.prepareStatement("""
                INSERT INTO memberships (room_id, user_id)
                SELECT r.id, u.id FROM rooms r, users u WHERE r.kind = 'global' AND u.login LIKE ? || '%'
                ON CONFLICT DO NOTHING""")) {
            s.setString(1, AUTHOR_PREFIX);
            s.executeUpdate();
        }
        long[] authors = authorIds(c);
        try (var s = c.prepareStatement("""
                INSERT INTO rooms (name, kind, topic, owner_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            for (int i = 1; i <= roomCount; i++) {
                s.setString(1, roomName(i));
                s.setString(2, isPrivate(i) ? "private" : "public");
                s.setString(3, "Search bench room " + i + " (" + members(i) + " members)");
                s.setLong(4, authors[authorOffset(i)]);
                s.addBatch();
            }
            s.executeBatch();
        }
        var rooms = roomIds(c);
        try (var s = c.prepareStatement("INSERT INTO memberships (room_id, user_id) SELECT ?, unnest(?::bigint[]) ON CONFLICT DO NOTHING")) {
            for (int i = 1; i <= roomCount; i++) {
                var ids = new Long[members(i)];
                for (int k = 0; k < ids.length; k++) {
                    ids[k] = authors[(authorOffset(i) + k) % authorCount];
                }
                s.setLong(1, rooms[i]);
                s.setArray(2, c.createArrayOf("bigint", ids));
                s.addBatch();
            }
            s.executeBatch();
        }
        try (var s = c.prepareStatement("""
                INSERT INTO memberships (room_id, user_id) SELECT ?, id FROM users WHERE login = ? ON CONFLICT DO NOTHING""")) {
            for (int u = 1; u <= searchers.size(); u++) {
                for (int i = 1; i <= roomCount; i++) {
                    if (joins(u, searchers.size(), i)) {
                        s.setLong(1, rooms[i]);
                        s.setString(2, searchers.get(u - 1).login());
                        s.addBatch();
                    }
                }
            }
            s.executeBatch();
        }
        return rooms;
    }

    private long[] authorIds(Connection c) throws SQLException {
        var ids = new long[authorCount];
        try (var s = c.prepareStatement("SELECT login, id FROM users WHERE login LIKE ? || '%'")) {
            s.setString(1, AUTHOR_PREFIX);
            try (var rows = s.executeQuery()) {
                while (rows.next()) {
                    int i = Integer.parseInt(rows.getString(1).substring(AUTHOR_PREFIX.length()));
                    if (i >= 1 && i <= authorCount) {
                        ids[i - 1] = rows.getLong(2);
                    }
                }
            }
        }
        return ids;
    }

    /** Room ids by index: 0 = general, 1..roomCount the bench rooms (0 when missing). */
    long[] roomIds(Connection c) throws SQLException {
        var ids = new long[roomCount + 1];
        try (var s = c.createStatement(); var rows = s.executeQuery(
                "SELECT id, name, kind FROM rooms WHERE kind = 'global' OR name LIKE '" + ROOM_PREFIX + "%' ORDER BY id")) {
            while (rows.next()) {
                if (rows.getString(3).equals("global")) {
                    if (ids[0] == 0) {
                        ids[0] = rows.getLong(1);
                    }
                } else {
                    int i = Integer.parseInt(rows.getString(2).substring(ROOM_PREFIX.length()));
                    if (i >= 1 && i <= roomCount) {
                        ids[i] = rows.getLong(1);
                    }
                }
            }
        }
        return ids;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement(); var rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** COPYs {@code add} messages in time order (ids ascending with sent_at), numbering each room on. */
    private void seedMessages(Connection c, long[] rooms, long have, long add) throws Exception {
        var seq = new long[roomCount + 1];
        var version = new long[roomCount + 1];
        var firstSeq = new long[roomCount + 1];
        try (var s = c.prepareStatement("SELECT id, last_seq, last_version FROM rooms WHERE id = ANY (?) FOR UPDATE")) {
            var ids = new Long[rooms.length];
            for (int i = 0; i < rooms.length; i++) {
                ids[i] = rooms[i];
            }
            s.setArray(1, c.createArrayOf("bigint", ids));
            var byId = new HashMap<Long, long[]>();
            try (var rows = s.executeQuery()) {
                while (rows.next()) {
                    byId.put(rows.getLong(1), new long[] {rows.getLong(2), rows.getLong(3)});
                }
            }
            for (int i = 0; i < rooms.length; i++) {
                seq[i] = byId.get(rooms[i])[0];
                version[i] = byId.get(rooms[i])[1];
                firstSeq[i] = seq[i];
            }
        }
        // New messages are newer than every stored one and end about now: 2 s apart, closer when added later.
        long startMillis;
        long interval;
        try (var s = c.createStatement(); var rows = s.executeQuery("SELECT (extract(epoch FROM max(sent_at)) * 1000)::bigint FROM messages")) {
            rows.next();
            long latest = rows.getLong(1);
            long now = System.currentTimeMillis();
            startMillis = Math.max(now - add * INTERVAL_MILLIS, latest + 1000);
            interval = Math.max(2, Math.min(INTERVAL_MILLIS, (now - startMillis) / add));
        }
        long[] authors = authorIds(c);
        var shares = cumulativeShares();
        var random = new SplittableRandom(20261127L + have);
        var copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY messages (room_id, seq, version, author_id, client_id, text, sent_at, edited_at, deleted_at) FROM STDIN");
        try {
            var buffer = new StringBuilder(1 << 21);
            var text = new StringBuilder(512);
            for (long i = 0; i < add; i++) {
                int room = Arrays.binarySearch(shares, random.nextDouble());
                room = room >= 0 ? room : Math.min(roomCount, -room - 1);
                long roomSeq = ++seq[room];
                long roomVersion = ++version[room];
                int author;
                if (room == 0) {
                    author = (int) ((zipf(random, authorCount) * 7919L) % authorCount);
                } else {
                    author = (authorOffset(room) + zipf(random, members(room))) % authorCount;
                }
                long sent = startMillis + i * interval + random.nextInt((int) interval - 1);
                double fate = random.nextDouble();
                boolean deleted = fate < 0.003;
                boolean edited = !deleted && fate < 0.013;
                text.setLength(0);
                if (!deleted) {
                    messageText(random, language(room), text);
                }
                buffer.append(rooms[room]).append('\t').append(roomSeq).append('\t').append(roomVersion).append('\t')
                        .append(authors[author]).append('\t').append(CLIENT_PREFIX).append(have + i + 1).append('\t');
                escape(text, buffer);
                buffer.append('\t').append(Instant.ofEpochMilli(sent)).append('\t')
                        .append(edited ? Instant.ofEpochMilli(sent + 30_000).toString() : "\\N").append('\t')
                        .append(deleted ? Instant.ofEpochMilli(sent + 60_000).toString() : "\\N").append('\n');
                if (buffer.length() > (1 << 20)) {
                    var bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    buffer.setLength(0);
                }
                if ((i + 1) % 200_000 == 0) {
                    System.err.printf("search: %,d of %,d%n", i + 1, add);
                }
            }
            var bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        try (var s = c.prepareStatement("UPDATE rooms SET last_seq = ?, last_version = ? WHERE id = ?")) {
            for (int i = 0; i < rooms.length; i++) {
                if (seq[i] != firstSeq[i]) {
                    s.setLong(1, seq[i]);
                    s.setLong(2, version[i]);
                    s.setLong(3, rooms[i]);
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    /**
     * One message: mostly the room's language (mixed rooms: any), 2–40 words (a few paragraphs of 30–80),
     * some capitalized and punctuated, 2 % with a unique token {@code ref…} in them.
     */
    static void messageText(SplittableRandom random, int roomLanguage, StringBuilder text) {
        int language;
        if (roomLanguage < 0) {
            double l = random.nextDouble();
            language = l < 0.4 ? 0 : l < 0.75 ? 1 : 2;
        } else {
            language = random.nextDouble() < 0.9 ? roomLanguage : random.nextInt(3);
        }
        var words = SearchWords.ALL.get(language);
        int n = random.nextDouble() < 0.03 ? 30 + random.nextInt(51) : 2 + Math.min(38, (int) (-Math.log(1 - random.nextDouble()) * 7));
        int token = random.nextDouble() < 0.02 ? random.nextInt(n) : -1;
        for (int w = 0; w < n && text.length() < 3900; w++) {
            if (w > 0) {
                text.append(random.nextDouble() < 0.07 ? ", " : " ");
            }
            if (w == token) {
                text.append("ref").append(Long.toString(1_000_000_000L + (random.nextLong() & 0xFFFFFFFFFFL), 36));
                continue;
            }
            // 6 % of the words from the language's long tail: most of those occur a few times in a million messages.
            String word = random.nextDouble() < 0.06 ? SearchWords.tail(language, zipf(random, SearchWords.TAIL))
                    : words.get(zipf(random, words.size()));
            if (w == 0 && random.nextDouble() < 0.5) {
                text.appendCodePoint(Character.toUpperCase(word.codePointAt(0))).append(word, Character.charCount(word.codePointAt(0)),
                        word.length());
            } else {
                text.append(word);
            }
        }
        double end = random.nextDouble();
        text.append(end < 0.4 ? "" : end < 0.7 ? "." : end < 0.9 ? "?" : "!");
    }

    private static void escape(CharSequence text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    /**
     * For --filters: some seeded messages get what the filters look for (idempotent, by id): a link in every 200th, a
     * file in every 250th, a pin on every 1,000th, and (when threads exist, migration V11) every 500th a reply in a
     * thread under the message before it. Returns whether threads exist.
     */
    private boolean seedFilterData() throws SQLException {
        try (var c = bench.database(); var s = c.createStatement()) {
            System.err.println("search: links, files, pins (and threads) for the filters…");
            s.executeUpdate("""
                    UPDATE messages SET text = text || ' https://example.org/r/' || id
                     WHERE client_id LIKE 'bs-%' AND id % 200 = 7 AND deleted_at IS NULL AND text NOT LIKE '%https://example.org/r/%'""");
            s.executeUpdate("""
                    INSERT INTO attachments (room_id, uploader_id, message_id, name, content_type, size, data)
                    SELECT m.room_id, m.author_id, m.id, 'notes-' || m.id || '.txt', 'text/plain', 5, convert_to('bench', 'UTF8')
                      FROM messages m WHERE m.client_id LIKE 'bs-%' AND m.id % 250 = 11 AND m.deleted_at IS NULL
                       AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.message_id = m.id)""");
            s.executeUpdate("""
                    INSERT INTO pins (room_id, seq, pinned_by) SELECT room_id, seq, author_id FROM messages
                     WHERE client_id LIKE 'bs-%' AND id % 1000 = 13 AND deleted_at IS NULL ON CONFLICT DO NOTHING""");
            boolean threads;
            try (var rows = s.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = 'messages'"
                    + " AND column_name IN ('thread_seq', 'thread_replies')")) {
                rows.next();
                threads = rows.getInt(1) == 2;
            }
            if (threads) {
                s.executeUpdate("""
                        UPDATE messages SET thread_seq = seq - 1
                         WHERE client_id LIKE 'bs-%' AND id % 500 = 17 AND seq > 1 AND deleted_at IS NULL AND thread_seq IS NULL""");
                s.executeUpdate("""
                        UPDATE messages r SET thread_replies = 1 FROM messages m
                         WHERE m.client_id LIKE 'bs-%' AND m.thread_seq IS NOT NULL AND r.room_id = m.room_id AND r.seq = m.thread_seq
                           AND r.thread_replies = 0""");
            }
            s.execute("VACUUM ANALYZE messages");
            s.execute("ANALYZE attachments");
            s.execute("ANALYZE pins");
            return threads;
        }
    }

    // ---- searching ----

    /** A searching user: the rooms GET /rooms lists, and the bench rooms among them for room= queries. */
    private record Searcher(Bench.User user, Set<Long> rooms, List<Long> scopes, List<String> roomNames) {
    }

    /** One query of the mix. */
    record Query(String kind, String q, long room) {
    }

    /** Queries and their outcome, for one run. */
    private static final class Run {
        final long[] latencies;
        final String[] kinds;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger checked = new AtomicInteger();
        /** Answers whose hits were checked (checked also counts the 404/400 probes after the run). */
        final AtomicInteger answers = new AtomicInteger();
        final AtomicLong hits = new AtomicLong();
        final AtomicInteger empty = new AtomicInteger();
        final AtomicInteger unmatchedHighlights = new AtomicInteger();
        final AtomicInteger highlights = new AtomicInteger();
        final Map<String, Integer> violations = new ConcurrentHashMap<>();
        final Map<String, Integer> errorCauses = new ConcurrentHashMap<>();

        Run(int capacity) {
            latencies = new long[capacity];
            kinds = new String[capacity];
        }

        void violation(String what, String detail) {
            if (violations.merge(what, 1, Integer::sum) <= 3) {
                System.err.println("search: violation " + what + ": " + detail);
            }
        }
    }

    /** Seeds (when asked), then U users search with C threads for T s or Q queries. */
    Bench.Result search(int seed, boolean reseed, int userCount, int concurrency, int seconds, int maxQueries, int limit,
            int checkEvery) throws Exception {
        var users = bench.users("search", userCount);
        double seedSeconds = seed > 0 ? seed(seed, reseed, users) : 0;
        filters = Boolean.parseBoolean(bench.option("filters", "false"));
        if (filters) {
            long t0 = System.nanoTime();
            threads = seedFilterData();
            seedSeconds += (System.nanoTime() - t0) / 1e9;
        }
        long total;
        long seeded;
        long[] rooms;
        var tokens = new ArrayList<String>();
        try (var c = bench.database()) {
            total = count(c, "SELECT sum(last_seq) FROM rooms");
            seeded = count(c, "SELECT count(*) FROM messages WHERE client_id LIKE '" + CLIENT_PREFIX + "%'");
            try (var s = c.createStatement(); var rows = s.executeQuery("SELECT min(sent_at AT TIME ZONE 'UTC')::date,"
                    + " max(sent_at AT TIME ZONE 'UTC')::date FROM messages WHERE client_id LIKE '" + CLIENT_PREFIX + "%'")) {
                rows.next();
                var today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
                firstDay = rows.getDate(1) == null ? today : rows.getDate(1).toLocalDate();
                lastDay = rows.getDate(2) == null ? today : rows.getDate(2).toLocalDate();
            }
            rooms = roomIds(c);
            // Unique tokens to look for: each is in one message (which the searcher may or may not see).
            try (var s = c.createStatement(); var rows = s.executeQuery("""
                    SELECT substring(text FROM 'ref[0-9a-z]{6,}') FROM messages TABLESAMPLE SYSTEM (5) REPEATABLE (7)
                     WHERE client_id LIKE 'bs-%' AND text LIKE '%ref%' LIMIT 500""")) {
                while (rows.next()) {
                    if (rows.getString(1) != null) {
                        tokens.add(rows.getString(1));
                    }
                }
            }
        }
        if (seeded == 0) {
            throw new IllegalStateException("no seeded search history: run with --seed 1000000 first");
        }
        var searchers = new ArrayList<Searcher>();
        var visible = new long[users.size()];
        for (int u = 0; u < users.size(); u++) {
            var user = users.get(u);
            var listed = bench.get("api/v1/rooms", user.token());
            if (listed.statusCode() != 200) {
                throw new IllegalStateException("GET /rooms failed: " + listed.body());
            }
            var mine = new HashSet<Long>();
            var scopes = new ArrayList<Long>();
            var names = new ArrayList<String>();
            for (var room : array(listed.body())) {
                var r = room.asJsonObject();
                long id = r.getJsonNumber("id").longValue();
                mine.add(id);
                if (r.getString("kind").equals("global") || r.getString("name").startsWith(ROOM_PREFIX)) {
                    scopes.add(id);
                    names.add(r.getString("name"));
                }
                visible[u] += r.getJsonNumber("lastSeq").longValue();
            }
            searchers.add(new Searcher(user, mine, scopes, names));
        }
        var sortedVisible = visible.clone();
        Arrays.sort(sortedVisible);
        System.err.printf("search: %,d messages (%,d seeded); %d users see %,d … %,d (median %,d); %d tokens sampled%n", total,
                seeded, users.size(), sortedVisible[0], sortedVisible[sortedVisible.length - 1],
                sortedVisible[sortedVisible.length / 2], tokens.size());

        // Warm-up (not counted): the same mix, other queries.
        if (bench.warmupSeconds() > 0) {
            drive(searchers, tokens, new Run(1_000_000), concurrency, bench.warmupSeconds(), 1_000_000, limit, 0, 1_000_000_000L);
        }
        var server = bench.server();
        double cpu0 = server.cpuSeconds();
        double load0 = loadAverage();
        var run = new Run(maxQueries);
        double runSeconds = drive(searchers, tokens, run, concurrency, seconds, maxQueries, limit, checkEvery, 0);
        double cpu = server.cpuSeconds() - cpu0;
        negativeChecks(searchers, rooms, run);

        int n = run.done.get();
        var all = Arrays.copyOf(run.latencies, n);
        var p = Bench.percentiles(all);
        // Every query counts under its kind with language and scope (the breakdown printed), its kind, its
        // language and its scope (the p99_* metrics, always the same columns).
        var groups = new TreeMap<String, List<Long>>();
        for (int i = 0; i < n; i++) {
            String kind = run.kinds[i];
            if (filters) {
                // Filtered queries count under each filter they carry, alone or with words; the rest as unfiltered.
                for (var key : SearchFilterQueries.groups(kind)) {
                    groups.computeIfAbsent(key, k -> new ArrayList<>()).add(run.latencies[i]);
                }
                if (kind.startsWith(SearchFilterQueries.PREFIX)) {
                    continue;
                }
            }
            String bare = kind.replace("@room", "");
            var keys = new ArrayList<>(List.of(kind, "kind_" + bare.replaceAll("-(en|ru|uk)$", ""),
                    kind.endsWith("@room") ? "scope_room" : "scope_all"));
            if (bare.matches(".*-(en|ru|uk)$")) {
                keys.add("lang_" + bare.substring(bare.length() - 2));
            }
            for (var key : keys) {
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(run.latencies[i]);
            }
        }
        var breakdown = new StringBuilder("search: p50/p95/p99/max ms:");
        var p99 = new LinkedHashMap<String, Object>();
        for (var key : KINDS) {
            p99.put("p99_" + key, -1L);
        }
        if (filters) {
            FILTER_KINDS.forEach(key -> p99.put("p99_" + key, -1L));
        }
        groups.forEach((key, list) -> {
            var q = Bench.percentiles(list.stream().mapToLong(Long::longValue).toArray());
            breakdown.append(String.format("%n  %-18s n=%-6d %5d %5d %5d %6d", key, list.size(), q[0], q[1], q[2], q[3]));
            String name = key.replaceFirst("^(kind|lang)_", "");
            if (p99.containsKey("p99_" + name)) {
                p99.put("p99_" + name, q[2]);
            }
        });
        System.err.println(breakdown);
        int violations = run.violations.values().stream().mapToInt(Integer::intValue).sum();
        var metrics = Bench.metrics("queries", n, "errors", run.errors.get(), "checked", run.checked.get(), "violations", violations,
                "violation_kinds", run.violations.toString().replace(',', ';'), "error_causes", run.errorCauses.toString().replace(',', ';'),
                "queries_per_s", Bench.round(n / runSeconds), "p50_ms", p[0], "p95_ms", p[1], "p99_ms", p[2], "max_ms", p[3],
                "hits_per_query", run.answers.get() == 0 ? 0 : Bench.round(run.hits.get() / (double) run.answers.get()),
                "empty_pct", run.answers.get() == 0 ? 0 : Bench.round(100.0 * run.empty.get() / run.answers.get()),
                "unmatched_highlight_pct", run.highlights.get() == 0 ? 0
                        : Bench.round(100.0 * run.unmatchedHighlights.get() / run.highlights.get()),
                "server_cpu_s", Bench.round(cpu), "load_1m_before", load0, "load_1m_after", loadAverage(),
                "seed_s", Bench.round(seedSeconds));
        metrics.putAll(p99);
        return bench.record(new Bench.Result(filters ? "search-filters" : "search", Bench.metrics("messages", total, "users", userCount,
                "concurrency", concurrency, "seconds", seconds, "limit", limit, "rate", rate), metrics));
    }

    /** Runs queries until the time or the count is up; returns the seconds it ran. */
    private double drive(List<Searcher> searchers, List<String> tokens, Run run, int concurrency, int seconds, int maxQueries,
            int limit, int checkEvery, long seedOffset) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        long interval = rate > 0 ? TimeUnit.SECONDS.toNanos(1) / rate : 0;
        for (int t = 0; t < concurrency; t++) {
            pool.execute(() -> {
                for (int i; System.nanoTime() < deadline && (i = run.next.getAndIncrement()) < maxQueries; ) {
                    if (interval > 0) {
                        long wait = start + i * interval - System.nanoTime();
                        if (wait > 0) {
                            try {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    }
                    var searcher = searchers.get(i % searchers.size());
                    var random = new SplittableRandom(seedOffset + i * 0x9E3779B97F4A7C15L);
                    var query = filters && random.nextBoolean()
                            ? SearchFilterQueries.query(random, searcher.roomNames(), authorCount, threads, firstDay, lastDay)
                            : query(random, searcher.scopes(), tokens);
                    String path = "api/v1/search/messages?q=" + URLEncoder.encode(query.q(), StandardCharsets.UTF_8) + "&limit=" + limit
                            + (query.room() > 0 ? "&room=" + query.room() : "");
                    long t0 = System.nanoTime();
                    String body = null;
                    int status;
                    try {
                        var response = bench.get(path, searcher.user().token());
                        status = response.statusCode();
                        body = response.body();
                    } catch (RuntimeException e) {
                        status = -1;
                        run.errorCauses.merge(String.valueOf(e.getCause() == null ? e : e.getCause()), 1, Integer::sum);
                    }
                    long latency = System.nanoTime() - t0;
                    if (i < run.latencies.length) {
                        run.latencies[i] = latency;
                        run.kinds[i] = query.kind() + (query.room() > 0 ? "@room" : "");
                    }
                    if (status != 200) {
                        run.errors.incrementAndGet();
                        if (status > 0) {
                            run.errorCauses.merge("http " + status, 1, Integer::sum);
                            if (run.errorCauses.get("http " + status) <= 3) {
                                System.err.println("search: " + status + " for " + path + ": " + body);
                            }
                        }
                    } else if (checkEvery > 0 && i % checkEvery == 0) {
                        check(run, searcher, query, limit, body);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        // Queries are numbered in the order taken, and every one taken below maxQueries was finished.
        run.done.set(Math.min(run.next.get(), maxQueries));
        return (System.nanoTime() - start) / 1e9;
    }

    /** One query of the mix for this searcher: its kind (with the language) and whether it names a room. */
    static Query query(SplittableRandom random, List<Long> scopes, List<String> tokens) {
        int language = random.nextInt(3);
        // The server searches for words of two letters or more (a one-letter query is a 400).
        var words = SearchWords.QUERYABLE.get(language);
        double k = random.nextDouble();
        String kind;
        String q;
        if (k < 0.25) {
            kind = "common";
            q = words.get(random.nextInt(10));
        } else if (k < 0.40) {
            kind = "mid";
            q = words.get(10 + random.nextInt(70));
        } else if (k < 0.45) {
            kind = "uncommon";
            q = words.get(words.size() - 1 - random.nextInt(60));
        } else if (k < 0.50) {
            kind = "rare";
            q = SearchWords.tail(language, 1000 + random.nextInt(SearchWords.TAIL - 1000));
        } else if (k < 0.55 && !tokens.isEmpty()) {
            kind = "token";
            q = tokens.get(random.nextInt(tokens.size()));
        } else if (k < 0.72) {
            kind = "two";
            q = words.get(random.nextInt(30)) + " " + words.get(10 + random.nextInt(110));
        } else if (k < 0.77) {
            kind = "three";
            q = words.get(random.nextInt(30)) + " " + words.get(10 + random.nextInt(110)) + " " + words.get(30 + random.nextInt(150));
        } else if (k < 0.95) {
            kind = "prefix";
            String word;
            do {
                word = words.get(random.nextInt(150));
            } while (word.length() < 5);
            q = word.substring(0, 3 + random.nextInt(Math.min(3, word.length() - 3)));
        } else {
            kind = "miss";
            q = "zq" + Long.toString(1_000_000L + random.nextInt(1 << 30), 36);
        }
        if (!kind.equals("token") && !kind.equals("miss")) {
            kind += "-" + SearchWords.LANGUAGES.get(language);
        }
        long room = random.nextDouble() < 0.25 && !scopes.isEmpty() ? scopes.get(random.nextInt(scopes.size())) : 0;
        return new Query(kind, q, room);
    }

    /** Checks one answer: rooms, order, deletions, highlights. */
    private static void check(Run run, Searcher searcher, Query query, int limit, String body) {
        run.checked.incrementAndGet();
        run.answers.incrementAndGet();
        JsonObject page;
        try {
            page = Bench.json(body);
        } catch (RuntimeException e) {
            run.violation("not-json", body);
            return;
        }
        var items = page.getJsonArray("items");
        if (items == null) {
            run.violation("no-items", body);
            return;
        }
        if (items.size() > limit) {
            run.violation("over-limit", items.size() + " > " + limit);
        }
        if (items.isEmpty()) {
            run.empty.incrementAndGet();
        }
        run.hits.addAndGet(items.size());
        var words = Arrays.stream(query.q().toLowerCase(Locale.ROOT).replace('ё', 'е').split("\\s+")).toList();
        Instant previous = null;
        for (var value : items) {
            var hit = value.asJsonObject();
            long room = hit.getJsonNumber("room").longValue();
            String where = "q=" + query.q() + " user=" + searcher.user().login() + " room=" + room + " seq=" + hit.get("seq");
            if (!searcher.rooms().contains(room)) {
                run.violation("foreign-room", where);
            }
            if (query.room() > 0 && room != query.room()) {
                run.violation("outside-room-param", where + " asked " + query.room());
            }
            if (hit.getBoolean("deleted", false)) {
                run.violation("deleted-hit", where);
            }
            var sentAt = instant(hit.getString("sentAt"));
            if (previous != null && sentAt.isAfter(previous)) {
                run.violation("not-newest-first", where + " " + sentAt + " after " + previous);
            }
            previous = sentAt;
            String text = hit.getString("text", "");
            JsonArray highlights = hit.getJsonArray("highlights");
            if (highlights == null) {
                run.violation("no-highlights-field", where);
                continue;
            }
            for (var h : highlights) {
                if (h.getValueType() != JsonValue.ValueType.ARRAY || h.asJsonArray().size() != 2) {
                    run.violation("highlight-shape", where + " " + h);
                    continue;
                }
                int s = ((JsonNumber) h.asJsonArray().get(0)).intValue();
                int e = ((JsonNumber) h.asJsonArray().get(1)).intValue();
                if (s < 0 || s >= e || e > text.length()) {
                    run.violation("highlight-outside-text", where + " [" + s + "," + e + "] of " + text.length());
                    continue;
                }
                run.highlights.incrementAndGet();
                // Soft: the highlighted word should begin like one of the query's words (stemming changes endings).
                String marked = text.substring(s, e).toLowerCase(Locale.ROOT).replace('ё', 'е');
                boolean like = words.stream().anyMatch(w -> marked.startsWith(w.substring(0, Math.min(3, w.length())))
                        || w.startsWith(marked));
                if (!like && run.unmatchedHighlights.incrementAndGet() <= 3) {
                    System.err.println("search: highlight \"" + text.substring(s, e) + "\" for q=" + query.q() + " in: " + text);
                }
            }
        }
    }

    /** Rooms the users are not in answer 404 (never their hits); a query without a word answers 400. */
    private void negativeChecks(List<Searcher> searchers, long[] rooms, Run run) {
        for (var searcher : searchers) {
            for (int i = 10; i <= roomCount; i += 70) {
                if (rooms[i] == 0 || searcher.rooms().contains(rooms[i])) {
                    continue;
                }
                var response = bench.get("api/v1/search/messages?q=the&room=" + rooms[i], searcher.user().token());
                run.checked.incrementAndGet();
                if (response.statusCode() != 404) {
                    run.violation("other-room-not-404", searcher.user().login() + " room " + rooms[i] + ": " + response.statusCode()
                            + " " + response.body());
                }
            }
        }
        var blank = bench.get("api/v1/search/messages?q=%20%20", searchers.get(0).user().token());
        run.checked.incrementAndGet();
        if (blank.statusCode() != 400) {
            run.violation("blank-q-not-400", blank.statusCode() + " " + blank.body());
        }
    }

    /** The machine's 1-minute load average (-1 when unknown): the machine may be shared; figures are only as quiet as it. */
    static double loadAverage() {
        try {
            return Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.OffsetDateTime.parse(text).toInstant();
        }
    }

    private static JsonArray array(String body) {
        try (var reader = Bench.JSON.createReader(new StringReader(body))) {
            return reader.readArray();
        }
    }
}
