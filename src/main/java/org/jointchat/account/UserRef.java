package org.jointchat.account;

/** Who someone is, as the chat needs it on every message: id for storage, login and name for display. */
public record UserRef(long id, String login, String displayName) {

    public static UserRef of(User user) {
        return new UserRef(user.getId(), user.getLogin(), user.getDisplayName());
    }
}
