package org.jointchat.account;

import java.time.OffsetDateTime;

/** A freshly issued token: the only moment the plain token exists on the server. */
public record IssuedToken(String token, OffsetDateTime expiresAt) {
}
