package org.jointchat.draft;

import java.time.Instant;

/**
 * A user's draft was saved ({@code text} non-empty) or cleared ({@code text} ""), fired synchronously once it is
 * stored: realtime sends it to every socket of that user, so their other tabs and devices show the same draft.
 * {@code origin} is what the saving client said it is (or null), so that it recognises its own change.
 */
public record DraftChanged(String login, long roomId, long thread, String text, Instant updatedAt, String origin) {
}
