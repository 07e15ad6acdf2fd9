/**
 * Pinned messages (issue 22, item 2): members pin messages of their room; in rooms of more than
 * {@link org.jointchat.pin.PinService#OPEN_PINNING_MAX} members and in announcement rooms only those who moderate the
 * room do ({@code room.Moderation#moderates}). The rules live in {@link org.jointchat.pin.PinService};
 * {@link org.jointchat.pin.PinResource} is the REST edge (realtime's ChatHub takes the {@code pin} frame). A pin is a change of
 * the message through the message writer: the room's next version, the {@code changed} frame, replayed by {@code sync}.
 */
package org.jointchat.pin;
