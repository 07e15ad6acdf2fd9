package org.jointchat.admin;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jointchat.account.RegistrationPolicy;
import org.jointchat.audit.AuditLog;

/**
 * How the administration API shows users, invites and audit entries (times as ISO-8601 instants). Every field is
 * always there, null when it has no value (an audit entry's actor is null for the machine's own command line).
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

    static String instant(OffsetDateTime time) {
        return time == null ? null : DateTimeFormatter.ISO_INSTANT.format(time.toInstant().truncatedTo(ChronoUnit.MILLIS));
    }
}
