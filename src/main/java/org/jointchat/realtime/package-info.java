/**
 * The WebSocket side ({@code /ws}): the handshake guard, the frame switch, sync, fan-out to sockets (and to the
 * other instances), presence watching, heartbeats and the shutdown sequence. Nothing calls into it: it observes
 * the features' events after commit.
 */
package org.jointchat.realtime;
