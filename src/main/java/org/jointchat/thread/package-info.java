/**
 * Threads (issue 22, item 1): replies under a message that stay out of the room's main list unless sent "also to the
 * room". Sending a reply is the message writer's ({@code message.ThreadReplies}: the root's summary and version, the
 * automatic followers, in the reply's transaction); this package reads threads ({@link org.jointchat.thread.ThreadService}:
 * a thread's page, the caller's followed threads with unread counts, following by hand, read marks) and is the REST edge
 * ({@link org.jointchat.thread.ThreadResource}). It fires {@link org.jointchat.thread.ThreadNews} for a follower's own
 * sockets, which realtime observes.
 */
package org.jointchat.thread;
