package org.jointchat.account;

/** Another account already has this login (ignoring case). */
public class LoginTakenException extends RuntimeException {

    public LoginTakenException(String login) {
        super("Login taken: " + login);
    }
}
