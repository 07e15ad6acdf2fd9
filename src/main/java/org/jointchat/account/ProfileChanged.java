package org.jointchat.account;

import java.io.Serializable;

/** A user's public profile changed (fired after commit): open sockets and other users learn the new name. */
public record ProfileChanged(UserRef user, String status) implements Serializable {
}
