package org.jointchat.room;

import java.util.Locale;
import org.jointchat.api.ProblemSource;
import org.jointchat.api.ProblemType;
import org.jointchat.platform.Messages;

/** A refused room operation. */
public class RoomException extends RuntimeException implements ProblemSource {

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

    @Override
    public ProblemType problemType() {
        return switch (error) {
            case NOT_FOUND, USER_NOT_FOUND, NOT_A_MEMBER -> ProblemType.NOT_FOUND;
            case FORBIDDEN -> ProblemType.FORBIDDEN;
            case NAME_TAKEN -> ProblemType.ROOM_NAME_TAKEN;
            case INVALID -> ProblemType.VALIDATION;
            case BANNED -> ProblemType.BANNED;
            case ARCHIVED -> ProblemType.ARCHIVED;
        };
    }

    @Override
    public String problemDetail(Locale locale) {
        return Messages.get(locale, messageKey);
    }
}
