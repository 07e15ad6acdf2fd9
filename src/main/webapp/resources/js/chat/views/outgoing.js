/** The reader's own messages on their way: the "sending" bubbles, acks and refusals. */
import {newClientId} from '../state/outbox.js';

/* Methods of the chat page (main.js mixes them in): `this` is the page. */
export const outgoing = {
  submit() {
    var text = this.el.composerText.value.trim();
    if (this.store.current === null) { return; }
    var attachments = this.attached.get(this.store.current) || [];
    if (!text && !attachments.length) { return; }
    var clientId = newClientId();
    var p = {room: this.store.current, text: text};
    if (this.replyTo && this.replyTo.room === this.store.current) { p.replyTo = this.replyTo.seq; }
    if (attachments.length) { p.attachments = attachments; }
    this.sendMessage(clientId, p);
    this.el.composerText.value = '';
    this.attached.delete(this.store.current);
    this.replyTo = null;
    this.showComposerError('');
    this.renderComposerContext();
    this.closeSuggestions();
    this.scrollToEnd();
  },

  /** A message on its way: kept in the outbox (resent after a reconnect until acked), shown as "sending". */
  sendMessage(clientId, p) {
    this.outbox.add(clientId, p);
    this.showPending(clientId, p);
    this.send(this.outbox.frameFor(clientId));
  },

  showPending(clientId, p) {
    if (document.getElementById('pending-' + clientId)) { return; }
    var m = {room: p.room, author: this.me, authorName: this.store.names.get(this.me) || this.me, text: p.text, attachments: p.attachments};
    var original = p.replyTo && this.store.rooms.has(p.room) ? this.store.rooms.get(p.room).messages.get(p.replyTo) : null;
    if (p.replyTo) {
      m.replyTo = original ? {seq: p.replyTo, author: original.author, authorName: original.authorName, text: original.text, deleted: original.deleted}
        : {seq: p.replyTo, author: '', authorName: '', text: ''};
    }
    var li = this.render(m);
    li.id = 'pending-' + clientId;
    li.classList.add('jc-pending');
    var status = document.createElement('span');
    status.className = 'jc-status';
    status.textContent = this.text.t('chat.sending');
    li.querySelector('.jc-meta').appendChild(status);
    this.el.messageList.appendChild(li);
    this.el.empty.hidden = true;
  }
};
