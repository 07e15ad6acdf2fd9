package org.jointchat.account;

/** A user's password changed (fired after commit): their other sessions and sockets end. */
public record CredentialsChanged(UserRef user, int credentialsVersion) {
}
