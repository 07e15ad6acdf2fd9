package org.jointchat.message;

/** The stored message for a send; {@code duplicate} when this clientId had been stored before. */
public record SendResult(ChatMessage message, boolean duplicate) {
}
