package org.jointchat.room;

/** A refused room operation. */
public class RoomException extends RuntimeException {

    private final RoomError error;

    public RoomException(RoomError error, String message) {
        super(message);
        this.error = error;
    }

    public RoomError error() {
        return error;
    }
}
