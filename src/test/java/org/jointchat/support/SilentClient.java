package org.jointchat.support;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client that hangs: it completes the handshake and then reads nothing and answers no ping (the
 * JDK client always does) until asked how the server closed the socket. It may send text frames meanwhile.
 */
public final class SilentClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private String closeReason;

    public SilentClient(URI base, String token) throws IOException {
        var ws = ChatClient.wsUri(base);
        socket = new Socket(ws.getHost(), ws.getPort());
        socket.setSoTimeout((int) ChatClient.WAIT.toMillis() * 2);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + ws.getRawPath() + " HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nAuthorization: Bearer " + token + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = new DataInputStream(socket.getInputStream());
        String status = readLine();
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + status);
        }
        while (!readLine().isEmpty()) {
            // headers
        }
    }

    /** Sends one text frame (masked, as from a client). */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        var out = socket.getOutputStream();
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
        }
        out.write(payload);
        out.flush();
    }

    /** Reads (and ignores) frames until the server's close frame; returns its status code. */
    public int awaitClosed() throws IOException {
        while (true) {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            if ((first & 0x0F) == 0x8) {
                int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                closeReason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                return code;
            }
        }
    }

    public String closeReason() {
        return closeReason;
    }

    private String readLine() throws IOException {
        var line = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
