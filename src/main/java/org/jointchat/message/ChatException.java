package org.jointchat.message;

/** A chat operation refused with a stable code; nothing was stored. */
public class ChatException extends RuntimeException {

    private final ChatError code;

    public ChatException(ChatError code, String message) {
        super(message);
        this.code = code;
    }

    public ChatError code() {
        return code;
    }
}
