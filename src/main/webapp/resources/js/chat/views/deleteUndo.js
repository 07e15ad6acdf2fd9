/**
 * Deleting one's own message with "Undo" instead of a question first. The message disappears at once and a toast
 * says "Message deleted — Undo"; the delete frame is sent only when the toast expires (UNDO_MS). Until then
 * nothing has left the page, so:
 *  - Undo brings the message back; nobody else ever saw a change.
 *  - Closing or reloading the page during those seconds means the delete simply does not happen (no frame sent):
 *    the message is still there next time. Never half: either the server deleted it, or nothing changed.
 *  - If the socket is down when the toast expires, nothing is sent, the message comes back and the error line
 *    says so (act shows "not now"); a delete the server refuses brings it back too.
 * Owns the deletions waiting and the toast.
 */
import {UNDO_MS} from '../limits.js';
import {deleteFrame} from '../protocol/frames.js';

/** deps: {el, store, text, act(frame, kind), refresh(m), root}. Returns {start(m, opener), isPending(m), flush()}. */
export function createDeleteUndo(deps) {
  var store = deps.store;
  var text = deps.text;
  var waiting = null;   // {m, timer, opener}: at most one; a second deletion sends the first at once

  var toast = document.createElement('div');
  toast.id = 'undo-toast';
  toast.className = 'jc-toast';
  toast.hidden = true;
  var said = document.createElement('span');
  said.setAttribute('role', 'status');
  var undo = document.createElement('button');
  undo.type = 'button';
  undo.id = 'undo-delete';
  undo.className = 'jc-toast-action';
  undo.textContent = text.t('chat.undo');
  toast.appendChild(said);
  toast.appendChild(undo);
  (deps.root || document.body).appendChild(toast);

  function key(m) { return m.room + ':' + m.seq; }

  function isPending(m) { return waiting !== null && m.seq !== undefined && key(waiting.m) === key(m); }

  function redraw(m) {
    var held = store.rooms.has(m.room) ? store.rooms.get(m.room).messages.get(m.seq) : null;
    if (held && m.room === store.current) { deps.refresh(held); }
  }

  function start(m, opener) {
    expire();   // one waiting at a time: an earlier deletion goes now
    waiting = {m: m, opener: opener, timer: setTimeout(expire, UNDO_MS)};
    redraw(m);
    toast.hidden = false;
    said.textContent = text.t('chat.messageDeleted');   // after showing it, so that the status is announced
    // Focus was on the menu inside the message now hidden: the composer is where the reader goes on.
    if (deps.el.composerText && !matchMedia('(pointer: coarse)').matches) { deps.el.composerText.focus(); }
  }

  /** Ends the wait (timer and toast) and gives the message that was waiting. */
  function takeWaiting() {
    var m = waiting.m;
    clearTimeout(waiting.timer);
    waiting = null;
    toast.hidden = true;
    said.textContent = '';
    return m;
  }

  /** The toast's time is up (or another deletion comes): send the delete now. */
  function expire() {
    if (!waiting) { return; }
    var m = takeWaiting();
    var sent = deps.act(deleteFrame(m.room, m.seq), 'delete');
    if (sent === null) { redraw(m); return; }   // not connected: nothing deleted, the message comes back
    // The server's change redraws it as deleted; if it refused, the message is shown again as it is.
    setTimeout(function () {
      var held = store.rooms.has(m.room) ? store.rooms.get(m.room).messages.get(m.seq) : null;
      if (held && !held.deleted) { redraw(m); }
    }, 4000);
  }

  function cancel() {
    if (!waiting) { return; }
    var m = takeWaiting();
    redraw(m);
    var again = document.querySelector('#message-list li[data-seq="' + m.seq + '"] .jc-menu-button');
    if (again && m.room === store.current) { again.focus(); }
  }

  undo.addEventListener('click', cancel);
  // While the reader is on the Undo button, the time does not run out under them.
  toast.addEventListener('focusin', function () { if (waiting) { clearTimeout(waiting.timer); } });
  toast.addEventListener('focusout', function () { if (waiting) { clearTimeout(waiting.timer); waiting.timer = setTimeout(expire, UNDO_MS); } });

  return {start: start, isPending: isPending, flush: expire};
}
