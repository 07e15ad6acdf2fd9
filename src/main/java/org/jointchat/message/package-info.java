/**
 * Messages: the rules, the batching writer (commit before ack; {@code MessagesCommitted} after each batch),
 * history, search, edits, deletions, reactions and mentions, and the message JSON shared by REST and the socket.
 */
package org.jointchat.message;
