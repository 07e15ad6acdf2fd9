package org.jointchat.realtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The warm-up's client ({@link Warmup}): loopback WebSockets through the real {@code /ws}, a few at a time. Each
 * waits for hello, sends a watch of nobody and pings, takes the answers and closes. A handshake that is
 * refused (the application is still deploying: 404; admission: 503) is tried again shortly. Ends when all
 * handshakes are done or the time is up, whichever is first.
 */
final class WarmupRun implements Runnable {

    private static final Logger LOG = Logger.getLogger(WarmupRun.class.getName());

    private final Warmup warmup;
    private final URI uri;
    private final String token;
    private final int handshakes;
    private final int frames;
    private final int concurrency;
    private final Duration limit;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();

    WarmupRun(Warmup warmup, String uri, String token, int handshakes, int frames, int concurrency, Duration limit) {
        this.warmup = warmup;
        this.uri = URI.create(uri);
        this.token = token;
        this.handshakes = handshakes;
        this.frames = frames;
        this.concurrency = concurrency;
        this.limit = limit;
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        String summary;
        try {
            var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            var slots = new Semaphore(concurrency);
            var started = new AtomicInteger(); // a handshake that failed is not counted: it is tried again
            while (started.get() < handshakes && System.nanoTime() < deadline) {
                if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                started.incrementAndGet();
                one(client).whenComplete((wasOpened, failure) -> {
                    if (!wasOpened) {
                        started.decrementAndGet();
                    }
                    slots.release();
                });
                if (opened.get() == 0) {
                    Thread.sleep(200); // the application may still be deploying (404): no hurry before the first socket
                }
            }
            long left = Math.max(0, deadline - System.nanoTime());
            slots.tryAcquire(concurrency, left, TimeUnit.NANOSECONDS); // the last ones in flight
            summary = "done: " + completed.get() + " of " + handshakes + " sockets opened and closed (" + opened.get()
                    + " opened, " + refused.get() + " handshakes refused and retried, " + received.get() + " frames received) in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms" + (completed.get() < handshakes ? " (time limit)" : "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            summary = "interrupted";
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Warm-up failed", e);
            summary = "failed (" + e + ")";
        }
        warmup.finished(summary);
    }

    /** One socket: hello, a watch and pings, their answers, close. Completes when it is closed (true) or could not open (false). */
    private CompletableFuture<Boolean> one(HttpClient client) {
        var done = new CompletableFuture<Boolean>();
        var listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();
            private int answers;

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    received.incrementAndGet();
                    boolean hello = text.indexOf("{\"type\":\"hello\"") == 0;
                    text.setLength(0);
                    if (hello) {
                        socket.sendText("{\"type\":\"watch\",\"logins\":[]}", true)
                                .thenCompose(s -> s.sendText("{\"type\":\"ping\"}", true));
                    } else if (++answers >= frames) {
                        socket.sendClose(WebSocket.NORMAL_CLOSURE, "warm");
                    } else {
                        socket.sendText("{\"type\":\"ping\"}", true);
                    }
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                completed.incrementAndGet();
                done.complete(true);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                done.complete(true);
            }
        };
        client.newWebSocketBuilder().header("Authorization", "Bearer " + token).connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, listener)
                .whenComplete((socket, failure) -> {
                    if (failure == null) {
                        opened.incrementAndGet();
                    } else {
                        if (failure.getCause() instanceof WebSocketHandshakeException || failure instanceof WebSocketHandshakeException) {
                            refused.incrementAndGet();
                        }
                        done.complete(false);
                    }
                });
        return done;
    }
}
