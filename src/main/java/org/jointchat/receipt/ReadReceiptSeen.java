package org.jointchat.receipt;

import java.util.Set;

/**
 * A member's read mark in a room with receipts advanced to {@code seq}: {@code audience} (the room's other members who
 * share receipts) should hear of it. Fired outside any transaction, after the mark was stored, at most once a second per
 * user and room ({@link SeenCoalescer}); relayed to the other instances of a cluster.
 */
public record ReadReceiptSeen(long roomId, String login, String displayName, long seq, Set<String> audience) {
}
