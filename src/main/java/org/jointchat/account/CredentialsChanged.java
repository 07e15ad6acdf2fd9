package org.jointchat.account;

import java.io.Serializable;

/**
 * A user's credentials changed (fired after commit): their other sessions and sockets end. {@code passwordChanged}
 * is false when only the sign-ins end (a second factor added, an administrator ending them): what depends on the
 * password itself (reset links, a pending e-mail address) stays.
 */
public record CredentialsChanged(UserRef user, int credentialsVersion, boolean passwordChanged) implements Serializable {

    /** The password changed (changed, reset, or set by an administrator). One constructor: JSON-B relays it. */
    public static CredentialsChanged ofPassword(UserRef user, int credentialsVersion) {
        return new CredentialsChanged(user, credentialsVersion, true);
    }
}
