package org.jointchat.account;

import java.io.Serializable;

/** Who someone is, as the chat needs it on every message: id for storage, login and name for display. */
public record UserRef(long id, String login, String displayName) implements Serializable {

    public static UserRef of(User user) {
        return new UserRef(user.getId(), user.getLogin(), user.getDisplayName());
    }
}
