package org.jointchat.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.jointchat.thread.ThreadNews;

/**
 * A followed thread's news to its follower's own sockets on this instance (all their tabs), as a {@code thread} frame
 * (docs/protocol.md, "Threads"). News made on another instance arrives relayed ({@link ClusteredFanout}) and is
 * observed here too.
 */
@ApplicationScoped
public class ThreadAnnouncer {

    @Inject
    ConnectionRegistry connections;

    void announce(@Observes(during = TransactionPhase.AFTER_SUCCESS) ThreadNews news) {
        connections.toUser(news.login(), frame(news));
    }

    static String frame(ThreadNews n) {
        var frame = Frames.JSON.createObjectBuilder().add("type", "thread").add("room", n.room()).add("root", n.root())
                .add("replies", n.replies()).add("unread", n.unread());
        if (n.lastReplyAt() == null) {
            frame.addNull("lastReplyAt");
        } else {
            frame.add("lastReplyAt", n.lastReplyAt());
        }
        return frame.add("following", n.following()).build().toString();
    }
}
