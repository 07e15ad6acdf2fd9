package org.jointchat.room;

/** Why a room operation was refused; nothing was changed. */
public enum RoomError {
    /** No such room, or a private one the caller is not in (private rooms do not admit they exist). */
    NOT_FOUND,
    /** Only the owner may do this, or nobody may (general). */
    FORBIDDEN,
    /** Another room has this name (ignoring case). */
    NAME_TAKEN,
    /** No such user. */
    USER_NOT_FOUND,
    /** The user is not a member of the room. */
    NOT_A_MEMBER,
    /** The user is banned from the room: they cannot join it (nor be added) until unbanned. */
    BANNED,
    /** A value out of range (a mute's duration). */
    INVALID,
    /** The room is archived: read-only for everyone, nobody joins. */
    ARCHIVED
}
