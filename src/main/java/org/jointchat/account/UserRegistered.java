package org.jointchat.account;

/** Fired inside the registration transaction, so that other features can set the newcomer up atomically. */
public record UserRegistered(long userId, String login) {
}
