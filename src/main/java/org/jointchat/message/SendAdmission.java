package org.jointchat.message;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jointchat.account.UserRef;
import org.jointchat.message.MessageWriter.Job;
import org.jointchat.message.MessageWriter.Pending;

/**
 * The writer's own rules for a send ({@link WriteAdmission}: member, not muted, room not archived, announcement
 * rooms; {@link SendBatch#checkedReferences}: the quoted message, the attachments), asked for a send that is not
 * written now: a scheduled message is refused when it is scheduled just as it would be when sent.
 */
public final class SendAdmission {

    private SendAdmission() {
    }

    /** Throws the writer's refusal (a ChatException) for this send, on the caller's connection and transaction. */
    public static void require(Connection c, UserRef author, long roomId, String text, String clientId, Long replyTo,
            List<Long> attachments) throws SQLException {
        var send = new Pending(author, roomId, text, null, clientId, replyTo, attachments == null ? List.of() : attachments,
                new CompletableFuture<>(), null, false);
        Map<Job, ChatException> refusals = new HashMap<>();
        var allowed = WriteAdmission.allowed(c, List.of(send), List.of(), refusals, new HashSet<>());
        if (!allowed.isEmpty()) {
            SendBatch.checkedReferences(c, List.of(send), refusals);
        }
        var refusal = refusals.get(send);
        if (refusal != null) {
            throw refusal;
        }
    }
}
