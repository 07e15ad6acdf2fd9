/**
 * The reader's own messages and actions on their way: the "sending" bubbles, acks and refusals, and the edits,
 * deletions and reactions sent (their answers come back by clientId through the outbox).
 */
import {newClientId} from '../state/outbox.js';

/**
 * deps: {el, store, outbox, text, me, send(frame), labels, renderItem(m), showError(text)}.
 * Returns {sendMessage(clientId, p), showPending(clientId, p), act(frame, kind), acked(clientId), sendFailed(clientId, error)}.
 */
export function createOutgoing(deps) {
  var el = deps.el;
  var store = deps.store;
  var outbox = deps.outbox;
  var text = deps.text;

  /** A message on its way: kept in the outbox (resent after a reconnect until acked), shown as "sending". */
  function sendMessage(clientId, p) {
    outbox.add(clientId, p);
    showPending(clientId, p);
    deps.send(outbox.frameFor(clientId));
  }

  function showPending(clientId, p) {
    if (document.getElementById('pending-' + clientId)) { return; }
    var m = {room: p.room, author: deps.me, authorName: store.names.get(deps.me) || deps.me, text: p.text, attachments: p.attachments};
    var original = p.replyTo && store.rooms.has(p.room) ? store.rooms.get(p.room).messages.get(p.replyTo) : null;
    if (p.replyTo) {
      m.replyTo = original ? {seq: p.replyTo, author: original.author, authorName: original.authorName, text: original.text, deleted: original.deleted}
        : {seq: p.replyTo, author: '', authorName: '', text: ''};
    }
    var li = deps.renderItem(m);
    li.id = 'pending-' + clientId;
    li.classList.add('jc-pending');
    var status = document.createElement('span');
    status.className = 'jc-status';
    status.textContent = text.t('chat.sending');
    li.querySelector('.jc-meta').appendChild(status);
    el.messageList.appendChild(li);
    el.empty.hidden = true;
  }

  /** Sends an edit, deletion or reaction; an error answer comes back by its clientId. */
  function act(frame, kind) {
    frame.clientId = newClientId();
    outbox.ask(frame.clientId, {kind: kind, room: frame.room, seq: frame.seq});
    if (!deps.send(frame)) {
      outbox.refused(frame.clientId);
      deps.showError(text.t('chat.notNow'));
      return null;
    }
    return frame.clientId;
  }

  function acked(clientId) {
    var li = document.getElementById('pending-' + clientId);
    if (li) {
      var status = li.querySelector('.jc-status');
      if (status) { status.remove(); }
      li.classList.remove('jc-pending');
    }
  }

  function sendFailed(clientId, error) {
    var li = document.getElementById('pending-' + clientId);
    if (li) {
      li.classList.remove('jc-pending');
      li.classList.add('jc-failed');
      li.querySelector('.jc-status').textContent = text.t('chat.failed') + ' ' + deps.labels.errorText(error);
    }
  }

  return {sendMessage: sendMessage, showPending: showPending, act: act, acked: acked, sendFailed: sendFailed};
}
