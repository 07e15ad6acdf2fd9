/** The composer: keys, replying, what goes with the next message, and whether the reader may post. */
import {format} from '../i18n/texts.js';

import {typingFrame} from '../protocol/frames.js';

/* Methods of the chat page (main.js mixes them in): `this` is the page. */
export const composer = {
  composerKey(e) {
    var list = this.el.mentionList;
    if (!list.hidden) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') { e.preventDefault(); this.moveSuggestion(e.key === 'ArrowDown' ? 1 : -1); return; }
      if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && !e.isComposing) {
        var active = list.querySelector('[aria-selected=true]');
        if (active) { e.preventDefault(); this.pickSuggestion(active.dataset.login); return; }
      }
      if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); this.closeSuggestions(); return; }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); this.submit(); return; }
    if (e.key === 'ArrowUp' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && this.el.composerText.value === '') {
      var last = this.store.lastOwnMessage(this.store.current);
      if (last) { e.preventDefault(); this.startEdit(last.seq, 'composer'); }
      return;
    }
    if (e.key === 'Escape' && this.replyTo) { e.preventDefault(); e.stopPropagation(); this.cancelReply(); }
  },

  startReply(seq) {
    this.replyTo = {room: this.store.current, seq: seq};
    this.renderComposerContext();
    this.el.composerText.focus();
  },

  cancelReply() {
    this.replyTo = null;
    this.renderComposerContext();
  },

  /** What goes with the next message (the message answered, uploads), and errors, above the input. */
  renderComposerContext() {
    var self = this;
    var el = this.el;
    var room = this.store.rooms.get(this.store.current);
    var original = this.replyTo && room ? room.messages.get(this.replyTo.seq) : null;
    el.replyBar.hidden = !original;
    if (original) {
      el.replyText.textContent = '';
      var label = document.createElement('span');
      label.className = 'jc-reply-label';
      label.textContent = format(this.text.t('chat.replyingTo'), this.store.names.get(original.author) || original.authorName) + ' ';
      var start = document.createElement('span');
      start.className = 'jc-reply-start';
      this.showExcerpt(start, original.text);
      el.replyText.appendChild(label);
      el.replyText.appendChild(start);
    }
    var attached = this.attached.get(this.store.current) || [];
    el.attachedList.textContent = '';
    el.attachedList.hidden = !attached.length;
    attached.forEach(function (a) {
      var li = document.createElement('li');
      li.className = 'jc-chip';
      var name = document.createElement('span');
      name.appendChild(self.icon('attach'));
      name.appendChild(document.createTextNode(' ' + a.name + ' (' + self.text.size(a.size) + ')'));
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'jc-chip-remove';
      remove.dataset.removeAttachment = a.id;
      remove.textContent = '×';
      remove.setAttribute('aria-label', self.text.t('chat.removeAttachment') + ' ' + a.name);
      remove.title = remove.getAttribute('aria-label');
      li.appendChild(name);
      li.appendChild(remove);
      el.attachedList.appendChild(li);
    });
    var up = this.uploading;
    el.upload.hidden = !up || up.job.room !== this.store.current;
    if (up) {
      el.uploadName.textContent = this.text.t('chat.uploading') + ' ' + up.job.file.name;
      el.uploadProgress.value = Math.round(up.fraction * 100);
      el.uploadPercent.textContent = this.text.percent(up.fraction);
    }
    el.composerError.hidden = !el.composerError.textContent;
    el.composerContext.hidden = el.replyBar.hidden && el.attachedList.hidden && el.upload.hidden && el.composerError.hidden;
  },

  showComposerError(text) {
    var self = this;
    clearTimeout(this.composerErrorTimer);
    this.el.composerError.textContent = text;
    this.renderComposerContext();
    if (text) {
      this.composerErrorTimer = setTimeout(function () { self.el.composerError.textContent = ''; self.renderComposerContext(); }, 12000);
    }
  },

  /** When the reader cannot post in the shown room, a notice says why in place of the input (and when a mute ends). */
  renderComposerState() {
    var self = this;
    var el = this.el;
    var room = this.store.rooms.get(this.store.current);
    var standing = room ? this.store.standing(room.info) : {reason: null, until: 0};
    var readOnly = standing.reason !== null;
    var text = {muted: format(this.text.t('chat.mod.mutedNotice'), this.untilText(standing.until)), announcement: this.text.t('chat.mod.announcementNotice'),
      archived: this.text.t('chat.mod.archivedNotice')}[standing.reason] || '';
    if (el.composerNotice.textContent !== text) { el.composerNotice.textContent = text; }
    el.composerNotice.hidden = !readOnly;
    el.composer.classList.toggle('jc-read-only', readOnly);
    [el.composerText, el.attach, el.send].forEach(function (part) { part.hidden = readOnly; });
    if (readOnly) { this.closeSuggestions(); }
    clearTimeout(this.muteTimer);
    if (standing.until) {
      // The input comes back by itself when the mute ends (a timer cannot wait longer than about 24 days).
      this.muteTimer = setTimeout(function () { self.renderComposerState(); }, Math.min(standing.until - Date.now() + 500, 2000000000));
    }
  },

  /** A time to come: the time alone today, else the day and time. */
  untilText(until) {
    var d = new Date(until);
    return d.toDateString() === new Date().toDateString() ? this.text.time(d) : this.text.shortDateTime(d);
  },

  announceTyping() {
    var now = Date.now();
    if (this.store.current !== null && (!this.lastTyping || now - this.lastTyping > 2000)) {
      this.lastTyping = now;
      this.send(typingFrame(this.store.current));
    }
  },
};
