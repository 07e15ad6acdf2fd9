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
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.account.UserRef;
import org.jointchat.attachment.AttachmentRef;
import org.jointchat.audit.AuditLog;
import org.jointchat.platform.Database;
import org.jointchat.realtime.Fanout;
import org.jointchat.room.Moderation;

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

    /** Work for the writer: every change to a room's messages goes through it, so commit order is delivery order. */
    sealed interface Job permits Pending, Change {
        long roomId();

        CompletableFuture<?> result();
    }

    /** A send waiting for its commit. */
    record Pending(UserRef author, long roomId, String text, String html, String clientId, Long replyTo, List<Long> attachments,
            CompletableFuture<SendResult> result) implements Job {
    }

    /** What a change does to a message. */
    enum ChangeKind { EDIT, DELETE, REACT_ON, REACT_OFF, REACT_TOGGLE }

    /** An edit, a deletion or a reaction waiting for its commit; completes with the message as it is then. */
    record Change(UserRef actor, long roomId, long seq, ChangeKind kind, String value, CompletableFuture<ChatMessage> result)
            implements Job {
    }

    /** The most kinds of reaction one message carries. */
    static final int REACTION_KINDS_MAX = 20;

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

    private BlockingQueue<Job> queue;
    private Thread worker;
    private volatile boolean running = true;
    private volatile boolean accepting = true;
    /** Sends accepted and not yet answered (queued or being written): what a stop waits for. */
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * Queues a send; the future completes after the commit, or fails with a ChatException. The text's html is
     * rendered here, on the sender's thread, not on the writer's.
     */
    public CompletableFuture<SendResult> submit(UserRef author, long roomId, String text, String clientId, Long replyTo,
            List<Long> attachments) {
        var pending = new Pending(author, roomId, text, MessageMarkdown.html(text), clientId, replyTo,
                attachments == null ? List.of() : attachments, new CompletableFuture<>());
        queue(pending);
        return pending.result;
    }

    /** Queues an edit, deletion or reaction; the future carries the message as it is after the commit. */
    public CompletableFuture<ChatMessage> change(UserRef actor, long roomId, long seq, ChangeKind kind, String value) {
        var change = new Change(actor, roomId, seq, kind, value, new CompletableFuture<>());
        queue(change);
        return change.result;
    }

    private void queue(Job job) {
        // Counted before the check, so that a stop that begins now either sees it or refuses it.
        inFlight.incrementAndGet();
        job.result().whenComplete((result, failure) -> inFlight.decrementAndGet());
        if (!accepting) {
            job.result().completeExceptionally(new ChatException(ChatError.UNAVAILABLE, "server stopping; resend later"));
        } else if (!started().offer(job)) {
            job.result().completeExceptionally(new ChatException(ChatError.UNAVAILABLE, "server busy; resend later"));
        }
    }

    /** The queue, with a live writer thread: started on first use, and again should it ever have died. */
    private synchronized BlockingQueue<Job> started() {
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
            var left = new ArrayList<Job>();
            queue.drainTo(left);
            left.forEach(p -> p.result().completeExceptionally(new ChatException(ChatError.UNAVAILABLE, "server stopping; resend later")));
        }
    }

    private void run() {
        var batch = new ArrayList<Job>(maxBatch);
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
                batch.forEach(p -> p.result().completeExceptionally(new ChatException(ChatError.UNAVAILABLE, "could not store; resend")));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Job> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                var written = writeOnce(batch);
                // New messages took their rooms' versions before the changes of the same batch: this is version order.
                fanout.messagesCommitted(written.created());
                if (!written.changed().isEmpty()) {
                    fanout.messagesChanged(written.changed());
                }
                return;
            } catch (SQLException e) {
                // A concurrent writer (another instance) stored one of these client ids first: look again.
                if (attempt < 3 && Database.hasSqlState(e, UNIQUE_VIOLATION)) {
                    continue;
                }
                LOG.log(Level.WARNING, "Could not store " + batch.size() + " messages", e);
                batch.forEach(p -> p.result().completeExceptionally(
                        new ChatException(ChatError.UNAVAILABLE, "could not store now; resend with the same clientId")));
                return;
            }
        }
    }

    /** What a batch committed: new messages, then changed ones, each in version order. */
    record Written(List<ChatMessage> created, List<ChatMessage> changed) {
    }

    /** One transaction for the whole batch; completes the futures after the commit. */
    private Written writeOnce(List<Job> batch) throws SQLException {
        Map<String, Pending> firstByKey = new LinkedHashMap<>();
        Map<Pending, Pending> repeatOf = new HashMap<>();
        var changes = new ArrayList<Change>();
        for (var job : batch) {
            if (job instanceof Pending p) {
                var first = firstByKey.putIfAbsent(p.author.id() + "/" + p.clientId, p);
                if (first != null) {
                    repeatOf.put(p, first);
                }
            } else {
                changes.add((Change) job);
            }
        }
        Map<Pending, SendResult> results = new HashMap<>();
        Map<Job, ChatException> refusals = new HashMap<>();
        Map<Change, ChatMessage> changeResults = new HashMap<>();
        var created = new ArrayList<ChatMessage>();
        var changed = new ArrayList<ChatMessage>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                findStored(c, firstByKey, results);
                var sends = firstByKey.values().stream().filter(p -> !results.containsKey(p)).toList();
                var moderating = new HashSet<Job>();
                var allowed = members(c, sends, changes, refusals, moderating);
                var toInsert = allowed.stream().filter(Pending.class::isInstance).map(Pending.class::cast).toList();
                insert(c, checkedReferences(c, toInsert, refusals), results, created);
                for (var change : allowed.stream().filter(Change.class::isInstance).map(Change.class::cast).toList()) {
                    try {
                        apply(c, change, moderating.contains(change), refusals, changeResults, changed);
                    } catch (Refused refused) {
                        // recorded in refusals; the batch goes on
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        for (var job : batch) {
            if (job instanceof Pending p) {
                var first = repeatOf.getOrDefault(p, p);
                var result = results.get(first);
                if (result == null) {
                    p.result.completeExceptionally(refusals.getOrDefault(first, new ChatException(ChatError.NOT_FOUND, "no such room")));
                } else {
                    p.result.complete(repeatOf.containsKey(p) ? new SendResult(result.message(), true) : result);
                }
            } else if (job instanceof Change change) {
                var result = changeResults.get(change);
                if (result == null) {
                    change.result.completeExceptionally(refusals.getOrDefault(change, new ChatException(ChatError.NOT_FOUND, "no such message")));
                } else {
                    change.result.complete(result);
                }
            }
        }
        return new Written(created, changed);
    }

    /** Sends whose (author, clientId) is already stored get the stored message back, not a second one. */
    private static void findStored(Connection c, Map<String, Pending> firstByKey, Map<Pending, SendResult> results) throws SQLException {
        if (firstByKey.isEmpty()) {
            return;
        }
        var pendings = new ArrayList<>(firstByKey.values());
        try (var select = c.prepareStatement(MessageStore.SELECT + """
                  JOIN unnest(?::bigint[], ?::varchar[]) AS k(author_id, client_id)
                    ON m.author_id = k.author_id AND m.client_id = k.client_id""")) {
            select.setArray(1, c.createArrayOf("bigint", pendings.stream().map(p -> p.author.id()).toArray()));
            select.setArray(2, c.createArrayOf("varchar", pendings.stream().map(Pending::clientId).toArray()));
            for (var message : MessageStore.rows(select.executeQuery())) {
                var p = pendings.stream().filter(q -> q.author.login().equals(message.author()) && q.clientId.equals(message.clientId()))
                        .findFirst().orElse(null);
                if (p != null) {
                    results.put(p, new SendResult(message, true));
                }
            }
        }
    }

    /**
     * The jobs that the room's rules allow now, decided in the writing transaction: the rooms' rows are locked
     * first (in id order), and every membership or moderation change locks its room's row first, so no change can
     * slip between this check and the commit. This is also where moderation holds for every send without a round
     * trip of its own: the same two queries read the room's flags (archived, announcement), the sender's mute and
     * (only where it matters: deletions, announcement rooms) whether they moderate the room.
     * The others are refused: not a member, muted, archived, announcement room. {@code moderating} receives the
     * jobs whose user moderates the room.
     */
    private static List<Job> members(Connection c, List<Pending> sends, List<Change> changes, Map<Job, ChatException> refusals,
            Set<Job> moderating) throws SQLException {
        var jobs = new ArrayList<Job>(sends.size() + changes.size());
        jobs.addAll(sends);
        jobs.addAll(changes);
        if (jobs.isEmpty()) {
            return jobs;
        }
        Map<Long, String> kindOf = new HashMap<>();
        var archived = new HashSet<Long>();
        var announcement = new HashSet<Long>();
        try (var lock = c.prepareStatement("""
                SELECT id, kind, archived_at IS NOT NULL, announcement FROM rooms WHERE id = ANY (?) ORDER BY id FOR UPDATE""")) {
            lock.setArray(1, c.createArrayOf("bigint", jobs.stream().map(Job::roomId).distinct().toArray()));
            try (var rows = lock.executeQuery()) {
                while (rows.next()) {
                    kindOf.put(rows.getLong(1), rows.getString(2));
                    if (rows.getBoolean(3)) {
                        archived.add(rows.getLong(1));
                    }
                    if (rows.getBoolean(4)) {
                        announcement.add(rows.getLong(1));
                    }
                }
            }
        }
        var member = new HashSet<String>();
        var moderates = new HashSet<String>();
        Map<String, Instant> mutedUntil = new HashMap<>();
        try (var select = c.prepareStatement("""
                SELECT k.room_id, k.user_id, m.user_id IS NOT NULL, mt.until,
                       CASE WHEN k.asks THEN %s ELSE false END
                  FROM unnest(?::bigint[], ?::bigint[], ?::boolean[]) AS k(room_id, user_id, asks)
                  LEFT JOIN memberships m ON m.room_id = k.room_id AND m.user_id = k.user_id
                  LEFT JOIN room_mutes mt ON mt.room_id = k.room_id AND mt.user_id = k.user_id AND mt.until > now()"""
                .formatted(Moderation.moderates("k.user_id", "k.room_id")))) {
            select.setArray(1, c.createArrayOf("bigint", jobs.stream().map(Job::roomId).toArray()));
            select.setArray(2, c.createArrayOf("bigint", jobs.stream().map(j -> userOf(j).id()).toArray()));
            select.setArray(3, c.createArrayOf("boolean", jobs.stream()
                    .map(j -> isDeletion(j) || announcement.contains(j.roomId()) || archived.contains(j.roomId())).toArray()));
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getLong(1) + "/" + rows.getLong(2);
                    if (rows.getBoolean(3)) {
                        member.add(key);
                    }
                    var until = rows.getObject(4, OffsetDateTime.class);
                    if (until != null) {
                        mutedUntil.put(key, until.toInstant());
                    }
                    if (rows.getBoolean(5)) {
                        moderates.add(key);
                    }
                }
            }
        }
        var allowed = new ArrayList<Job>(jobs.size());
        for (var job : jobs) {
            String kind = kindOf.get(job.roomId());
            String key = job.roomId() + "/" + userOf(job).id();
            // A moderator's deletion (an administrator's, too, in a room they are not in) is the one change that
            // an archived room or a mute does not stop.
            boolean moderatorDeletes = isDeletion(job) && moderates.contains(key);
            var until = mutedUntil.get(key);
            if (kind == null) {
                refusals.put(job, new ChatException(ChatError.NOT_FOUND, "no such room"));
            } else if (!"global".equals(kind) && !member.contains(key) && !moderatorDeletes) {
                refusals.put(job, "public".equals(kind) ? new ChatException(ChatError.NOT_MEMBER, "you are not a member of this room")
                        : new ChatException(ChatError.NOT_FOUND, "no such room")); // private rooms never admit they exist
            } else if (archived.contains(job.roomId()) && !moderatorDeletes) {
                refusals.put(job, new ChatException(ChatError.ARCHIVED, "the room is archived: it is read-only"));
            } else if (until != null && !isDeletion(job)) {
                refusals.put(job, new ChatException(ChatError.MUTED, "a moderator muted you in this room until " + until, until));
            } else if (job instanceof Pending && announcement.contains(job.roomId()) && !moderates.contains(key)) {
                refusals.put(job, new ChatException(ChatError.ANNOUNCEMENT_ONLY,
                        "this is an announcement room: only its owner and moderators post"));
            } else {
                allowed.add(job);
                if (moderates.contains(key)) {
                    moderating.add(job);
                }
            }
        }
        return allowed;
    }

    private static boolean isDeletion(Job job) {
        return job instanceof Change change && change.kind == ChangeKind.DELETE;
    }

    private static UserRef userOf(Job job) {
        return job instanceof Pending p ? p.author : ((Change) job).actor;
    }

    /** What a send refers to, checked in the writing transaction: the quoted message and the attachments. */
    private record References(Map<Pending, ChatMessage.Quote> quotes, Map<Pending, List<AttachmentRef>> attachments) {
    }

    /**
     * Refuses sends whose {@code replyTo} is not a message of the room (or a deleted one) or whose attachments
     * are not the author's unsent uploads to that room; the others go on with what they refer to.
     */
    private static Map.Entry<List<Pending>, References> checkedReferences(Connection c, List<Pending> sends,
            Map<Job, ChatException> refusals) throws SQLException {
        var quotes = new HashMap<Pending, ChatMessage.Quote>();
        var files = new HashMap<Pending, List<AttachmentRef>>();
        var replying = sends.stream().filter(p -> p.replyTo != null).toList();
        if (!replying.isEmpty()) {
            Map<String, ChatMessage.Quote> found = new HashMap<>();
            try (var select = c.prepareStatement("""
                    SELECT m.room_id, m.seq, left(m.text, %d), u.login, u.display_name, m.deleted_at IS NOT NULL
                      FROM messages m JOIN users u ON u.id = m.author_id
                      JOIN unnest(?::bigint[], ?::bigint[]) AS k(room_id, seq) ON m.room_id = k.room_id AND m.seq = k.seq"""
                    .formatted(ChatMessage.Quote.TEXT_MAX))) {
                select.setArray(1, c.createArrayOf("bigint", replying.stream().map(Pending::roomId).toArray()));
                select.setArray(2, c.createArrayOf("bigint", replying.stream().map(Pending::replyTo).toArray()));
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getLong(1) + "/" + rows.getLong(2), new ChatMessage.Quote(rows.getLong(2),
                                rows.getString(4), rows.getString(5), rows.getString(3), rows.getBoolean(6)));
                    }
                }
            }
            for (var p : replying) {
                var quote = found.get(p.roomId + "/" + p.replyTo);
                if (quote == null || quote.deleted()) {
                    refusals.put(p, new ChatException(ChatError.INVALID, "replyTo: no such message in this room"));
                } else {
                    quotes.put(p, quote);
                }
            }
        }
        var attaching = sends.stream().filter(p -> !p.attachments.isEmpty() && !refusals.containsKey(p)).toList();
        if (!attaching.isEmpty()) {
            record Upload(long roomId, long uploaderId, boolean claimed, AttachmentRef ref) {
            }
            Map<Long, Upload> uploads = new HashMap<>();
            try (var select = c.prepareStatement("""
                    SELECT id, room_id, uploader_id, message_id IS NOT NULL, name, content_type, size
                      FROM attachments WHERE id = ANY (?) ORDER BY id FOR UPDATE""")) {
                select.setArray(1, c.createArrayOf("bigint", attaching.stream().flatMap(p -> p.attachments.stream()).distinct().toArray()));
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        uploads.put(rows.getLong(1), new Upload(rows.getLong(2), rows.getLong(3), rows.getBoolean(4),
                                AttachmentRef.of(rows.getLong(1), rows.getString(5), rows.getString(6), rows.getLong(7))));
                    }
                }
            }
            var taken = new HashSet<Long>();
            for (var p : attaching) {
                var refs = new ArrayList<AttachmentRef>();
                for (long id : p.attachments) {
                    var upload = uploads.get(id);
                    if (upload == null || upload.claimed || upload.roomId != p.roomId || upload.uploaderId != p.author.id()
                            || taken.contains(id)) {
                        refusals.put(p, new ChatException(ChatError.INVALID,
                                "attachments: " + id + " is not an unsent upload of yours to this room"));
                        break;
                    }
                    refs.add(upload.ref);
                }
                if (!refusals.containsKey(p)) {
                    taken.addAll(p.attachments);
                    files.put(p, refs);
                }
            }
        }
        return Map.entry(sends.stream().filter(p -> !refusals.containsKey(p)).toList(), new References(quotes, files));
    }

    private static void insert(Connection c, Map.Entry<List<Pending>, References> checked, Map<Pending, SendResult> results,
            List<ChatMessage> created) throws SQLException {
        var toInsert = checked.getKey();
        var references = checked.getValue();
        if (toInsert.isEmpty()) {
            return;
        }
        Map<Long, List<Pending>> byRoom = new LinkedHashMap<>();
        toInsert.forEach(p -> byRoom.computeIfAbsent(p.roomId, r -> new ArrayList<>()).add(p));
        // Reserve a block of sequence numbers and versions per room; the row lock holds until commit, so they never interleave.
        Map<Pending, long[]> seqOf = new HashMap<>();
        var numbered = new ArrayList<Pending>();
        try (var reserve = c.prepareStatement("""
                UPDATE rooms SET last_seq = last_seq + ?, last_version = last_version + ? WHERE id = ?
                RETURNING last_seq, last_version""")) {
            for (var entry : byRoom.entrySet()) {
                int n = entry.getValue().size();
                reserve.setInt(1, n);
                reserve.setInt(2, n);
                reserve.setLong(3, entry.getKey());
                try (var rows = reserve.executeQuery()) {
                    if (!rows.next()) {
                        continue; // the room is gone: these sends fail with NOT_FOUND
                    }
                    long seq = rows.getLong(1) - n;
                    long version = rows.getLong(2) - n;
                    for (var p : entry.getValue()) {
                        seqOf.put(p, new long[] {++seq, ++version});
                        numbered.add(p);
                    }
                }
            }
        }
        if (numbered.isEmpty()) {
            return;
        }
        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Long> idByRoomSeq = new HashMap<>();
        try (var insert = c.prepareStatement("""
                INSERT INTO messages (room_id, seq, version, author_id, client_id, text, reply_to_seq, sent_at)
                SELECT r, s, v, a, k, t, q, ? FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::varchar[], ?::text[], ?::bigint[])
                    AS x(r, s, v, a, k, t, q)
                RETURNING id, room_id, seq""")) {
            insert.setObject(1, OffsetDateTime.ofInstant(sentAt, ZoneOffset.UTC));
            insert.setArray(2, c.createArrayOf("bigint", numbered.stream().map(Pending::roomId).toArray()));
            insert.setArray(3, c.createArrayOf("bigint", numbered.stream().map(p -> seqOf.get(p)[0]).toArray()));
            insert.setArray(4, c.createArrayOf("bigint", numbered.stream().map(p -> seqOf.get(p)[1]).toArray()));
            insert.setArray(5, c.createArrayOf("bigint", numbered.stream().map(p -> p.author.id()).toArray()));
            insert.setArray(6, c.createArrayOf("varchar", numbered.stream().map(Pending::clientId).toArray()));
            insert.setArray(7, c.createArrayOf("text", numbered.stream().map(Pending::text).toArray()));
            insert.setArray(8, c.createArrayOf("bigint", numbered.stream().map(Pending::replyTo).toArray()));
            try (var rows = insert.executeQuery()) {
                while (rows.next()) {
                    idByRoomSeq.put(rows.getLong(2) + "/" + rows.getLong(3), rows.getLong(1));
                }
            }
        }
        claim(c, numbered, references.attachments(), p -> idByRoomSeq.get(p.roomId + "/" + seqOf.get(p)[0]));
        var mentioned = mention(c, numbered.stream().map(p -> new Mentioning(p.roomId, seqOf.get(p)[0], p.author.id(), p.text)).toList());
        for (var p : numbered) {
            long seq = seqOf.get(p)[0];
            var message = new ChatMessage(idByRoomSeq.get(p.roomId + "/" + seq), p.roomId, seq, seqOf.get(p)[1], p.author.login(),
                    p.author.displayName(), p.text, p.html, sentAt, p.clientId, null, false, references.quotes().get(p),
                    mentioned.getOrDefault(p.roomId + "/" + seq, List.of()), List.of(), references.attachments().get(p), false);
            results.put(p, new SendResult(message, false));
            created.add(message);
        }
    }

    /** The attachments now belong to their messages (and count against nobody's unsent uploads). */
    private static void claim(Connection c, List<Pending> numbered, Map<Pending, List<AttachmentRef>> files,
            Function<Pending, Long> messageId) throws SQLException {
        var attachmentIds = new ArrayList<Long>();
        var messageIds = new ArrayList<Long>();
        for (var p : numbered) {
            for (var ref : files.getOrDefault(p, List.of())) {
                attachmentIds.add(ref.id());
                messageIds.add(messageId.apply(p));
            }
        }
        if (attachmentIds.isEmpty()) {
            return;
        }
        try (var update = c.prepareStatement("""
                UPDATE attachments a SET message_id = x.m FROM unnest(?::bigint[], ?::bigint[]) AS x(a, m) WHERE a.id = x.a""")) {
            update.setArray(1, c.createArrayOf("bigint", attachmentIds.toArray()));
            update.setArray(2, c.createArrayOf("bigint", messageIds.toArray()));
            update.executeUpdate();
        }
    }

    /** A message whose text may mention members. */
    private record Mentioning(long roomId, long seq, long authorId, String text) {
    }

    /** Stores who each message mentions (members of its room other than the author); "room/seq" → logins. */
    private static Map<String, List<String>> mention(Connection c, List<Mentioning> messages) throws SQLException {
        var rooms = new ArrayList<Long>();
        var seqs = new ArrayList<Long>();
        var authors = new ArrayList<Long>();
        var logins = new ArrayList<String>();
        for (var m : messages) {
            for (var login : MessageRules.mentionedLogins(m.text)) {
                rooms.add(m.roomId);
                seqs.add(m.seq);
                authors.add(m.authorId);
                logins.add(login);
            }
        }
        Map<String, List<String>> result = new HashMap<>();
        if (logins.isEmpty()) {
            return result;
        }
        try (var insert = c.prepareStatement("""
                WITH added AS (
                    INSERT INTO mentions (room_id, seq, user_id)
                    SELECT x.r, x.s, u.id FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::varchar[]) AS x(r, s, a, l)
                      JOIN users u ON u.login = x.l AND u.id <> x.a
                      JOIN memberships mb ON mb.room_id = x.r AND mb.user_id = u.id
                    ON CONFLICT DO NOTHING
                    RETURNING room_id, seq, user_id)
                SELECT added.room_id, added.seq, u.login FROM added JOIN users u ON u.id = added.user_id ORDER BY u.login""")) {
            insert.setArray(1, c.createArrayOf("bigint", rooms.toArray()));
            insert.setArray(2, c.createArrayOf("bigint", seqs.toArray()));
            insert.setArray(3, c.createArrayOf("bigint", authors.toArray()));
            insert.setArray(4, c.createArrayOf("varchar", logins.toArray()));
            try (var rows = insert.executeQuery()) {
                while (rows.next()) {
                    result.computeIfAbsent(rows.getLong(1) + "/" + rows.getLong(2), k -> new ArrayList<>()).add(rows.getString(3));
                }
            }
        }
        return result;
    }

    /**
     * One edit, deletion or reaction, under its room's lock: the rules (only the author edits; the author or
     * whoever moderates the room ({@code moderator}: its owner, a moderator, an administrator) deletes; nothing
     * changes a deleted message) are decided here, against the committed state. A change that changes nothing
     * (the same text, a reaction already there) takes no version. A deletion by someone else than the author is a
     * moderator's removal: the tombstone says so, the message's open reports are resolved, the audit log has it.
     */
    private static void apply(Connection c, Change change, boolean moderator, Map<Job, ChatException> refusals,
            Map<Change, ChatMessage> results, List<ChatMessage> changed) throws SQLException {
        long messageId;
        long authorId;
        boolean deleted;
        String text;
        String authorLogin;
        try (var select = c.prepareStatement("""
                SELECT m.id, m.author_id, m.deleted_at IS NOT NULL, m.text, u.login
                  FROM messages m JOIN users u ON u.id = m.author_id WHERE m.room_id = ? AND m.seq = ? FOR UPDATE OF m""")) {
            select.setLong(1, change.roomId);
            select.setLong(2, change.seq);
            try (var rows = select.executeQuery()) {
                if (!rows.next()) {
                    refusals.put(change, new ChatException(ChatError.NOT_FOUND, "no such message"));
                    return;
                }
                messageId = rows.getLong(1);
                authorId = rows.getLong(2);
                deleted = rows.getBoolean(3);
                text = rows.getString(4);
                authorLogin = rows.getString(5);
            }
        }
        boolean mine = authorId == change.actor.id();
        boolean effective = switch (change.kind) {
            case EDIT -> {
                if (!mine) {
                    throw refuse(change, refusals, ChatError.FORBIDDEN, "only the author may edit a message");
                }
                if (deleted) {
                    throw refuse(change, refusals, ChatError.FORBIDDEN, "the message is deleted");
                }
                yield !text.equals(change.value);
            }
            case DELETE -> {
                if (!mine && !moderator) {
                    throw refuse(change, refusals, ChatError.FORBIDDEN,
                            "only the author, the room's owner or moderators, or an administrator may delete a message");
                }
                yield !deleted;
            }
            case REACT_ON, REACT_OFF, REACT_TOGGLE -> {
                if (deleted) {
                    throw refuse(change, refusals, ChatError.FORBIDDEN, "the message is deleted");
                }
                yield react(c, change, messageId, refusals);
            }
        };
        if (effective) {
            long version;
            try (var bump = c.prepareStatement("UPDATE rooms SET last_version = last_version + 1 WHERE id = ? RETURNING last_version")) {
                bump.setLong(1, change.roomId);
                try (var rows = bump.executeQuery()) {
                    rows.next();
                    version = rows.getLong(1);
                }
            }
            switch (change.kind) {
                case EDIT -> {
                    update(c, "UPDATE messages SET text = ?, edited_at = clock_timestamp(), version = ? WHERE id = ?",
                            change.value, version, messageId);
                    update(c, "DELETE FROM mentions WHERE room_id = ? AND seq = ?", change.roomId, change.seq);
                    mention(c, List.of(new Mentioning(change.roomId, change.seq, authorId, change.value)));
                }
                case DELETE -> {
                    // The row stays (seq stays gap-free); what it said, who it named, its reactions and files go.
                    update(c, "UPDATE messages SET text = '', deleted_at = clock_timestamp(), version = ?, removed_by_moderator = ? WHERE id = ?",
                            version, !mine, messageId);
                    if (!mine) {
                        update(c, """
                                UPDATE message_reports SET resolved_at = now(), resolved_by = ?, resolution = 'removed'
                                 WHERE room_id = ? AND seq = ? AND resolved_at IS NULL""", change.actor.id(), change.roomId, change.seq);
                        AuditLog.record(c, change.actor.login(), "message.remove", "room:" + change.roomId + "/seq:" + change.seq,
                                "author: " + authorLogin);
                    }
                    update(c, "DELETE FROM mentions WHERE room_id = ? AND seq = ?", change.roomId, change.seq);
                    update(c, "DELETE FROM reactions WHERE message_id = ?", messageId);
                    update(c, "DELETE FROM attachments WHERE message_id = ?", messageId);
                }
                case REACT_ON, REACT_OFF, REACT_TOGGLE -> update(c, "UPDATE messages SET version = ? WHERE id = ?", version, messageId);
            }
        }
        var now = MessageStore.current(c, change.roomId, change.seq).get(0);
        results.put(change, now);
        if (effective) {
            changed.add(now);
        }
    }

    /** Puts the reaction on, takes it off, or turns it over (toggle); true when that changed anything. */
    private static boolean react(Connection c, Change change, long messageId, Map<Job, ChatException> refusals) throws SQLException {
        if (change.kind != ChangeKind.REACT_ON) {
            boolean off = update(c, "DELETE FROM reactions WHERE message_id = ? AND emoji = ? AND user_id = ?",
                    messageId, change.value, change.actor.id()) > 0;
            if (off || change.kind == ChangeKind.REACT_OFF) {
                return off;
            }
        }
        try (var kinds = c.prepareStatement("""
                SELECT count(DISTINCT emoji), bool_or(emoji = ?) FROM reactions WHERE message_id = ?""")) {
            kinds.setString(1, change.value);
            kinds.setLong(2, messageId);
            try (var rows = kinds.executeQuery()) {
                rows.next();
                if (rows.getInt(1) >= REACTION_KINDS_MAX && !rows.getBoolean(2)) {
                    throw refuse(change, refusals, ChatError.INVALID, "a message carries at most " + REACTION_KINDS_MAX + " kinds of reaction");
                }
            }
        }
        return update(c, "INSERT INTO reactions (message_id, emoji, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                messageId, change.value, change.actor.id()) > 0;
    }

    /** Records the refusal; thrown only to leave the change's switch (caught by {@link #apply}'s caller loop). */
    private static Refused refuse(Change change, Map<Job, ChatException> refusals, ChatError code, String message) {
        refusals.put(change, new ChatException(code, message));
        return new Refused();
    }

    /** Leaves a change that the rules refuse; the reason is in the refusals. */
    private static final class Refused extends RuntimeException {
        Refused() {
            super(null, null, false, false);
        }
    }

    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
