package org.jointchat.passkey;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One stored passkey: what the verification needs (credential id, COSE key, counter) and what the owner sees. */
public record Passkey(long id, long userId, byte[] credentialId, byte[] publicKey, UUID aaguid, long signCount,
        boolean uvInitialized, boolean backupEligible, boolean backedUp, String transports, String name,
        OffsetDateTime createdAt, OffsetDateTime lastUsedAt) {
}
