package org.jointchat.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jointchat.receipt.ReadReceiptSeen;

/**
 * Read receipts made live (issue 22, item 3): a {@code seen} frame to the sockets of the room's members who share
 * receipts, for this instance's events and relayed ones alike (each instance tells its own sockets). Not versioned: a
 * read mark is not a change of a message; after a reconnect the page reads the readers again.
 */
@ApplicationScoped
public class ReceiptAnnouncer {

    @Inject
    ConnectionRegistry connections;

    void seen(@Observes ReadReceiptSeen seen) {
        String frame = frame(seen);
        seen.audience().forEach(login -> connections.toUser(login, frame));
    }

    static String frame(ReadReceiptSeen seen) {
        return Frames.JSON.createObjectBuilder().add("type", "seen").add("room", seen.roomId()).add("login", seen.login())
                .add("displayName", seen.displayName()).add("seq", seen.seq()).build().toString();
    }
}
