package org.jointchat.account;

/** The public face of a user, as every API answer shows it. */
public record UserView(String login, String displayName) {

    public static UserView of(User user) {
        return new UserView(user.getLogin(), user.getDisplayName());
    }
}
