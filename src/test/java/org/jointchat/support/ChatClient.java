package org.jointchat.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A WebSocket chat client as a third party would write one (JDK java.net.http), recording every frame. */
public final class ChatClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(20);

    /** Frames received and not yet taken, in arrival order. Taking one frame leaves the others in place. */
    private final List<JsonObject> frames = new ArrayList<>();
    /** When each frame arrived (System.nanoTime), by identity. */
    private final java.util.Map<JsonObject, Long> arrivals = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason;
    private final WebSocket socket;
    public final JsonObject hello;

    private ChatClient(WebSocket.Builder builder, URI uri) {
        this(builder, uri, true);
    }

    private ChatClient(WebSocket.Builder builder, URI uri, boolean awaitHello) {
        this.socket = builder.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try (var reader = Json.createReader(new StringReader(partial.toString()))) {
                        var frame = reader.readObject();
                        arrivals.put(frame, System.nanoTime());
                        synchronized (frames) {
                            frames.add(frame);
                            frames.notifyAll();
                        }
                    }
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
                ws.request(1); // the JDK answers with a pong by itself
                return null;
            }

            @Override
            public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closeReason = reason;
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(-1);
            }
        }).join();
        this.hello = awaitHello ? next(f -> "hello".equals(f.getString("type"))) : null;
    }

    /** Opens a socket without waiting for hello (for sockets the server may close at once). */
    public static ChatClient open(URI base, String token) {
        var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token);
        return new ChatClient(builder, wsUri(base), false);
    }

    /** Connects with a bearer token (and an Origin header, when not null). */
    public static ChatClient connect(URI base, String token, String origin) {
        var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return new ChatClient(builder, wsUri(base));
    }

    /** Connects as a browser does: with the session cookie of a signed-in page. */
    public static ChatClient connectWithSession(URI base, String sessionId) {
        var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .header("Cookie", "JSESSIONID=" + sessionId);
        return new ChatClient(builder, wsUri(base));
    }

    /** Connects with a one-use ticket from POST /api/v1/ws-ticket (issue 24), no other credential. */
    public static ChatClient connectWithTicket(URI base, String ticket) {
        var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        return new ChatClient(builder, URI.create(wsUri(base) + "?ticket=" + ticket));
    }

    public static URI wsUri(URI base) {
        return URI.create(base.toString().replaceFirst("^http", "ws")).resolve("ws");
    }

    /**
     * Sends a ping and waits for its pong: every frame the server sent this socket before has then arrived
     * (one socket, one order). Returns those still untaken. A marker instead of a fixed wait.
     */
    public List<JsonObject> settle() {
        send(Json.createObjectBuilder().add("type", "ping").build());
        next("pong");
        return pending();
    }

    public void send(JsonObject frame) {
        sendRaw(frame.toString());
    }

    public synchronized void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    public void sendMessage(long room, String text, String clientId) {
        send(Json.createObjectBuilder().add("type", "send").add("room", room).add("text", text).add("clientId", clientId).build());
    }

    public void sync(long room, long afterSeq) {
        send(Json.createObjectBuilder().add("type", "sync").add("room", room).add("afterSeq", afterSeq).build());
    }

    /** Takes the first frame matching (waiting up to {@link #WAIT}); other frames stay for later takes. */
    public JsonObject next(Predicate<JsonObject> matching) {
        var frame = poll(matching, WAIT);
        if (frame == null) {
            throw new AssertionError("no matching frame within " + WAIT + "; pending: " + pending());
        }
        return frame;
    }

    public JsonObject next(String type) {
        return next(ofType(type));
    }

    public static Predicate<JsonObject> ofType(String type) {
        return f -> type.equals(f.getString("type", null));
    }

    /** A presence frame that says this user is (or is not) online. */
    public static Predicate<JsonObject> presenceOf(String login, boolean online) {
        return f -> "presence".equals(f.getString("type")) && f.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                .anyMatch(u -> u.getString("login").equals(login) && u.getBoolean("online") == online);
    }

    private JsonObject poll(Predicate<JsonObject> matching, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (frames) {
            while (true) {
                for (var it = frames.iterator(); it.hasNext(); ) {
                    var frame = it.next();
                    if (matching.test(frame)) {
                        it.remove();
                        return frame;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(frames, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    /** All frames matching that arrive within the given time (taken). */
    public List<JsonObject> collect(Predicate<JsonObject> matching, Duration during) {
        var result = new ArrayList<JsonObject>();
        long deadline = System.nanoTime() + during.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            var frame = left > 0 ? poll(matching, Duration.ofNanos(left)) : poll(matching, Duration.ZERO);
            if (frame == null) {
                return result;
            }
            result.add(frame);
        }
    }

    /** Exactly n frames matching, in arrival order. */
    public List<JsonObject> take(Predicate<JsonObject> matching, int n) {
        var result = new ArrayList<JsonObject>(n);
        while (result.size() < n) {
            result.add(next(matching));
        }
        return result;
    }

    public List<JsonObject> take(String type, int n) {
        return take(ofType(type), n);
    }

    public void clear() {
        synchronized (frames) {
            frames.clear();
        }
    }

    public List<JsonObject> pending() {
        synchronized (frames) {
            return new ArrayList<>(frames);
        }
    }

    /** When a frame arrived (System.nanoTime). */
    public long arrivedAt(JsonObject frame) {
        return arrivals.getOrDefault(frame, 0L);
    }

    /** Watches the presence of these users ({@code watch} frame) and returns the server's answer. */
    public JsonObject watch(String... logins) {
        var array = Json.createArrayBuilder();
        for (String login : logins) {
            array.add(login);
        }
        send(Json.createObjectBuilder().add("type", "watch").add("logins", array).build());
        return next("presence");
    }

    /** The reason the server gave when it closed the socket (after {@link #awaitClosed()}). */
    public String closeReason() {
        return closeReason;
    }

    /** Whether the socket is closed (by either side, or broken). */
    public boolean isClosed() {
        return closed.isDone();
    }

    public int awaitClosed() throws Exception {
        return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null).join();
        }
        try {
            closed.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }
}
