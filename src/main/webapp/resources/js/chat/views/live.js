/**
 * What the page shows when frames change what it knows: protocol/receive.js changes the store, then calls these
 * (the receiver's view). Also the page's actions on the connection: sync, send, mark read.
 */
/* Methods of the chat page (main.js mixes them in): `this` is the page. */
export const live = {
  send(frame) { return this.socket.send(frame); },

  sync(id) { this.receiver.sync(id); },

  /** The shown room is read up to its last message: tell the server (other tabs and devices follow). */
  markRead() {
    var seq = this.store.markRead(this.store.current);
    if (seq !== null) { this.api('PUT', '/api/v1/rooms/' + this.store.current + '/read', {seq: seq}); }
  },

  /** hello: a new socket; an edit being saved on the old one is not any more. */
  connected() {
    if (this.editing && this.editing.saving !== null) { this.editing.saving = null; }
    this.socket.greeted();
    this.hideBanner();
  },

  rememberedRoom() { return Number(sessionStorage.getItem('jointchat.room')); },

  /**
   * A new message in the shown room: appended; the pane follows it when the reader was at the end (or wrote it),
   * otherwise "n new below" counts it. True when the reader sees it now (then it is read).
   */
  showNew(m) {
    var atEnd = this.isAtEnd();
    this.insert(m);
    if (atEnd || m.author === this.me) {
      this.scrollToEnd();
    } else {
      this.newBelow++;      // the reader is further up: they stay where they are and see how much is new
      this.renderNewBelow();
    }
    return document.hasFocus() && !document.hidden && atEnd;
  },

  /** A held message changed (edited, deleted, reacted to): the edit box closes when it was this edit, the view follows. */
  messageChanged(m, held) {
    var editing = this.editing;
    if (editing && editing.room === m.room && editing.seq === m.seq
        && (m.deleted || editing.saving !== null && (m.text === editing.saving || m.editedAt !== held.editedAt))) {
      this.editing = null;
      if (editing.returnTo === 'composer' && m.room === this.store.current) { this.el.composerText.focus(); }
    }
    if (m.room === this.store.current) { this.refresh(m); }
    if (this.replyTo && this.replyTo.room === m.room && this.replyTo.seq === m.seq) {
      if (m.deleted) { this.cancelReply(); } else { this.renderComposerContext(); }
    }
  },

  acked(clientId) {
    var el = document.getElementById('pending-' + clientId);
    if (el) {
      var status = el.querySelector('.jc-status');
      if (status) { status.remove(); }
      el.classList.remove('jc-pending');
    }
  },

  sendFailed(clientId, error) {
    var el = document.getElementById('pending-' + clientId);
    if (el) {
      el.classList.remove('jc-pending');
      el.classList.add('jc-failed');
      el.querySelector('.jc-status').textContent = this.text.t('chat.failed') + ' ' + this.errorText(error);
    }
  },

  /** An error frame's code in the page's language. */
  errorText(error) {
    var self = this;
    return this.text.error(error, function (until) { return self.untilText(until); });
  },

  currentRoomChanged(frame, membership) {
    this.renderHeader();
    if (frame.event !== 'updated' || !this.el.membersPanel.hidden) { this.loadMembers(); }
    if (membership) { this.loadOnline(true); }
  },

  presenceChanged(listChanged) {
    if (listChanged) { this.renderOnline(); }
    this.renderRooms();
    this.renderProfilePresence();
  },

  onlineCountChanged(next) {
    if (next === 'reload') { this.loadOnline(true); } else { this.renderOnline(); }
  },

  profileChanged(user, inOnlineList) {
    if (inOnlineList) { this.renderOnline(); }
    this.renderRooms();
    if (this.store.current !== null) { this.renderMessages(true); this.renderHeader(); }
  },

  showBanner(text) {
    this.el.banner.textContent = text;
    this.el.banner.hidden = false;
  },

  hideBanner() {
    this.el.banner.hidden = true;
  },

  /** A refused handshake may mean the session ended: then sign in again (unsent messages wait in sessionStorage). */
  checkSignedIn() {
    var self = this;
    this.api('GET', '/api/v1/users/me').then(function (response) {
      if (response.status === 401) {
        location.href = self.context + '/login.xhtml?next=' + encodeURIComponent(location.pathname.substring(self.context.length));
      }
    }).catch(function () { /* server down: keep retrying */ });
  }
};
