package org.jointchat.message;

import java.util.List;

/**
 * A batch of the message writer committed, fired synchronously on the writer's thread right after the commit
 * (so observers see batches in commit order): the new messages, then the changed ones (edited, deleted,
 * reacted to), each in version order. Realtime delivers them.
 */
public record MessagesCommitted(List<ChatMessage> created, List<ChatMessage> changed) {
}
