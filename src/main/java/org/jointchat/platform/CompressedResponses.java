package org.jointchat.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * gzip for what compresses well — pages, scripts, style sheets, SVG, JSON — done by the WAR itself, so any Jakarta EE
 * server (or a proxy that does not compress) sends them small (docs/operations.md, "Compression and caching").
 * <ul>
 * <li>Only {@code GET} answers. A form post's answer can carry what the poster typed next to the view's state, and
 * the API's writes are small: leaving them alone keeps BREACH (guessing a secret from compressed sizes) away from
 * the only answers that mix input with secrets. Pages reflect no request input (see docs/operations.md).</li>
 * <li>Only when the client asks ({@code Accept-Encoding: gzip}); every answer of a compressible type says
 * {@code Vary: Accept-Encoding}, compressed or not.</li>
 * <li>Not: images and other compressed types, attachments (downloads, often {@code Range}), any request with
 * {@code Range}, an answer that already has a {@code Content-Encoding}, the WebSocket handshake, bodies under
 * {@value #MIN_BYTES} bytes (they are sent as they are, with their length).</li>
 * <li>A flush (streaming) flushes the compressor too ({@code SYNC_FLUSH}), so nothing waits in it.</li>
 * </ul>
 */
public class CompressedResponses extends HttpFilter {

    /** Below this, gzip's header and the CPU cost more than they save. */
    static final int MIN_BYTES = 1024;

    private static final Set<String> COMPRESSIBLE = Set.of("text/html", "text/css", "text/javascript", "application/javascript",
            "application/x-javascript", "application/json", "application/problem+json", "image/svg+xml", "application/xml",
            "text/xml", "application/xhtml+xml", "application/manifest+json");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!"GET".equals(request.getMethod()) || request.getHeader("Range") != null || path.equals("/ws")
                || path.startsWith("/api/v1/attachments/") || path.startsWith("/api/v1/uploads")) {
            chain.doFilter(request, response);
            return;
        }
        var compressing = new Compressing(response, acceptsGzip(request.getHeader("Accept-Encoding")));
        chain.doFilter(request, compressing); // on an exception the container answers: nothing held is sent
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new Finisher(compressing));
        } else {
            compressing.finish();
        }
    }

    /** Finishes an asynchronous answer (none of the GETs is one today; kept correct for when one is). */
    private record Finisher(Compressing response) implements jakarta.servlet.AsyncListener {
        @Override
        public void onComplete(jakarta.servlet.AsyncEvent event) throws IOException {
            response.finish();
        }

        @Override
        public void onTimeout(jakarta.servlet.AsyncEvent event) {
        }

        @Override
        public void onError(jakarta.servlet.AsyncEvent event) {
        }

        @Override
        public void onStartAsync(jakarta.servlet.AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }

    /** {@code gzip} (or {@code *}) listed with a q-value above 0. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].strip().toLowerCase(Locale.ROOT);
            if (!coding.equals("gzip") && !coding.equals("*")) {
                continue;
            }
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].strip().toLowerCase(Locale.ROOT);
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q > 0) {
                return true;
            }
        }
        return false;
    }

    static boolean compressible(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return COMPRESSIBLE.contains(type) || type.endsWith("+json");
    }

    /**
     * Holds the first {@value #MIN_BYTES} bytes; then, or at a flush, decides: gzip (type compressible, client asks,
     * not encoded yet) or the bytes as they are. A body that stays smaller is sent as it is, with its length.
     */
    private static final class Compressing extends HttpServletResponseWrapper {

        private final boolean clientAcceptsGzip;
        private ByteArrayOutputStream held = new ByteArrayOutputStream(MIN_BYTES);
        /** Set once decided: the gzip stream, or the container's stream for an answer sent as it is. */
        private OutputStream decided;
        private GZIPOutputStream gzip;
        private ServletOutputStream stream;
        private PrintWriter writer;
        private long declaredLength = -1;
        private boolean untouched; // an error or a redirect: the container writes the answer

        Compressing(HttpServletResponse response, boolean clientAcceptsGzip) {
            super(response);
            this.clientAcceptsGzip = clientAcceptsGzip;
        }

        // ---- the length is only known after the decision ----

        @Override
        public void setContentLength(int length) {
            setContentLengthLong(length);
        }

        @Override
        public void setContentLengthLong(long length) {
            if (decided != null && gzip == null) {
                super.setContentLengthLong(length);
            } else if (decided == null) {
                declaredLength = length;
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if ("Content-Length".equalsIgnoreCase(name)) {
                setContentLengthLong(value == null ? -1 : Long.parseLong(value.strip()));
            } else {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if ("Content-Length".equalsIgnoreCase(name)) {
                setContentLengthLong(value == null ? -1 : Long.parseLong(value.strip()));
            } else {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setIntHeader(String name, int value) {
            if ("Content-Length".equalsIgnoreCase(name)) {
                setContentLengthLong(value);
            } else {
                super.setIntHeader(name, value);
            }
        }

        // ---- answers the container writes ----

        @Override
        public void sendError(int status, String message) throws IOException {
            untouched = true;
            super.sendError(status, message);
        }

        @Override
        public void sendError(int status) throws IOException {
            untouched = true;
            super.sendError(status);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            untouched = true;
            super.sendRedirect(location);
        }

        @Override
        public void reset() {
            super.reset();
            restart();
        }

        @Override
        public void resetBuffer() {
            super.resetBuffer();
            restart();
        }

        private void restart() {
            if (gzip != null) {
                gzip = null; // its bytes went to the buffer just reset
            }
            decided = null;
            held = new ByteArrayOutputStream(MIN_BYTES);
            declaredLength = -1;
        }

        // ---- the body ----

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (writer != null) {
                throw new IllegalStateException("getWriter() was called");
            }
            if (stream == null) {
                stream = new Stream();
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                if (stream != null) {
                    throw new IllegalStateException("getOutputStream() was called");
                }
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                stream = new Stream();
                writer = new PrintWriter(new OutputStreamWriter(stream, charset));
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (writer != null) {
                writer.flush();
            }
            if (stream != null) {
                stream.flush();
            }
            super.flushBuffer();
        }

        private void write(byte[] bytes, int offset, int length) throws IOException {
            if (decided == null) {
                if (held.size() + length <= MIN_BYTES) {
                    held.write(bytes, offset, length);
                    return;
                }
                decide();
            }
            decided.write(bytes, offset, length);
        }

        /** Chooses gzip or as-is and sends what was held. */
        private void decide() throws IOException {
            boolean typeCompressible = compressible(getContentType());
            if (typeCompressible) {
                addVary();
            }
            if (typeCompressible && clientAcceptsGzip && !isCommitted() && !containsHeader("Content-Encoding")) {
                super.setHeader("Content-Encoding", "gzip");
                super.setContentLengthLong(-1);
                gzip = new GZIPOutputStream(super.getOutputStream(), 8192, true);
                decided = gzip;
            } else {
                if (declaredLength >= 0 && !isCommitted()) {
                    super.setContentLengthLong(declaredLength);
                }
                decided = super.getOutputStream();
            }
            held.writeTo(decided);
            held = null;
        }

        private void addVary() {
            var vary = getHeaders("Vary");
            if (vary.stream().noneMatch(v -> v.toLowerCase(Locale.ROOT).contains("accept-encoding"))) {
                super.addHeader("Vary", "Accept-Encoding");
            }
        }

        private void flushStream() throws IOException {
            if (decided == null) {
                if (held.size() == 0) {
                    return;
                }
                decide(); // streaming: the first flush decides
            }
            decided.flush();
        }

        /** The end of the answer: a small body goes out as it is, with its length; the compressor is finished. */
        void finish() throws IOException {
            if (writer != null) {
                writer.flush();
            }
            if (untouched || stream == null) {
                return;
            }
            if (decided == null) {
                if (compressible(getContentType())) {
                    addVary();
                }
                if (!isCommitted()) {
                    super.setContentLengthLong(held.size());
                }
                decided = super.getOutputStream();
                held.writeTo(decided);
                held = new ByteArrayOutputStream(0);
            } else if (gzip != null) {
                gzip.finish();
                gzip = null;
            }
        }

        private final class Stream extends ServletOutputStream {

            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                Compressing.this.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (closed) {
                    throw new IOException("closed");
                }
                Compressing.this.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                if (!closed) {
                    flushStream();
                }
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    finish();
                    closed = true;
                    Compressing.super.getOutputStream().close();
                }
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("non-blocking writes are not compressed");
            }
        }
    }
}
