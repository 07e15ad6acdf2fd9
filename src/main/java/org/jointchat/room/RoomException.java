package org.jointchat.room;

import java.util.Locale;
import org.jointchat.platform.Messages;

/** A refused room operation. */
public class RoomException extends RuntimeException {

    private final RoomError error;
    private final String messageKey;

    /** The message is a key of the text bundles (room.error.*): the API answers in the caller's language. */
    public RoomException(RoomError error, String messageKey) {
        super(Messages.get(Locale.ENGLISH, messageKey));
        this.error = error;
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }

    public RoomError error() {
        return error;
    }
}
