package org.jointchat.draft;

import java.time.Instant;

/** A saved draft: the composer of {@code roomId} (thread 0) or of the thread under message {@code thread}. */
public record Draft(long roomId, long thread, String text, Instant updatedAt) {
}
