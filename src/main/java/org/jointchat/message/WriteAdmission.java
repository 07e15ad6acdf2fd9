package org.jointchat.message;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jointchat.account.UserRef;
import org.jointchat.message.MessageWriter.Change;
import org.jointchat.message.MessageWriter.ChangeKind;
import org.jointchat.message.MessageWriter.Job;
import org.jointchat.message.MessageWriter.Pending;
import org.jointchat.room.RoomStanding;

/**
 * Which of a batch's jobs the room's rules allow now, decided in the writing transaction with the rooms' rows
 * locked ({@link RoomStanding}), so no membership or moderation change can slip between this check and the
 * commit. This is also where moderation holds for every send without a round trip of its own: the same two
 * queries read the room's flags (archived, announcement), the sender's mute and (only where it matters:
 * deletions, announcement and archived rooms) whether they moderate the room.
 */
final class WriteAdmission {

    private WriteAdmission() {
    }

    /**
     * The allowed jobs; the others are refused (not a member, muted, archived, announcement room) into
     * {@code refusals}. {@code moderating} receives the jobs whose user moderates the room.
     */
    static List<Job> allowed(Connection c, List<Pending> sends, List<Change> changes, Map<Job, ChatException> refusals,
            Set<Job> moderating) throws SQLException {
        var jobs = new ArrayList<Job>(sends.size() + changes.size());
        jobs.addAll(sends);
        jobs.addAll(changes);
        if (jobs.isEmpty()) {
            return jobs;
        }
        var rooms = RoomStanding.lock(c, jobs.stream().map(Job::roomId).distinct().toArray());
        var archived = rooms.archived();
        var announcement = rooms.announcement();
        var standings = RoomStanding.of(c, jobs.stream().map(Job::roomId).toList(),
                jobs.stream().map(j -> userOf(j).id()).toList(),
                jobs.stream().map(j -> isDeletion(j) || announcement.contains(j.roomId()) || archived.contains(j.roomId())).toList());
        var member = standings.member();
        var moderates = standings.moderates();
        var mutedUntil = standings.mutedUntil();
        var allowed = new ArrayList<Job>(jobs.size());
        for (var job : jobs) {
            String kind = rooms.kindOf().get(job.roomId());
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
        return job instanceof Change change && change.kind() == ChangeKind.DELETE;
    }

    private static UserRef userOf(Job job) {
        return job instanceof Pending p ? p.author() : ((Change) job).actor();
    }
}
