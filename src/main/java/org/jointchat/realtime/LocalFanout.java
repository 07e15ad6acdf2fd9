package org.jointchat.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.jointchat.account.UserRef;
import org.jointchat.message.ChatMessage;

/** Fan-out to the sockets of this one instance: encode once, queue on every subscribed socket. */
@ApplicationScoped
public class LocalFanout implements Fanout {

    @Inject
    ConnectionRegistry connections;

    @Override
    public void messagesCommitted(List<ChatMessage> messages) {
        for (var message : messages) {
            connections.toRoom(message.roomId(), Frames.message(message));
        }
    }

    @Override
    public void presenceChanged(UserRef user, boolean online, Instant lastSeen) {
        connections.toAll(Frames.presence(user, online, lastSeen));
    }

    @Override
    public void typing(long roomId, UserRef user) {
        connections.toRoomExcept(roomId, user.login(), Frames.typing(roomId, user));
    }
}
