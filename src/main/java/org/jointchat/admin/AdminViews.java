package org.jointchat.admin;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jointchat.account.RegistrationPolicy;
import org.jointchat.audit.AuditLog;
import org.jointchat.report.Reports;

/**
 * How the administration API shows users, invites, audit entries, rooms and reports (times as ISO-8601 instants).
 * Every field is always there, null when it has no value (an audit entry's actor is null for the machine's own
 * command line).
 */
public final class AdminViews {

    private AdminViews() {
    }

    @JsonbNillable
    public record UserView(String login, String displayName, boolean admin, boolean deactivated, String deactivatedAt,
            boolean mustChangePassword, String createdAt, String lastSeen) {

        public static UserView of(ManagedUser user) {
            return new UserView(user.login(), user.displayName(), user.admin(), user.isDeactivated(), instant(user.deactivatedAt()),
                    user.mustChangePassword(), instant(user.createdAt()), instant(user.lastSeenAt()));
        }
    }

    @JsonbNillable
    public record InviteView(String id, String createdBy, String createdAt, String expiresAt, int maxUses, int uses,
            String revokedAt, boolean usable) {

        public static InviteView of(RegistrationPolicy.Invite invite) {
            return new InviteView(invite.id(), invite.createdBy(), instant(invite.createdAt()), instant(invite.expiresAt()),
                    invite.maxUses(), invite.uses(), instant(invite.revokedAt()), invite.isUsable());
        }
    }

    @JsonbNillable
    public record AuditView(long id, String at, String actor, String action, String target, String details) {

        public static AuditView of(AuditLog.Entry entry) {
            return new AuditView(entry.id(), instant(entry.at()), entry.actor(), entry.action(), entry.target(), entry.details());
        }
    }

    /** A room as the administration lists it: metadata only. */
    @JsonbNillable
    public record RoomView(long id, String name, String kind, String topic, String owner, long memberCount,
            boolean announcement, boolean archived, String archivedAt, String createdAt, long lastSeq) {

        public static RoomView of(RoomAdministration.ManagedRoom room) {
            return new RoomView(room.id(), room.name(), room.kind(), room.topic(), room.owner(), room.memberCount(),
                    room.announcement(), room.archivedAt() != null, instant(room.archivedAt()), instant(room.createdAt()),
                    room.lastSeq());
        }
    }

    /** A report with the reported message as it is now (docs/api.md, "Administration: rooms and reports"). */
    @JsonbNillable
    public record ReportView(long id, long room, String roomName, String roomKind, long seq, String author, String authorName,
            String text, String sentAt, boolean deleted, boolean removedByModerator, String reporter, String reason,
            String createdAt, long reports, String resolvedAt, String resolvedBy, String resolution) {

        public static ReportView of(Reports.Report r) {
            return new ReportView(r.id(), r.room(), r.roomName(), r.roomKind(), r.seq(), r.author(), r.authorName(), r.text(),
                    instant(r.sentAt()), r.deleted(), r.removedByModerator(), r.reporter(), r.reason(), instant(r.createdAt()),
                    r.reports(), instant(r.resolvedAt()), r.resolvedBy(), r.resolution());
        }
    }

    static String instant(Instant time) {
        return time == null ? null : DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.MILLIS));
    }

    static String instant(OffsetDateTime time) {
        return time == null ? null : DateTimeFormatter.ISO_INSTANT.format(time.toInstant().truncatedTo(ChronoUnit.MILLIS));
    }
}
