package org.jointchat.message;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jointchat.account.UserRef;
import org.jointchat.platform.Database;

/**
 * The writer of messages. Sends queue up here, in the lane of their room ({@link WriterLane}: a few, each with
 * one thread); a lane's thread takes whatever has queued (up to a batch), numbers it per room, inserts it and
 * commits it in one transaction, and only then completes the senders' futures (the acks) and publishes the
 * messages ({@link MessagesCommitted}, once per batch). A room's changes all go through one lane, so they are
 * committed and delivered in order; lanes lock disjoint rooms. Under load many messages share one commit (one
 * disk flush); when idle a message is committed alone at once.
 * The queues, the threads, the transaction and the retry are here; a batch's sends are {@link SendBatch}'s
 * (checked by {@link WriteAdmission}), its edits, deletions and reactions {@link MessageChanges}'.
 */
@ApplicationScoped
public class MessageWriter {

    private static final Logger LOG = Logger.getLogger(MessageWriter.class.getName());
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String DEADLOCK = "40P01";

    /** Work for the writer: every change to a room's messages goes through it, so commit order is delivery order. */
    sealed interface Job permits Pending, Change {
        long roomId();

        CompletableFuture<?> result();
    }

    /** A send waiting for its commit. */
    record Pending(UserRef author, long roomId, String text, String html, String clientId, Long replyTo, List<Long> attachments,
            CompletableFuture<SendResult> result, Long thread, boolean alsoToRoom, ChatMessage.Forwarded forwarded,
            List<Long> sharedFiles) implements Job {
        // thread, alsoToRoom: threads (issue 22, item 1); thread is the seq the sender named, resolved to the root by SendBatch.
        // forwarded, sharedFiles: forwarding (issue 22, item 5): the original's snapshot and its files (null, empty otherwise).

        Pending(UserRef author, long roomId, String text, String html, String clientId, Long replyTo, List<Long> attachments,
                CompletableFuture<SendResult> result, Long thread, boolean alsoToRoom) {
            this(author, roomId, text, html, clientId, replyTo, attachments, result, thread, alsoToRoom, null, List.of());
        }
    }

    /** What a change does to a message. */
    enum ChangeKind { EDIT, DELETE, REACT_ON, REACT_OFF, REACT_TOGGLE, /* pins, issue 22 item 2: */ PIN, UNPIN }

    /** An edit, a deletion or a reaction waiting for its commit; completes with the message as it is then. */
    record Change(UserRef actor, long roomId, long seq, ChangeKind kind, String value, CompletableFuture<ChatMessage> result)
            implements Job {
    }

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    /** Observed by realtime, synchronously: on this thread, so batches are delivered in commit order. */
    @Inject
    Event<MessagesCommitted> committed;

    @Inject
    ModeratorRemovals moderatorRemovals;

    @Inject
    @ConfigProperty(name = "jointchat.chat.writer.batch", defaultValue = "500")
    int maxBatch;

    @Inject
    @ConfigProperty(name = "jointchat.chat.writer.queue", defaultValue = "50000")
    int queueCapacity;

    /**
     * Writer threads, each with its own queue and rooms (issue 24, item 5): one thread's round trips to PostgreSQL
     * and its commit's flush left thousands of small rooms waiting; a room always goes to the same lane.
     */
    @Inject
    @ConfigProperty(name = "jointchat.chat.writer.lanes", defaultValue = "2")
    int laneCount;

    private volatile WriterLane[] lanes;
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
        return submit(author, roomId, text, clientId, replyTo, attachments, null, false);
    }

    /** A send that may be a thread reply ({@code thread}: a message of the room; see SendBatch). */
    public CompletableFuture<SendResult> submit(UserRef author, long roomId, String text, String clientId, Long replyTo,
            List<Long> attachments, Long thread, boolean alsoToRoom) {
        var pending = new Pending(author, roomId, text, MessageMarkdown.html(text), clientId, replyTo,
                attachments == null ? List.of() : attachments, new CompletableFuture<>(), thread, thread != null && alsoToRoom);
        queue(pending);
        return pending.result;
    }

    /**
     * Forwarding (issue 22, item 5): queues a send that carries {@code forwarded} (the original's snapshot) and shares
     * the original's files ({@code sharedFiles}, attachment ids); checked, numbered and committed like any send.
     */
    public CompletableFuture<SendResult> submitForward(UserRef author, long roomId, String comment, String clientId,
            ChatMessage.Forwarded forwarded, List<Long> sharedFiles) {
        var pending = new Pending(author, roomId, comment, MessageMarkdown.html(comment), clientId, null, List.of(),
                new CompletableFuture<>(), null, false, forwarded, List.copyOf(sharedFiles));
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
        } else if (!started(laneOf(job.roomId())).queue.offer(job)) {
            job.result().completeExceptionally(new ChatException(ChatError.UNAVAILABLE, "server busy; resend later"));
        }
    }

    /** The room's lane: the same for all of a room's changes, so they are committed in order. */
    private WriterLane laneOf(long roomId) {
        var all = lanes;
        if (all == null) {
            all = lanes();
        }
        return all[(int) Math.floorMod(roomId, (long) all.length)];
    }

    private synchronized WriterLane[] lanes() {
        if (lanes == null) {
            var made = new WriterLane[Math.max(1, laneCount)];
            for (int i = 0; i < made.length; i++) {
                made[i] = new WriterLane(i, queueCapacity);
            }
            lanes = made;
        }
        return lanes;
    }

    /** The lane, with a live writer thread: started on first use, and again should it ever have died. */
    private WriterLane started(WriterLane lane) {
        if (running && !lane.alive()) {
            synchronized (this) {
                if (running && !lane.alive()) {
                    if (lane.worker != null) {
                        LOG.severe("A message writer thread had died; starting a new one");
                    }
                    var worker = threads.newThread(() -> run(lane));
                    worker.setName(lane.number == 0 ? "jointchat-message-writer" : "jointchat-message-writer-" + lane.number);
                    worker.start();
                    lane.worker = worker;
                }
            }
        }
        return lane;
    }

    /** The writer's counts since start, summed over the lanes ({@link WriterCounts}). */
    public Map<String, Long> counts() {
        var sum = new LinkedHashMap<String, Long>();
        for (var lane : lanes()) {
            lane.counts.snapshot().forEach((k, v) -> sum.merge(k, v, k.startsWith("max") ? Math::max : Long::sum));
        }
        sum.put("lanes", (long) lanes().length);
        return sum;
    }

    /** Jobs waiting in the queues now. */
    public int queued() {
        int n = 0;
        for (var lane : lanes()) {
            n += lane.queue.size();
        }
        return n;
    }

    /**
     * At shutdown: takes no more sends and waits (at most {@code limit}) until everything accepted is committed
     * and its senders have their acks; true when it all was.
     */
    public boolean drain(Duration limit) {
        accepting = false;
        long deadline = System.nanoTime() + limit.toNanos();
        while (inFlight.get() > 0 && java.util.Arrays.stream(lanes()).anyMatch(WriterLane::alive)) {
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
        if (lanes == null) {
            return;
        }
        for (var lane : lanes) {
            var worker = lane.worker;
            if (worker != null) {
                worker.interrupt();
                var left = new ArrayList<Job>();
                lane.queue.drainTo(left);
                left.forEach(p -> p.result().completeExceptionally(new ChatException(ChatError.UNAVAILABLE, "server stopping; resend later")));
            }
        }
    }

    private void run(WriterLane lane) {
        var batch = new ArrayList<Job>(maxBatch);
        var queue = lane.queue;
        while (running) {
            try {
                var first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch, lane.counts);
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

    private void write(List<Job> batch, WriterCounts counts) {
        for (int attempt = 1; ; attempt++) {
            try {
                long begun = System.nanoTime();
                var done = writeOnce(batch);
                long written = System.nanoTime();
                committed.fire(done);
                counts.batch(batch, done.created().size(), written - begun, System.nanoTime() - written);
                return;
            } catch (SQLException e) {
                // A concurrent writer (another instance or lane) stored one of these client ids first: look again. Or
                // two lanes' batches locked the same rows the other way round (uploads named in the wrong room): again.
                if (attempt < 3 && (Database.hasSqlState(e, UNIQUE_VIOLATION) || Database.hasSqlState(e, DEADLOCK))) {
                    continue;
                }
                LOG.log(Level.WARNING, "Could not store " + batch.size() + " messages", e);
                batch.forEach(p -> p.result().completeExceptionally(
                        new ChatException(ChatError.UNAVAILABLE, "could not store now; resend with the same clientId")));
                return;
            }
        }
    }

    /** One transaction for the whole batch; completes the futures after the commit. */
    private MessagesCommitted writeOnce(List<Job> batch) throws SQLException {
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
                SendBatch.findStored(c, firstByKey, results);
                var sends = firstByKey.values().stream().filter(p -> !results.containsKey(p)).toList();
                var moderating = new HashSet<Job>();
                var allowed = WriteAdmission.allowed(c, sends, changes, refusals, moderating);
                var toInsert = allowed.stream().filter(Pending.class::isInstance).map(Pending.class::cast).toList();
                SendBatch.insert(c, SendBatch.checkedReferences(c, toInsert, refusals), results, created, changed);
                for (var change : allowed.stream().filter(Change.class::isInstance).map(Change.class::cast).toList()) {
                    try {
                        MessageChanges.apply(c, change, moderating.contains(change), moderatorRemovals, refusals, changeResults, changed);
                    } catch (MessageChanges.Refused refused) {
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
        return new MessagesCommitted(created, changed);
    }
}
