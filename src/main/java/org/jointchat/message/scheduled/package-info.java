/**
 * Scheduled messages (issue 22, item 7): a send with {@code sendAt} is stored ({@link ScheduledMessages}), listed,
 * edited and cancelled by its author ({@link ScheduledResource}), and sent by the server on time, exactly once, also
 * across a restart and in a cluster ({@link ScheduledDelivery}: rows claimed in PostgreSQL with
 * {@code FOR UPDATE SKIP LOCKED}, {@link ScheduledClaims}). The author's sockets hear of each change
 * ({@link ScheduledChanged}, observed by realtime).
 */
package org.jointchat.message.scheduled;
