package org.jointchat.realtime;

import static org.jointchat.realtime.InboundFrames.number;
import static org.jointchat.realtime.InboundFrames.numbers;
import static org.jointchat.realtime.InboundFrames.optionalNumber;
import static org.jointchat.realtime.InboundFrames.present;
import static org.jointchat.realtime.InboundFrames.string;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.jointchat.message.ChatError;
import org.jointchat.message.ChatException;
import org.jointchat.message.scheduled.ScheduledMessages;

/**
 * A {@code send} frame with {@code sendAt} (scheduled messages, issue 22, item 7): stored by
 * {@link ScheduledMessages}, answered with an {@code ack} that carries the scheduled message's id
 * ({@code scheduled}) instead of a seq; a refusal is the usual {@code error} frame (thrown to ChatHub).
 */
@ApplicationScoped
public class ScheduledSends {

    @Inject
    ScheduledMessages scheduled;

    void schedule(Connection connection, JsonObject frame, String clientId) {
        if (present(frame, "thread")) {
            throw new ChatException(ChatError.INVALID, "a thread reply cannot be scheduled");
        }
        var result = scheduled.schedule(connection.user(), number(frame, "room"), string(frame, "text"), clientId,
                optionalNumber(frame, "replyTo"), numbers(frame, "attachments"), string(frame, "sendAt"));
        var m = result.message();
        connection.send(Frames.JSON.createObjectBuilder().add("type", "ack").add("clientId", m.clientId()).add("room", m.roomId())
                .add("scheduled", m.id()).add("sendAt", Frames.time(m.sendAt())).build().toString());
    }
}
