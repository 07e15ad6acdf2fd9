/** The frames the page sends over /ws (docs/protocol.md): built here only. No DOM. */

export function sendFrame(clientId, p) {
  var frame = {type: 'send', room: p.room, text: p.text, clientId: clientId};
  if (p.replyTo) { frame.replyTo = p.replyTo; }
  if (p.attachments) { frame.attachments = p.attachments.map(function (a) { return a.id; }); }
  // Threads (issue 22, item 1): a reply in the thread under a root, and whether it also goes to the room's main list.
  if (p.thread) { frame.thread = p.thread; }
  if (p.thread && p.alsoToRoom) { frame.alsoToRoom = true; }
  return frame;
}

export function typingFrame(room) { return {type: 'typing', room: room}; }

export function watchFrame(logins, room) { return {type: 'watch', logins: logins, room: room}; }

export function editFrame(room, seq, text) { return {type: 'edit', room: room, seq: seq, text: text}; }

export function deleteFrame(room, seq) { return {type: 'delete', room: room, seq: seq}; }

/** on: true / false, or null to let the server turn the reader's reaction over (when the page cannot tell). */
export function reactFrame(room, seq, emoji, on) {
  var frame = {type: 'react', room: room, seq: seq, emoji: emoji};
  if (on !== null) { frame.on = on; }
  return frame;
}

/** Pins (issue 22, item 2): on true pins the message, false unpins it. */
export function pinFrame(room, seq, on) { return {type: 'pin', room: room, seq: seq, on: on}; }

/** What a held room missed: messages after afterSeq and, from afterVersion (when known), changes to those held. */
export function syncFrame(room, afterSeq, afterVersion) {
  var frame = {type: 'sync', room: room, afterSeq: afterSeq};
  if (afterVersion !== null && afterVersion !== undefined) { frame.afterVersion = afterVersion; }
  return frame;
}
