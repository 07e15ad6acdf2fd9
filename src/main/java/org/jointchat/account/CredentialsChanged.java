package org.jointchat.account;

import java.io.Serializable;

/** A user's password changed (fired after commit): their other sessions and sockets end. */
public record CredentialsChanged(UserRef user, int credentialsVersion) implements Serializable {
}
