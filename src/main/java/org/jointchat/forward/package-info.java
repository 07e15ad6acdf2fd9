/**
 * Forwarding (issue 22, item 5): a message of one room sent on to another room its forwarder is in, with its author,
 * time and text as they were, its files (shared by reference) and — for readers who can all see the original — a
 * link back. The rules about the original are {@link org.jointchat.forward.ForwardService}'s; the new message is
 * an ordinary send ({@code message.MessageService#forward}); {@link org.jointchat.forward.ForwardResource} is the
 * REST edge.
 */
package org.jointchat.forward;
