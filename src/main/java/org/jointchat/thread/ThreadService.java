package org.jointchat.thread;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jointchat.account.UserRef;
import org.jointchat.message.ChatError;
import org.jointchat.message.ChatException;
import org.jointchat.message.ChatMessage;
import org.jointchat.message.MessageJson;
import org.jointchat.message.MessageService;
import org.jointchat.message.MessageStore;
import org.jointchat.message.MessagesCommitted;
import org.jointchat.platform.Jdbc;

/**
 * Reading threads and following them (issue 22, item 1). Members only (others as for reading the room: NOT_MEMBER /
 * NOT_FOUND). A seq that names a reply means its thread's root. Who follows automatically is decided where replies
 * are written ({@code message.ThreadReplies}); here a user follows or unfollows by hand and moves their read mark.
 * A follower's unread replies are the thread's replies after their read mark that others wrote and that are not
 * deleted; only threads in rooms the user is still a member of count.
 */
@ApplicationScoped
public class ThreadService {

    private static final Logger LOG = Logger.getLogger(ThreadService.class.getName());

    public static final int PAGE_MAX = MessageService.PAGE_MAX;

    /** A page of a thread: its root, replies oldest first, and the cursor for older replies (null: none). */
    public record ThreadPage(ChatMessage root, List<ChatMessage> items, Long next) {
    }

    /** One of the caller's followed threads. */
    public record FollowedThread(long room, String roomName, ChatMessage root, int replies, Instant lastReplyAt, long unread) {
    }

    /** A page of followed threads, latest activity first; {@code next} is the cursor of the following page, or null. */
    public record FollowedPage(List<FollowedThread> items, String next) {
    }

    /** Replies after the follower's read mark that someone else wrote, for {@code thread_follows tf}. */
    private static final String UNREAD = """
            (SELECT count(*) FROM messages x WHERE x.room_id = tf.room_id AND x.thread_seq = tf.root_seq
                AND x.seq > tf.last_read_seq AND x.author_id <> tf.user_id AND x.deleted_at IS NULL)""";

    @Inject
    Jdbc jdbc;

    @Inject
    MessageService messages;

    @Inject
    MessageStore store;

    @Inject
    Event<ThreadNews> news;

    @Resource
    ManagedExecutorService executor;

    /** The thread under seq: its root and the newest {@code limit} replies before {@code before} (null: the newest), oldest first. */
    public ThreadPage page(UserRef reader, long roomId, long seq, Long before, int limit) {
        messages.requireMember(reader, roomId);
        var root = root(roomId, seq);
        int n = Math.max(1, Math.min(PAGE_MAX, limit));
        var items = store.threadBefore(roomId, root.seq(), before == null ? Long.MAX_VALUE : before, n + 1);
        if (items.size() > n) {
            items = items.subList(1, items.size());
            return new ThreadPage(root, items, items.get(0).seq());
        }
        return new ThreadPage(root, items, null);
    }

    /** The caller follows the thread (true) or no longer does (false); their sockets are told. */
    public void follow(UserRef user, long roomId, long seq, boolean following) {
        messages.requireMember(user, roomId);
        var root = root(roomId, seq);
        jdbc.update("""
                INSERT INTO thread_follows (room_id, root_seq, user_id, following) VALUES (?, ?, ?, ?)
                ON CONFLICT (room_id, root_seq, user_id) DO UPDATE SET following = EXCLUDED.following""",
                roomId, root.seq(), user.id(), following);
        tell(user, roomId, root.seq());
    }

    /** The caller has read the thread up to seq (a mark only moves forward); their sockets are told. */
    public void read(UserRef user, long roomId, long seq, long upTo) {
        messages.requireMember(user, roomId);
        if (upTo < 0) {
            throw new ChatException(ChatError.INVALID, "seq must be a message's seq");
        }
        var root = root(roomId, seq);
        // Reading a thread one does not follow keeps the mark without following it.
        jdbc.update("""
                INSERT INTO thread_follows (room_id, root_seq, user_id, following, last_read_seq) VALUES (?, ?, ?, false, ?)
                ON CONFLICT (room_id, root_seq, user_id) DO UPDATE SET last_read_seq = GREATEST(thread_follows.last_read_seq, EXCLUDED.last_read_seq)""",
                roomId, root.seq(), user.id(), upTo);
        tell(user, roomId, root.seq());
    }

    /** The caller's followed threads (in rooms they are in), latest activity first, from the cursor {@code before} on. */
    public FollowedPage followed(UserRef user, String before, int limit) {
        int n = Math.max(1, Math.min(100, limit));
        var cursor = Cursor.parse(before);
        record Row(long room, long root, String roomName, int replies, Instant lastReplyAt, long unread, Cursor cursor) {
        }
        var rows = jdbc.list("""
                SELECT tf.room_id, tf.root_seq, r.name, m.thread_replies, m.thread_last_reply_at, %s,
                       coalesce(m.thread_last_reply_at, m.sent_at) AS activity
                  FROM thread_follows tf JOIN memberships mb ON mb.room_id = tf.room_id AND mb.user_id = tf.user_id
                  JOIN rooms r ON r.id = tf.room_id JOIN messages m ON m.room_id = tf.room_id AND m.seq = tf.root_seq
                 WHERE tf.user_id = ? AND tf.following
                   AND (coalesce(m.thread_last_reply_at, m.sent_at), tf.room_id, tf.root_seq) < (?, ?, ?)
                 ORDER BY activity DESC, tf.room_id DESC, tf.root_seq DESC LIMIT ?""".formatted(UNREAD),
                row -> new Row(row.getLong(1), row.getLong(2), row.getString(3), row.getInt(4), instant(row.getObject(5, OffsetDateTime.class)),
                        row.getLong(6), new Cursor(row.getObject(7, OffsetDateTime.class), row.getLong(1), row.getLong(2))),
                user.id(), cursor.activity(), cursor.room(), cursor.seq(), n + 1);
        boolean more = rows.size() > n;
        var page = more ? rows.subList(0, n) : rows;
        // One query per thread for its root: a page is short, and MessageStore renders a message one way only.
        var items = page.stream()
                .map(r -> store.one(r.room(), r.root()).map(m -> new FollowedThread(r.room(), r.roomName(), m, r.replies(), r.lastReplyAt(), r.unread())))
                .flatMap(Optional::stream)
                .toList();
        return new FollowedPage(items, more ? page.get(page.size() - 1).cursor().toString() : null);
    }

    /** Per room of the user's: the unread replies of the threads they follow there (rooms without any left out). */
    public Map<Long, Long> unreadByRoom(long userId) {
        var result = new HashMap<Long, Long>();
        jdbc.list("""
                SELECT t.room_id, sum(t.n) FROM (SELECT tf.room_id, %s AS n FROM thread_follows tf
                  JOIN memberships mb ON mb.room_id = tf.room_id AND mb.user_id = tf.user_id
                 WHERE tf.user_id = ? AND tf.following) t GROUP BY t.room_id""".formatted(UNREAD),
                row -> result.put(row.getLong(1), row.getLong(2)), userId);
        result.values().removeIf(v -> v == 0);
        return result;
    }

    /**
     * On the writer's thread, right after a batch's commit: its thread replies' followers are told on the pool (the
     * writer does not wait for them). One thread at a time is told, so a later count never arrives before an earlier one.
     */
    void repliesCommitted(@Observes MessagesCommitted batch) {
        LinkedHashSet<String> threads = null;
        for (var m : batch.created()) {
            if (m.thread() != null) {
                if (threads == null) {
                    threads = new LinkedHashSet<>();
                }
                threads.add(m.roomId() + "/" + m.thread());
            }
        }
        if (threads == null) {
            return;
        }
        var touched = List.copyOf(threads);
        executor.execute(() -> {
            synchronized (this) {
                for (var thread : touched) {
                    var parts = thread.split("/");
                    try {
                        tellFollowers(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Could not tell the followers of thread " + thread, e);
                    }
                }
            }
        });
    }

    private void tellFollowers(long roomId, long rootSeq) {
        jdbc.list(newsQuery("tf.following"), ThreadService::news, roomId, rootSeq).forEach(news::fire);
    }

    private void tell(UserRef user, long roomId, long rootSeq) {
        jdbc.one(newsQuery("tf.user_id = ?"), ThreadService::news, roomId, rootSeq, user.id()).ifPresent(news::fire);
    }

    private static String newsQuery(String who) {
        return """
                SELECT u.login, tf.room_id, tf.root_seq, m.thread_replies, %s, m.thread_last_reply_at, tf.following
                  FROM thread_follows tf JOIN users u ON u.id = tf.user_id
                  JOIN memberships mb ON mb.room_id = tf.room_id AND mb.user_id = tf.user_id
                  JOIN messages m ON m.room_id = tf.room_id AND m.seq = tf.root_seq
                 WHERE tf.room_id = ? AND tf.root_seq = ? AND %s""".formatted(UNREAD, who);
    }

    private static ThreadNews news(java.sql.ResultSet row) throws java.sql.SQLException {
        return new ThreadNews(row.getString(1), row.getLong(2), row.getLong(3), row.getInt(4), row.getLong(5),
                MessageJson.time(instant(row.getObject(6, OffsetDateTime.class))), row.getBoolean(7));
    }

    /** The thread's root: the message itself, or the root of the reply it names; NOT_FOUND for none or a system line. */
    private ChatMessage root(long roomId, long seq) {
        var message = store.one(roomId, seq).orElseThrow(() -> new ChatException(ChatError.NOT_FOUND, "no such message"));
        if (message.thread() != null) {
            message = store.one(roomId, message.thread()).orElseThrow(() -> new ChatException(ChatError.NOT_FOUND, "no such message"));
        }
        if (message.isSystem()) {
            throw new ChatException(ChatError.NOT_FOUND, "a system line has no thread");
        }
        return message;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** Where a page of followed threads goes on: below (activity, room, root seq). Written "activity_room_seq". */
    record Cursor(OffsetDateTime activity, long room, long seq) {

        static final Cursor FIRST = new Cursor(OffsetDateTime.parse("9999-12-31T00:00:00Z"), Long.MAX_VALUE, Long.MAX_VALUE);

        static Cursor parse(String text) {
            if (text == null || text.isBlank()) {
                return FIRST;
            }
            var parts = text.split("_");
            try {
                if (parts.length == 3) {
                    return new Cursor(OffsetDateTime.parse(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
                }
            } catch (DateTimeParseException | NumberFormatException e) {
                // refused below
            }
            throw new ChatException(ChatError.INVALID, "before: not a cursor from a page of threads");
        }

        @Override
        public String toString() {
            return activity.toInstant() + "_" + room + "_" + seq;
        }
    }
}
