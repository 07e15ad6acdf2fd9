package org.jointchat.realtime;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jointchat.message.scheduled.ScheduledChanged;
import org.jointchat.platform.Cluster;

/**
 * Tells a user's sockets that one of their scheduled messages was scheduled, changed, sent, failed or cancelled
 * (the {@code scheduled} frame): this instance's sockets at once, the other instances' through a grid channel of
 * its own (whichever instance sent a message, the author may be connected to another).
 */
@ApplicationScoped
public class ScheduledAnnouncer {

    private static final Logger LOG = Logger.getLogger(ScheduledAnnouncer.class.getName());
    static final String CHANNEL = "scheduled";
    private static final byte FRAME = 'S';

    @Inject
    ConnectionRegistry connections;

    @Inject
    Cluster cluster;

    /** Subscribed when the application starts. */
    void boot(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // The observer itself makes the bean (and its subscription) exist.
    }

    @PostConstruct
    void start() {
        if (cluster.enabled()) {
            cluster.subscribe(CHANNEL, (from, payload) -> received(payload));
        }
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ScheduledChanged change) {
        String frame = change.frame();
        connections.toUser(change.login(), frame);
        if (cluster.enabled()) {
            byte[] json = frame.getBytes(StandardCharsets.UTF_8);
            cluster.publish(CHANNEL, Cluster.message(FRAME, out -> {
                out.writeUTF(change.login());
                out.writeInt(json.length);
                out.write(json);
            }));
        }
    }

    private void received(byte[] payload) {
        try (var in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readByte() != FRAME) {
                return;
            }
            String login = in.readUTF();
            connections.toUser(login, new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Unreadable scheduled-message news from another instance", e);
        }
    }
}
