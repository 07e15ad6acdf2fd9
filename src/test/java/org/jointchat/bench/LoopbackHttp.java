package org.jointchat.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client whose requests leave from a chosen loopback address (Linux routes all of 127.0.0.0/8
 * to the loopback interface), so that the load tool can be "different people at different addresses", or one
 * address flooding, against the server's per-address limits. The JDK's HttpClient on Java 17 cannot choose its
 * source address. One connection per request (Connection: close): simple, and what a flood of new clients does.
 */
final class LoopbackHttp {

    /** Status, Retry-After (or null) and body of an answer. */
    record Answer(int status, String retryAfter, String body) {
    }

    private LoopbackHttp() {
    }

    /** The n-th address of the load tool's own range 127.77.0.0/16 (n from 0), never 127.0.0.1. */
    static InetAddress address(int n) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 77, (byte) (n / 250), (byte) (n % 250 + 1)});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Answer post(InetAddress from, URI base, String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        URI uri = base.resolve(path);
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        try (var socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(uri.getHost(), port), 5000);
            socket.setSoTimeout(60_000);
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n";
            var out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** Reads the whole answer (the server closes after it: Connection: close). */
    private static Answer read(InputStream in) throws IOException {
        var all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            throw new IOException("not an HTTP answer: " + text.substring(0, Math.min(80, text.length())));
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String retryAfter = null;
        for (String line : lines) {
            if (line.regionMatches(true, 0, "Retry-After:", 0, 12)) {
                retryAfter = line.substring(12).strip();
            }
        }
        String body = text.substring(end + 4);
        if (lines[0].length() > 0 && text.substring(0, end).toLowerCase().contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        return new Answer(status, retryAfter, body);
    }

    private static String unchunk(String chunked) {
        var body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
