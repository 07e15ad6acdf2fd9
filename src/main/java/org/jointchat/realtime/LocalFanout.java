package org.jointchat.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.List;
import org.jointchat.account.UserRef;
import org.jointchat.message.ChatMessage;
import org.jointchat.presence.Presence;
import org.jointchat.room.RoomChanged;
import org.jointchat.status.StatusService;

/**
 * Fan-out to the sockets of this one instance: encode once, queue on every subscribed socket. Used through
 * {@link ClusteredFanout}, which adds the other instances when there are any.
 */
@ApplicationScoped
@Typed(LocalFanout.class)
public class LocalFanout implements Fanout {

    @Inject
    ConnectionRegistry connections;

    @Inject
    PresenceWatch watch;

    @Inject
    StatusService statuses;

    @Override
    public void messagesCommitted(List<ChatMessage> messages) {
        for (var message : messages) {
            connections.toRoom(message.roomId(), Frames.message(message));
        }
    }

    @Override
    public void messagesChanged(List<ChatMessage> messages) {
        for (var message : messages) {
            connections.toRoom(message.roomId(), Frames.changed(message));
        }
    }

    @Override
    public void presenceChanged(Presence now) {
        watch.changed(now);
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
    public void toUser(String login, String frame) {
        connections.toUser(login, frame);
    }

    @Override
    public void readUpTo(String login, long roomId, long seq) {
        connections.toUser(login, Frames.read(roomId, seq));
    }

    @Override
    public void profileChanged(UserRef user, String status) {
        // Status and do-not-disturb (issue 22, item 4): the frame carries the whole status; the text as just stored.
        String frame = StatusFrames.profile(user, statuses.of(user.login()).withText(status));
        connections.toUser(user.login(), frame);
        for (var connection : watch.watchersOf(user.login())) {
            if (!connection.user().login().equals(user.login())) {
                connection.send(frame);
            }
        }
    }
}
