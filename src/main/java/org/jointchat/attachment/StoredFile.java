package org.jointchat.attachment;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A file someone may download: what it is, and its bytes, read from the database a chunk at a time while
 * they are written out (a slow reader holds no connection and at most one chunk in memory).
 */
public final class StoredFile {

    /** Reads the bytes of a stored file from an offset (0-based); null when the file is gone. */
    @FunctionalInterface
    interface Chunks {
        byte[] read(long id, long offset);
    }

    private final AttachmentRef ref;
    private final byte[] head;
    private final Chunks chunks;

    StoredFile(AttachmentRef ref, byte[] head, Chunks chunks) {
        this.ref = ref;
        this.head = head;
        this.chunks = chunks;
    }

    public AttachmentRef ref() {
        return ref;
    }

    /**
     * Writes all {@code ref().size()} bytes. Should the file go meanwhile (its room deleted), the output ends
     * with an IOException: the client sees a download cut short, never a different file.
     */
    public void writeTo(OutputStream out) throws IOException {
        out.write(head);
        long written = head.length;
        while (written < ref.size()) {
            byte[] chunk = chunks.read(ref.id(), written);
            if (chunk == null || chunk.length == 0) {
                throw new IOException("attachment " + ref.id() + " is gone");
            }
            out.write(chunk);
            written += chunk.length;
        }
    }
}
