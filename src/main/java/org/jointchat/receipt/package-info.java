/**
 * Read receipts (issue 22, item 3): who has read a message ("Seen by …"), built on the read marks rooms keep
 * ({@code memberships.last_read_seq}, {@code room.ReadMarked}). Only in direct rooms and rooms of up to
 * {@link org.jointchat.receipt.ReadReceipts#ROOM_MAX} members, and only between users who share receipts
 * ({@code account.ReadReceiptSharing}). {@link org.jointchat.receipt.ReadReceipts} holds the rules,
 * {@link org.jointchat.receipt.SeenCoalescer} turns advancing read marks into at most one
 * {@link org.jointchat.receipt.ReadReceiptSeen} per user and room a second (realtime's {@code ReceiptAnnouncer} sends it
 * as a {@code seen} frame); {@link org.jointchat.receipt.ReadReceiptResource} and
 * {@link org.jointchat.receipt.ReceiptSettingResource} are the REST edge.
 */
package org.jointchat.receipt;
