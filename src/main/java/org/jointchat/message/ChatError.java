package org.jointchat.message;

/** The stable error codes of the chat protocol (WebSocket {@code error} frames, REST problem types). */
public enum ChatError {
    /** Malformed JSON, unknown type, missing or mistyped fields. */
    INVALID,
    /** Text longer than 4,000 characters. */
    TOO_LONG,
    /** Text empty after trimming. */
    EMPTY,
    /** Not allowed: someone else's message to edit, or to delete without owning the room; a deleted message. */
    FORBIDDEN,
    /** The room exists but the user is not a member. */
    NOT_MEMBER,
    /** More messages than the rate limit allows. */
    RATE_LIMITED,
    /** No such room (or one the user may not know of). */
    NOT_FOUND,
    /** The message could not be stored now; nothing was stored, resend it with the same clientId. */
    UNAVAILABLE,
    /** A moderator muted the sender in this room: they read but cannot send, edit or react until {@code until}. */
    MUTED,
    /** The room is archived: read-only for everyone. */
    ARCHIVED,
    /** An announcement room: only its owner, its moderators and administrators post. */
    ANNOUNCEMENT_ONLY
}
