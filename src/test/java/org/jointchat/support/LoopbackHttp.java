package org.jointchat.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A minimal HTTP/1.1 client whose requests leave from a chosen loopback address (Linux routes all of 127.0.0.0/8
 * to the loopback interface), so that a test or the load tool can be "different people at different addresses",
 * or one address flooding, against the server's per-address limits. The JDK's HttpClient on Java 17 cannot choose
 * its source address. One connection per request (Connection: close): simple, and what a flood of new clients does.
 */
public final class LoopbackHttp {

    /** Status, headers (in order, names as sent) and body of an answer. */
    public record Answer(int status, List<String[]> headers, String body) {

        /** The first value of a header (any case), or null. */
        public String header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
        }

        public String retryAfter() {
            return header("Retry-After");
        }

        /** Every value of a header (any case), e.g. each Set-Cookie. */
        public List<String> headers(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        /** The value of a cookie this answer sets, if it does. */
        public Optional<String> cookie(String name) {
            return headers("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                    .map(c -> c.substring(name.length() + 1).split(";", 2)[0]).findFirst();
        }
    }

    private LoopbackHttp() {
    }

    /** The n-th address of the load tool's own range 127.77.0.0/16 (n from 0), never 127.0.0.1. */
    public static InetAddress address(int n) {
        return address(127, 77, n / 250, n % 250 + 1);
    }

    /** An address from its four parts, e.g. (127, 0, 0, 21). */
    public static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An anonymous JSON POST. */
    public static Answer post(InetAddress from, URI base, String path, String json) throws IOException {
        return request(from, base, "POST", path, "application/json", json);
    }

    public static Answer get(InetAddress from, URI base, String path, String... headers) throws IOException {
        return request(from, base, "GET", path, null, null, headers);
    }

    /**
     * One request to {@code path} (relative to {@code base}, or from the server's root when it starts with "/");
     * {@code headers} are name, value pairs (e.g. "X-Forwarded-For", "203.0.113.7", "Cookie", "…");
     * a body is sent when {@code contentType} is not null.
     */
    public static Answer request(InetAddress from, URI base, String method, String path, String contentType, String body,
            String... headers) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        URI uri = base.resolve(path); // "api/…" within the application, "/…" from the server's root
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        var head = new StringBuilder();
        head.append(method).append(' ').append(uri.getRawPath()).append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                .append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(port)
                .append("\r\nAccept: application/json, text/html;q=0.9, */*;q=0.8\r\nConnection: close\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(bytes.length).append("\r\n");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("\r\n");
        try (var socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(uri.getHost(), port), 5000);
            socket.setSoTimeout(60_000);
            var out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** Reads the whole answer (the server closes after it: Connection: close). */
    private static Answer read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, CRLF_CRLF, 0);
        String head = new String(all, 0, Math.max(0, end), StandardCharsets.ISO_8859_1);
        if (!head.startsWith("HTTP/1.") || end < 0) {
            throw new IOException("not an HTTP answer: " + head.substring(0, Math.min(80, head.length())));
        }
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        var headers = new ArrayList<String[]>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()});
            }
        }
        boolean chunked = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Transfer-Encoding")
                && h[1].toLowerCase(Locale.ROOT).contains("chunked"));
        byte[] body = chunked ? unchunk(all, end + 4) : java.util.Arrays.copyOfRange(all, end + 4, all.length);
        return new Answer(status, List.copyOf(headers), new String(body, StandardCharsets.UTF_8));
    }

    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};
    private static final byte[] CRLF = {'\r', '\n'};

    /** The body of a chunked answer; sizes count bytes, so this works on bytes. */
    private static byte[] unchunk(byte[] all, int from) {
        var body = new ByteArrayOutputStream();
        int at = from;
        while (at < all.length) {
            int lineEnd = indexOf(all, CRLF, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(all, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            body.write(all, lineEnd + 2, Math.min(size, all.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
