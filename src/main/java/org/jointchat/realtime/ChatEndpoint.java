package org.jointchat.realtime;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The realtime endpoint {@code /ws} (protocol: docs/protocol.md). Handshakes reach it only signed in and
 * from an allowed Origin ({@link HandshakeGuard}). One stateless instance serves every socket; per-socket
 * state is a {@link Connection} in the session's user properties.
 */
@ServerEndpoint(value = "/ws", configurator = ChatEndpoint.SingleInstance.class)
public class ChatEndpoint {

    /** Largest frame accepted; larger ones close the socket with 1009 (a message holds at most 4,000 characters). */
    static final int MAX_FRAME_BYTES = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

    private volatile ChatHub hub;

    private ChatHub hub() {
        var h = hub;
        if (h == null) {
            h = CDI.current().select(ChatHub.class).get();
            hub = h;
        }
        return h;
    }

    @OnOpen
    public void onOpen(Session session) {
        session.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        // No container idle timer: Tyrus would reschedule it (through the managed executor, costly) on every
        // frame sent or received. Silent sockets are closed by our Heartbeat instead.
        session.setMaxIdleTimeout(0);
        hub().opened(session);
    }

    @OnMessage(maxMessageSize = MAX_FRAME_BYTES)
    public void onText(String text, Session session) {
        hub().received(session, text);
    }

    @OnMessage
    public void onPong(PongMessage pong, Session session) {
        hub().ponged(session);
    }

    @OnClose
    public void onClose(Session session, CloseReason reason) {
        hub().closed(session);
    }

    @OnError
    public void onError(Session session, Throwable failure) {
        LOG.log(Level.FINE, "WebSocket error", failure);
    }

    /** No endpoint object per socket: the endpoint holds no per-socket state. */
    public static class SingleInstance extends ServerEndpointConfig.Configurator {
        private static final ChatEndpoint INSTANCE = new ChatEndpoint();

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return (T) INSTANCE;
        }
    }
}
