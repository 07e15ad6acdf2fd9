package org.jointchat.message.scheduled;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.Serializable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.jointchat.message.MessageJson;

/**
 * A message waiting for its time, as its author sees it.
 *
 * @param state pending, sent or failed
 * @param sentSeq the seq of the message it became (sent), else null
 * @param failure why it was not sent (failed: the writer's error code, e.g. NOT_MEMBER), else null
 */
public record ScheduledMessage(long id, long roomId, String text, Long replyTo, List<Long> attachments, String clientId,
        Instant sendAt, Instant createdAt, String state, Long sentSeq, String failure) implements Serializable {

    private static final JsonProvider JSON = JsonProvider.provider();

    /** The columns {@link #of} reads, in its order (table alias {@code s}). */
    static final String COLUMNS = "s.id, s.room_id, s.text, s.reply_to, s.attachments, s.client_id, s.send_at, s.created_at, "
            + "s.state, s.sent_seq, s.failure";

    public ScheduledMessage {
        attachments = List.copyOf(attachments);
    }

    static ScheduledMessage of(ResultSet row) throws SQLException {
        var ids = (Long[]) row.getArray(5).getArray();
        long seq = row.getLong(10);
        Long sentSeq = row.wasNull() ? null : seq;
        long reply = row.getLong(4);
        Long replyTo = row.wasNull() ? null : reply;
        return new ScheduledMessage(row.getLong(1), row.getLong(2), row.getString(3), replyTo, Arrays.asList(ids),
                row.getString(6), row.getObject(7, OffsetDateTime.class).toInstant(), row.getObject(8, OffsetDateTime.class).toInstant(),
                row.getString(9), sentSeq, row.getString(11));
    }

    /** As the REST API and the {@code scheduled} frame show it (docs/api.md, "Scheduled messages"). */
    public JsonObjectBuilder json() {
        var json = JSON.createObjectBuilder().add("id", id).add("room", roomId).add("text", text);
        if (replyTo != null) {
            json.add("replyTo", replyTo);
        }
        var files = JSON.createArrayBuilder();
        attachments.forEach(files::add);
        json.add("attachments", files).add("clientId", clientId).add("sendAt", MessageJson.time(sendAt))
                .add("createdAt", MessageJson.time(createdAt)).add("state", state);
        if (sentSeq != null) {
            json.add("seq", sentSeq);
        }
        if (failure != null) {
            json.add("error", failure);
        }
        return json;
    }
}
