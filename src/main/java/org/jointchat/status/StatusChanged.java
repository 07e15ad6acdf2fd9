package org.jointchat.status;

import org.jointchat.account.UserRef;

/**
 * A user's status or do-not-disturb changed, was cleared or ran out: fired on every instance after it is stored,
 * for the realtime layer to tell the user's own sockets and the sockets that watch them. {@code status} is as it
 * reads now.
 */
public record StatusChanged(UserRef user, UserStatus status) {
}
