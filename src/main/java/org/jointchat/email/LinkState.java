package org.jointchat.email;

/** What became of an e-mail link: still usable, expired, used already, or unknown (never sent, or replaced by a newer one). */
public enum LinkState {
    VALID, EXPIRED, USED, INVALID;

    /** The state of a stored link (null: no such link). */
    static LinkState of(java.time.OffsetDateTime expiresAt, java.time.OffsetDateTime usedAt) {
        if (expiresAt == null) {
            return INVALID;
        }
        if (usedAt != null) {
            return USED;
        }
        return expiresAt.isAfter(java.time.OffsetDateTime.now()) ? VALID : EXPIRED;
    }
}
