/**
 * Pinned messages (issue 22, item 2): members pin messages of their room; in rooms of more than
 * {@link org.jointchat.pin.PinService#OPEN_PINNING_MAX} members and in announcement rooms only those who moderate the
 * room do ({@code room.Moderation#moderates}). The rules live in {@link org.jointchat.pin.PinService};
 * {@link org.jointchat.pin.PinResource} is the REST edge. Fires {@link org.jointchat.pin.PinsChanged}.
 */
package org.jointchat.pin;
