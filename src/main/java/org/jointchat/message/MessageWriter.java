package org.jointchat.message;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.account.UserRef;
import org.jointchat.platform.Database;
import org.jointchat.realtime.Fanout;

/**
 * The single writer of messages. Sends queue up here; one thread takes whatever has queued (up to a
 * batch), numbers it per room, inserts it and commits it in one transaction, and only then completes
 * the senders' futures (the acks) and publishes the messages. Under load many messages share one
 * commit (one disk flush); when idle a message is committed alone at once.
 */
@ApplicationScoped
public class MessageWriter {

    private static final Logger LOG = Logger.getLogger(MessageWriter.class.getName());
    private static final String UNIQUE_VIOLATION = "23505";

    /** A send waiting for its commit. */
    record Pending(UserRef author, long roomId, String text, String clientId, CompletableFuture<SendResult> result) {
    }

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Fanout fanout;

    @Inject
    @ConfigProperty(name = "jointchat.chat.writer.batch", defaultValue = "500")
    int maxBatch;

    @Inject
    @ConfigProperty(name = "jointchat.chat.writer.queue", defaultValue = "50000")
    int queueCapacity;

    private BlockingQueue<Pending> queue;
    private Thread worker;
    private volatile boolean running = true;
    private volatile boolean accepting = true;
    /** Sends accepted and not yet answered (queued or being written): what a stop waits for. */
    private final AtomicInteger inFlight = new AtomicInteger();

    /** Queues a send; the future completes after the commit, or fails with a ChatException. */
    public CompletableFuture<SendResult> submit(UserRef author, long roomId, String text, String clientId) {
        var pending = new Pending(author, roomId, text, clientId, new CompletableFuture<>());
        // Counted before the check, so that a stop that begins now either sees it or refuses it.
        inFlight.incrementAndGet();
        pending.result.whenComplete((result, failure) -> inFlight.decrementAndGet());
        if (!accepting) {
            pending.result.completeExceptionally(new ChatException(ChatError.UNAVAILABLE, "server stopping; resend later"));
        } else if (!started().offer(pending)) {
            pending.result.completeExceptionally(new ChatException(ChatError.UNAVAILABLE, "server busy; resend later"));
        }
        return pending.result;
    }

    /** The queue, with a live writer thread: started on first use, and again should it ever have died. */
    private synchronized BlockingQueue<Pending> started() {
        if (queue == null) {
            queue = new ArrayBlockingQueue<>(queueCapacity);
        }
        if (running && (worker == null || !worker.isAlive())) {
            if (worker != null) {
                LOG.severe("The message writer thread had died; starting a new one");
            }
            worker = threads.newThread(this::run);
            worker.setName("jointchat-message-writer");
            worker.start();
        }
        return queue;
    }

    /**
     * At shutdown: takes no more sends and waits (at most {@code limit}) until everything accepted is committed
     * and its senders have their acks; true when it all was.
     */
    public boolean drain(Duration limit) {
        accepting = false;
        long deadline = System.nanoTime() + limit.toNanos();
        while (inFlight.get() > 0 && worker != null && worker.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            var left = new ArrayList<Pending>();
            queue.drainTo(left);
            left.forEach(p -> p.result.completeExceptionally(new ChatException(ChatError.UNAVAILABLE, "server stopping; resend later")));
        }
    }

    private void run() {
        var batch = new ArrayList<Pending>(maxBatch);
        while (running) {
            try {
                var first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // Nothing of the batch was acked; the senders resend. The thread goes on with the next batch.
                LOG.log(Level.SEVERE, "Message batch of " + batch.size() + " failed", e);
                batch.forEach(p -> p.result.completeExceptionally(new ChatException(ChatError.UNAVAILABLE, "could not store; resend")));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                var stored = writeOnce(batch);
                fanout.messagesCommitted(stored);
                return;
            } catch (SQLException e) {
                // A concurrent writer (another instance) stored one of these client ids first: look again.
                if (attempt < 3 && Database.hasSqlState(e, UNIQUE_VIOLATION)) {
                    continue;
                }
                LOG.log(Level.WARNING, "Could not store " + batch.size() + " messages", e);
                batch.forEach(p -> p.result.completeExceptionally(
                        new ChatException(ChatError.UNAVAILABLE, "could not store now; resend with the same clientId")));
                return;
            }
        }
    }

    /** One transaction for the whole batch; completes the futures after the commit and returns the new messages in order. */
    private List<ChatMessage> writeOnce(List<Pending> batch) throws SQLException {
        Map<String, Pending> firstByKey = new LinkedHashMap<>();
        Map<Pending, Pending> repeatOf = new HashMap<>();
        for (var p : batch) {
            var first = firstByKey.putIfAbsent(p.author.id() + "/" + p.clientId, p);
            if (first != null) {
                repeatOf.put(p, first);
            }
        }
        Map<Pending, SendResult> results = new HashMap<>();
        Map<Pending, ChatException> refusals = new HashMap<>();
        var created = new ArrayList<ChatMessage>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                findStored(c, firstByKey, results);
                var toInsert = members(c, firstByKey.values().stream().filter(p -> !results.containsKey(p)).toList(), refusals);
                insert(c, toInsert, results, created);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        for (var p : batch) {
            var first = repeatOf.getOrDefault(p, p);
            var result = results.get(first);
            if (result == null) {
                p.result.completeExceptionally(refusals.getOrDefault(first, new ChatException(ChatError.NOT_FOUND, "no such room")));
            } else {
                p.result.complete(repeatOf.containsKey(p) ? new SendResult(result.message(), true) : result);
            }
        }
        return created;
    }

    /** Sends whose (author, clientId) is already stored get the stored message back, not a second one. */
    private static void findStored(Connection c, Map<String, Pending> firstByKey, Map<Pending, SendResult> results) throws SQLException {
        var pendings = new ArrayList<>(firstByKey.values());
        try (var select = c.prepareStatement("""
                SELECT m.id, m.room_id, m.seq, m.text, m.sent_at, m.author_id, m.client_id
                  FROM messages m
                  JOIN unnest(?::bigint[], ?::varchar[]) AS k(author_id, client_id)
                    ON m.author_id = k.author_id AND m.client_id = k.client_id""")) {
            select.setArray(1, c.createArrayOf("bigint", pendings.stream().map(p -> p.author.id()).toArray()));
            select.setArray(2, c.createArrayOf("varchar", pendings.stream().map(Pending::clientId).toArray()));
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    var p = firstByKey.get(rows.getLong(6) + "/" + rows.getString(7));
                    var message = new ChatMessage(rows.getLong(1), rows.getLong(2), rows.getLong(3), p.author.login(),
                            p.author.displayName(), rows.getString(4), rows.getObject(5, OffsetDateTime.class).toInstant(), p.clientId);
                    results.put(p, new SendResult(message, true));
                }
            }
        }
    }

    /**
     * The sends whose author is a member of the room now, decided in the writing transaction: the rooms'
     * rows are locked first (in id order), and every membership change locks its room's row first, so no
     * change can slip between this check and the commit. The others are refused as the membership rules say.
     */
    private static List<Pending> members(Connection c, List<Pending> sends, Map<Pending, ChatException> refusals) throws SQLException {
        if (sends.isEmpty()) {
            return sends;
        }
        Map<Long, String> kindOf = new HashMap<>();
        try (var lock = c.prepareStatement("SELECT id, kind FROM rooms WHERE id = ANY (?) ORDER BY id FOR UPDATE")) {
            lock.setArray(1, c.createArrayOf("bigint", sends.stream().map(Pending::roomId).distinct().toArray()));
            try (var rows = lock.executeQuery()) {
                while (rows.next()) {
                    kindOf.put(rows.getLong(1), rows.getString(2));
                }
            }
        }
        var member = new HashSet<String>();
        try (var select = c.prepareStatement("""
                SELECT m.room_id, m.user_id FROM memberships m
                  JOIN unnest(?::bigint[], ?::bigint[]) AS k(room_id, user_id) ON m.room_id = k.room_id AND m.user_id = k.user_id""")) {
            select.setArray(1, c.createArrayOf("bigint", sends.stream().map(Pending::roomId).toArray()));
            select.setArray(2, c.createArrayOf("bigint", sends.stream().map(p -> p.author.id()).toArray()));
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    member.add(rows.getLong(1) + "/" + rows.getLong(2));
                }
            }
        }
        var allowed = new ArrayList<Pending>(sends.size());
        for (var p : sends) {
            String kind = kindOf.get(p.roomId);
            if (kind != null && ("global".equals(kind) || member.contains(p.roomId + "/" + p.author.id()))) {
                allowed.add(p);
            } else if ("public".equals(kind)) {
                refusals.put(p, new ChatException(ChatError.NOT_MEMBER, "you are not a member of this room"));
            } else {
                refusals.put(p, new ChatException(ChatError.NOT_FOUND, "no such room")); // private rooms never admit they exist
            }
        }
        return allowed;
    }

    private static void insert(Connection c, List<Pending> toInsert, Map<Pending, SendResult> results,
            List<ChatMessage> created) throws SQLException {
        if (toInsert.isEmpty()) {
            return;
        }
        Map<Long, List<Pending>> byRoom = new LinkedHashMap<>();
        toInsert.forEach(p -> byRoom.computeIfAbsent(p.roomId, r -> new ArrayList<>()).add(p));
        // Reserve a block of sequence numbers per room; the row lock holds until commit, so numbers never interleave.
        Map<Pending, Long> seqOf = new HashMap<>();
        var numbered = new ArrayList<Pending>();
        try (var reserve = c.prepareStatement("UPDATE rooms SET last_seq = last_seq + ? WHERE id = ? RETURNING last_seq")) {
            for (var entry : byRoom.entrySet()) {
                reserve.setInt(1, entry.getValue().size());
                reserve.setLong(2, entry.getKey());
                try (var rows = reserve.executeQuery()) {
                    if (!rows.next()) {
                        continue; // the room is gone: these sends fail with NOT_FOUND
                    }
                    long seq = rows.getLong(1) - entry.getValue().size();
                    for (var p : entry.getValue()) {
                        seqOf.put(p, ++seq);
                        numbered.add(p);
                    }
                }
            }
        }
        if (numbered.isEmpty()) {
            return;
        }
        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (var insert = c.prepareStatement("""
                INSERT INTO messages (room_id, seq, author_id, client_id, text, sent_at)
                SELECT r, s, a, k, t, ? FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::varchar[], ?::text[]) AS x(r, s, a, k, t)
                RETURNING id, room_id, seq""")) {
            insert.setObject(1, OffsetDateTime.ofInstant(sentAt, ZoneOffset.UTC));
            insert.setArray(2, c.createArrayOf("bigint", numbered.stream().map(Pending::roomId).toArray()));
            insert.setArray(3, c.createArrayOf("bigint", numbered.stream().map(seqOf::get).toArray()));
            insert.setArray(4, c.createArrayOf("bigint", numbered.stream().map(p -> p.author.id()).toArray()));
            insert.setArray(5, c.createArrayOf("varchar", numbered.stream().map(Pending::clientId).toArray()));
            insert.setArray(6, c.createArrayOf("text", numbered.stream().map(Pending::text).toArray()));
            Map<String, Long> idByRoomSeq = new HashMap<>();
            try (var rows = insert.executeQuery()) {
                while (rows.next()) {
                    idByRoomSeq.put(rows.getLong(2) + "/" + rows.getLong(3), rows.getLong(1));
                }
            }
            for (var p : numbered) {
                long seq = seqOf.get(p);
                var message = new ChatMessage(idByRoomSeq.get(p.roomId + "/" + seq), p.roomId, seq, p.author.login(),
                        p.author.displayName(), p.text, sentAt, p.clientId);
                results.put(p, new SendResult(message, false));
                created.add(message);
            }
        }
    }
}
