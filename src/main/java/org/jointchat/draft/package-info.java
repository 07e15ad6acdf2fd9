/**
 * Drafts (issue 22, item 6): the half-written message of a composer, saved on the server per user, room and thread
 * ({@link org.jointchat.draft.DraftService}, REST {@link org.jointchat.draft.DraftResource}), so it follows its writer
 * to their other tabs and devices. Every saved or cleared draft fires {@link org.jointchat.draft.DraftChanged}, which
 * realtime sends to the writer's own sockets as a {@code draft} frame.
 */
package org.jointchat.draft;
