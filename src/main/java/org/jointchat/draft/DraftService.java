package org.jointchat.draft;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jointchat.account.UserRef;
import org.jointchat.api.ProblemException;
import org.jointchat.api.ProblemType;
import org.jointchat.message.MessageRules;
import org.jointchat.platform.Jdbc;
import org.jointchat.platform.SlidingWindow;
import org.jointchat.room.RoomService;

/**
 * The rules of drafts: only members of a room keep drafts in it; a draft is at most the message limit
 * ({@value MessageRules#TEXT_MAX} characters); saving an empty (or blank) text deletes it. Each change that
 * touched a row fires {@link DraftChanged}.
 */
@ApplicationScoped
public class DraftService {

    /** What a client may call itself in {@code origin}: the alphabet and length of a clientId. */
    private static final Pattern ORIGIN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /**
     * Saves per user and minute over all rooms: a composer saves about once a second while typing goes on, and each
     * save writes a row and a frame to every socket of the user (on every instance).
     */
    private static final int SAVES_PER_MINUTE = 120;
    private static final Duration SAVE_WINDOW = Duration.ofMinutes(1);

    private final SlidingWindow saves = new SlidingWindow();

    @Inject
    Jdbc jdbc;

    @Inject
    RoomService rooms;

    @Inject
    Event<DraftChanged> changed;

    /** The caller's draft in this room (thread 0) or thread, if any. */
    public Optional<Draft> get(UserRef user, long roomId, long thread) {
        requireMember(user, roomId);
        checkThread(thread);
        return jdbc.one("SELECT text, updated_at FROM drafts WHERE user_id = ? AND room_id = ? AND thread_seq = ?",
                row -> new Draft(roomId, thread, row.getString(1), row.getObject(2, OffsetDateTime.class).toInstant()),
                user.id(), roomId, thread);
    }

    /** Every draft of the caller in the rooms they are in, newest first. */
    public List<Draft> list(UserRef user) {
        return jdbc.list("""
                SELECT d.room_id, d.thread_seq, d.text, d.updated_at FROM drafts d
                  JOIN memberships m ON m.room_id = d.room_id AND m.user_id = d.user_id
                 WHERE d.user_id = ? ORDER BY d.updated_at DESC LIMIT 1000""",
                row -> new Draft(row.getLong(1), row.getLong(2), row.getString(3), row.getObject(4, OffsetDateTime.class).toInstant()),
                user.id());
    }

    /**
     * Saves the draft (empty or blank text: deletes it); the draft as stored, or empty when there is none now.
     * {@code origin}: the saving client's own name for itself, echoed in the {@code draft} frame (optional).
     */
    public Optional<Draft> save(UserRef user, long roomId, long thread, String text, String origin) {
        requireMember(user, roomId);
        checkThread(thread);
        if (text == null) {
            throw new ProblemException(ProblemType.VALIDATION);
        }
        if (origin != null && !ORIGIN.matcher(origin).matches()) {
            throw new ProblemException(ProblemType.VALIDATION);
        }
        if (text.codePointCount(0, text.length()) > MessageRules.TEXT_MAX) {
            throw new ProblemException(ProblemType.TOO_LONG);
        }
        if (text.indexOf('\0') >= 0) {
            throw new ProblemException(ProblemType.VALIDATION); // PostgreSQL text cannot hold it; no composer types it
        }
        if (thread > 0 && jdbc.one("SELECT 1 FROM messages WHERE room_id = ? AND seq = ? AND system_event IS NULL AND thread_seq IS NULL",
                row -> 1, roomId, thread).isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION); // a thread's draft is under a message that can start one
        }
        if (saves.users() > 10_000) {
            saves.forgetIdle(SAVE_WINDOW);
        }
        if (!saves.tryAcquire(user.id(), SAVES_PER_MINUTE, SAVE_WINDOW)) {
            throw new ProblemException(ProblemType.RATE_LIMITED, SAVE_WINDOW);
        }
        if (text.isBlank()) {
            int deleted = jdbc.update("DELETE FROM drafts WHERE user_id = ? AND room_id = ? AND thread_seq = ?", user.id(), roomId, thread);
            if (deleted > 0) {
                changed.fire(new DraftChanged(user.login(), roomId, thread, "", Instant.now(), origin));
            }
            return Optional.empty();
        }
        var stored = jdbc.one("""
                INSERT INTO drafts (user_id, room_id, thread_seq, text, updated_at) VALUES (?, ?, ?, ?, clock_timestamp())
                ON CONFLICT (user_id, room_id, thread_seq) DO UPDATE SET text = EXCLUDED.text, updated_at = EXCLUDED.updated_at
                RETURNING updated_at""",
                row -> new Draft(roomId, thread, text, row.getObject(1, OffsetDateTime.class).toInstant()),
                user.id(), roomId, thread, text).orElseThrow();
        changed.fire(new DraftChanged(user.login(), roomId, thread, text, stored.updatedAt(), origin));
        return Optional.of(stored);
    }

    private void requireMember(UserRef user, long roomId) {
        switch (rooms.access(roomId, user.id())) {
            case MEMBER -> { }
            case NOT_MEMBER -> throw new ProblemException(ProblemType.NOT_MEMBER);
            case NOT_FOUND -> throw new ProblemException(ProblemType.NOT_FOUND);
        }
    }

    private static void checkThread(long thread) {
        if (thread < 0) {
            throw new ProblemException(ProblemType.VALIDATION);
        }
    }
}
