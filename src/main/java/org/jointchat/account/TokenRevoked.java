package org.jointchat.account;

import java.io.Serializable;

/** An API token was revoked (fired in the revoking transaction; observe after success). {@code tokenHash}: its SHA-256, hex. */
public record TokenRevoked(String tokenHash) implements Serializable {
}
