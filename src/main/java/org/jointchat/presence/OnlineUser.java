package org.jointchat.presence;

import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import org.jointchat.account.UserRef;

/**
 * A user online on this instance or on another one. {@code sockets}, {@code leftAt}, {@code here} and
 * {@code elsewhere} change only inside {@link OnlineIndex#compute} (the user's transitions never cross).
 */
final class OnlineUser {

    /** The order of the online list: display name, ignoring case, then login. */
    static final Comparator<OnlineUser> BY_NAME = Comparator.comparing(OnlineUser::sortKey).thenComparing(o -> o.user().login());

    private final UserRef user;
    private final String sortKey;
    /** This instance's open sockets of the user. */
    int sockets;
    /** Set while in the grace period after the last socket closed. */
    Instant leftAt;
    /** Whether the other instances were told that the user is online here. */
    boolean here;
    /** The other instances (member ids) the user is online on. */
    Set<String> elsewhere = Set.of();

    OnlineUser(UserRef user, int sockets) {
        this.user = user;
        this.sortKey = sortKeyOf(user.displayName());
        this.sockets = sockets;
    }

    UserRef user() {
        return user;
    }

    String sortKey() {
        return sortKey;
    }

    static String sortKeyOf(String displayName) {
        return displayName.toLowerCase(Locale.ROOT);
    }
}
