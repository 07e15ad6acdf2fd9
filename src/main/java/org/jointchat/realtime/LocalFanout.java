package org.jointchat.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.jointchat.account.UserRef;
import org.jointchat.message.ChatMessage;
import org.jointchat.room.RoomChanged;

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

    @Override
    public void roomChanged(RoomChanged change) {
        long roomId = change.room().id();
        change.subscribe().forEach(login -> connections.subscribeUser(login, roomId));
        if ("deleted".equals(change.event())) {
            change.audience().forEach(login -> connections.unsubscribeUser(login, roomId));
        } else if (change.unsubscribe() != null) {
            connections.unsubscribeUser(change.unsubscribe(), roomId);
        }
        String frame = Frames.roomEvent(change.event(), change.room(), change.login());
        change.audience().forEach(login -> connections.toUser(login, frame));
    }

    @Override
    public void readUpTo(String login, long roomId, long seq) {
        connections.toUser(login, Frames.read(roomId, seq));
    }

    @Override
    public void profileChanged(UserRef user, String status) {
        connections.toAll(Frames.profile(user, status));
    }
}
