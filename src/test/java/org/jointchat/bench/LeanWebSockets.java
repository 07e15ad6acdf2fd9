package org.jointchat.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal WebSocket client (RFC 6455) for crowds: one selector thread drives thousands of sockets, so
 * that the load tool, which shares the machine with the server, spends far less CPU per connection than
 * the JDK's client (about 3 ms per handshake there). Text frames, ping/pong and close; no extensions.
 * Listeners run on the selector thread and must not block.
 */
final class LeanWebSockets implements AutoCloseable {

    /** What a socket tells its owner. */
    interface Listener {
        void onOpen(Conn conn);

        void onText(Conn conn, String text);

        /** Closed after being open (by the server, or the connection broke); the reason may be empty. */
        void onClosed(Conn conn, int code, String reason);

        /** The handshake was answered with another status than 101 (503: retryAfter seconds, else -1). */
        void onRefused(Conn conn, int status, long retryAfterSeconds);

        /** The connection or handshake failed (refused, reset, timed out). */
        void onFailed(Conn conn, String why);
    }

    private static final long HANDSHAKE_TIMEOUT_NANOS = 30_000_000_000L;
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private final InetSocketAddress address;
    private final String host;
    private final String path;
    private final Selector selector;
    private final Thread loop;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Set<Conn> handshaking = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    /** Issue 24 (handshake): each socket first asks POST /api/v1/ws-ticket, then opens /ws?ticket= on the same connection. */
    private volatile boolean tickets;

    LeanWebSockets withTickets(boolean useTickets) {
        this.tickets = useTickets;
        return this;
    }

    LeanWebSockets(URI uri, String name) throws IOException {
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.host = uri.getHost() + ":" + uri.getPort();
        this.path = uri.getRawPath();
        this.selector = Selector.open();
        this.loop = new Thread(this::run, name);
        this.loop.setDaemon(true);
        this.loop.start();
    }

    /** Opens a socket with a bearer token; the listener hears how it goes. */
    Conn connect(String token, Listener listener) {
        return connect(token, listener, null);
    }

    /** Direct messages (issue 24, item 5): the same, from a source address of its own (null: the system's choice). */
    Conn connect(String token, Listener listener, java.net.InetAddress from) {
        var conn = new Conn(token, listener, from);
        execute(conn::start);
        return conn;
    }

    private void execute(Runnable task) {
        if (Thread.currentThread() == loop) {
            task.run();
        } else {
            tasks.add(task);
            selector.wakeup();
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
    }

    private void run() {
        long lastTimeoutCheck = System.nanoTime();
        while (running) {
            try {
                selector.select(100);
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    var key = it.next();
                    it.remove();
                    var conn = (Conn) key.attachment();
                    try {
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isConnectable()) {
                            conn.connected();
                        } else {
                            if (key.isReadable()) {
                                conn.read();
                            }
                            if (key.isValid() && key.isWritable()) {
                                conn.flush();
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        conn.broken(e.getClass().getSimpleName());
                    }
                }
                long now = System.nanoTime();
                if (now - lastTimeoutCheck > 1_000_000_000L) {
                    lastTimeoutCheck = now;
                    for (var conn : handshaking) {
                        if (now - conn.startedAt > HANDSHAKE_TIMEOUT_NANOS) {
                            conn.broken("HandshakeTimeout");
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // keep the loop alive; a broken key was handled above
            }
        }
        for (var key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** One socket. Everything but {@link #sendText} and {@link #close} runs on the selector thread. */
    final class Conn {
        private final String token;
        private final Listener listener;
        private final java.net.InetAddress from;
        private SocketChannel channel;
        private SelectionKey key;
        private ByteBuffer in = ByteBuffer.allocate(2048);
        private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>(2);
        private boolean open;
        private boolean done;
        private long startedAt;
        private ByteArrayOutputStream fragments;
        volatile Object attachment;

        private Conn(String token, Listener listener, java.net.InetAddress from) {
            this.token = token;
            this.listener = listener;
            this.from = from;
        }

        private void start() {
            try {
                startedAt = System.nanoTime();
                handshaking.add(this);
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                if (from != null) {
                    channel.bind(new InetSocketAddress(from, 0));
                }
                key = channel.register(selector, SelectionKey.OP_CONNECT, this);
                if (channel.connect(address)) {
                    connected();
                }
            } catch (IOException | RuntimeException e) {
                broken(e.getClass().getSimpleName());
            }
        }

        private void connected() throws IOException {
            channel.finishConnect();
            key.interestOps(SelectionKey.OP_READ);
            if (tickets) {
                ticketPending = true;
                String ask = "POST " + path.substring(0, path.length() - "ws".length()) + "api/v1/ws-ticket HTTP/1.1\r\nHost: " + host
                        + "\r\nAuthorization: Bearer " + token + "\r\nContent-Length: 0\r\n\r\n";
                write(ByteBuffer.wrap(ask.getBytes(StandardCharsets.US_ASCII)));
                return;
            }
            upgrade("", "Authorization: Bearer " + token + "\r\n");
        }

        private void upgrade(String query, String credentialHeader) throws IOException {
            byte[] keyBytes = new byte[16];
            ThreadLocalRandom.current().nextBytes(keyBytes);
            String request = "GET " + path + query + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + java.util.Base64.getEncoder().encodeToString(keyBytes) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n" + credentialHeader + "\r\n";
            write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        }

        private boolean ticketPending;

        /** The ticket's answer, once complete: then the upgrade is sent with it (true); a refusal is reported. */
        private boolean ticketAnswered() throws IOException {
            int end = indexOf(in, HEADER_END);
            if (end < 0) {
                return false;
            }
            byte[] all = new byte[in.remaining()];
            in.get(in.position(), all);
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int headEnd = end; // indexOf counts from the position
            String head = text.substring(0, headEnd);
            int bodyStart = headEnd + HEADER_END.length;
            int bodyEnd;
            var length = java.util.regex.Pattern.compile("(?im)^Content-Length:\\s*(\\d+)").matcher(head);
            if (length.find()) {
                bodyEnd = bodyStart + Integer.parseInt(length.group(1));
                if (text.length() < bodyEnd) {
                    return false;
                }
            } else {
                int last = text.indexOf("\r\n0\r\n\r\n", bodyStart);
                if (last < 0) {
                    return false;
                }
                bodyEnd = last + 7;
            }
            in.position(in.position() + bodyEnd);
            ticketPending = false;
            int status = Integer.parseInt(head.substring(9, 12));
            var ticket = java.util.regex.Pattern.compile("\"ticket\"\\s*:\\s*\"([^\"]+)\"").matcher(text.substring(bodyStart, bodyEnd));
            if (status != 201 || !ticket.find()) {
                long retryAfter = -1;
                for (String line : head.split("\r\n")) {
                    if (line.regionMatches(true, 0, "Retry-After:", 0, 12)) {
                        retryAfter = Long.parseLong(line.substring(12).strip());
                    }
                }
                handshaking.remove(this);
                finish();
                listener.onRefused(this, status, retryAfter);
                return false;
            }
            upgrade("?ticket=" + ticket.group(1), "");
            return true;
        }

        private void read() throws IOException {
            if (!in.hasRemaining()) {
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            int n = channel.read(in);
            if (n < 0) {
                broken("EOF");
                return;
            }
            in.flip();
            try {
                if (ticketPending && !ticketAnswered()) {
                    return;
                }
                if (!open && !handshakeDone()) {
                    return;
                }
                while (!done && frame()) {
                    // one frame handled; look for the next
                }
            } finally {
                if (!done) {
                    in.compact();
                }
            }
        }

        /** Parses the handshake answer once it is complete; true when the socket is now open. */
        private boolean handshakeDone() {
            int end = indexOf(in, HEADER_END);
            if (end < 0) {
                return false;
            }
            byte[] head = new byte[end];
            in.get(head);
            in.position(in.position() + HEADER_END.length);
            String text = new String(head, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(text.substring(9, 12));
            handshaking.remove(this);
            if (status != 101) {
                long retryAfter = -1;
                for (String line : text.split("\r\n")) {
                    if (line.regionMatches(true, 0, "Retry-After:", 0, 12)) {
                        retryAfter = Long.parseLong(line.substring(12).strip());
                    }
                }
                finish();
                listener.onRefused(this, status, retryAfter);
                return false;
            }
            open = true;
            listener.onOpen(this);
            return true;
        }

        /** Handles one complete frame from the buffer; false when more bytes are needed. */
        private boolean frame() throws IOException {
            if (in.remaining() < 2) {
                return false;
            }
            int start = in.position();
            int b0 = in.get(start) & 0xFF;
            int b1 = in.get(start + 1) & 0xFF;
            boolean masked = (b1 & 0x80) != 0;
            long length = b1 & 0x7F;
            int header = 2;
            if (length == 126) {
                if (in.remaining() < 4) {
                    return false;
                }
                length = in.getShort(start + 2) & 0xFFFF;
                header = 4;
            } else if (length == 127) {
                if (in.remaining() < 10) {
                    return false;
                }
                length = in.getLong(start + 2);
                header = 10;
            }
            int maskAt = start + header;
            if (masked) {
                header += 4;
            }
            if (in.remaining() < header + length) {
                if (header + length > in.capacity()) {
                    var bigger = ByteBuffer.allocate((int) (header + length) * 2);
                    bigger.put(in);
                    bigger.flip();
                    in = bigger;
                }
                return false;
            }
            byte[] payload = new byte[(int) length];
            in.position(start + header);
            in.get(payload);
            if (masked) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= in.get(maskAt + (i & 3));
                }
            }
            int opcode = b0 & 0x0F;
            boolean fin = (b0 & 0x80) != 0;
            switch (opcode) {
                case 0x1, 0x0 -> text(payload, fin, opcode == 0x1);
                case 0x9 -> write(clientFrame(0xA, payload));
                case 0x8 -> {
                    int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                    write(clientFrame(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]));
                    finish();
                    listener.onClosed(this, code, reason);
                    return false;
                }
                default -> {
                    // pong and others: nothing to do
                }
            }
            return true;
        }

        private void text(byte[] payload, boolean fin, boolean first) {
            if (first && fin) {
                listener.onText(this, new String(payload, StandardCharsets.UTF_8));
                return;
            }
            if (first || fragments == null) {
                fragments = new ByteArrayOutputStream();
            }
            fragments.write(payload, 0, payload.length);
            if (fin) {
                var whole = fragments.toString(StandardCharsets.UTF_8);
                fragments = null;
                listener.onText(this, whole);
            }
        }

        /** Sends a text frame (from any thread). */
        void sendText(String text) {
            var frame = clientFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
            execute(() -> {
                if (open && !done) {
                    try {
                        write(frame);
                    } catch (IOException e) {
                        broken("IOException");
                    }
                }
            });
        }

        /** Closes normally (from any thread); the listener is not told. */
        void close() {
            execute(() -> {
                if (!done) {
                    if (open) {
                        try {
                            write(clientFrame(0x8, new byte[] {0x03, (byte) 0xE8}));
                        } catch (IOException e) {
                            // closing anyway
                        }
                    }
                    finish();
                }
            });
        }

        private void write(ByteBuffer data) throws IOException {
            out.add(data);
            flush();
        }

        private void flush() throws IOException {
            while (!out.isEmpty()) {
                var next = out.peek();
                channel.write(next);
                if (next.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return;
                }
                out.poll();
            }
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        private void broken(String why) {
            if (done) {
                return;
            }
            boolean wasOpen = open;
            finish();
            if (wasOpen) {
                listener.onClosed(this, 1006, "");
            } else {
                listener.onFailed(this, why);
            }
        }

        private void finish() {
            done = true;
            open = false;
            handshaking.remove(this);
            try {
                if (key != null) {
                    key.cancel();
                }
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                // closed anyway
            }
        }

        boolean isOpen() {
            return open && !done;
        }
    }

    /** A client frame: FIN, the opcode, masked with a random key (clients must mask). */
    private static ByteBuffer clientFrame(int opcode, byte[] payload) {
        int header = payload.length < 126 ? 2 : payload.length < 65536 ? 4 : 10;
        var frame = ByteBuffer.allocate(header + 4 + payload.length);
        frame.put((byte) (0x80 | opcode));
        if (payload.length < 126) {
            frame.put((byte) (0x80 | payload.length));
        } else if (payload.length < 65536) {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return frame.flip();
    }

    private static int indexOf(ByteBuffer buffer, byte[] pattern) {
        outer:
        for (int i = buffer.position(); i <= buffer.limit() - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buffer.get(i + j) != pattern[j]) {
                    continue outer;
                }
            }
            return i - buffer.position();
        }
        return -1;
    }
}
