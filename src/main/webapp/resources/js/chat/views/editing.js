/** Editing a message in place. */

import {editFrame} from '../protocol/frames.js';

/* Methods of the chat page (main.js mixes them in): `this` is the page. */
export const editing = {
  /** Edits a message in place: Enter saves, Escape cancels; returnTo says where focus goes afterwards. */
  startEdit(seq, returnTo) {
    var room = this.store.rooms.get(this.store.current);
    var m = room && room.messages.get(seq);
    if (!m || m.author !== this.me || m.deleted) { return; }
    this.editing = {room: this.store.current, seq: seq, draft: m.text, saving: null, clientId: null, error: '', returnTo: returnTo};
    this.refresh(m);
    var box = document.getElementById('edit-text');
    if (box) {
      box.focus();
      box.setSelectionRange(box.value.length, box.value.length);
      box.closest('li').scrollIntoView({block: 'nearest'});
    }
  },

  editor() {
    var self = this;
    var editing = this.editing;
    var wrap = document.createElement('div');
    wrap.className = 'jc-editor';
    var label = document.createElement('label');
    label.className = 'jc-visually-hidden';
    label.htmlFor = 'edit-text';
    label.textContent = this.text.t('chat.editLabel');
    var box = document.createElement('textarea');
    box.id = 'edit-text';
    box.dataset.focusKey = 'editor';
    box.rows = Math.min(8, Math.max(2, editing.draft.split('\n').length));
    box.maxLength = 4000;
    box.value = editing.draft;
    box.readOnly = editing.saving !== null;
    box.setAttribute('aria-describedby', 'edit-hint');
    box.addEventListener('input', function () { editing.draft = box.value; });
    box.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); self.saveEdit(); }
      if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); self.cancelEdit(); }
    });
    var bar = document.createElement('div');
    bar.className = 'jc-editor-bar';
    var hint = document.createElement('span');
    hint.id = 'edit-hint';
    hint.className = 'jc-hint';
    hint.textContent = this.text.t('chat.editHint');
    var status = document.createElement('span');
    status.className = editing.error ? 'jc-error' : 'jc-hint';
    status.setAttribute('role', editing.error ? 'alert' : 'status');
    status.textContent = editing.error || (editing.saving !== null ? this.text.t('chat.saving') : '');
    var cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'jc-link-button';
    cancel.dataset.focusKey = 'edit-cancel';
    cancel.textContent = this.text.t('cancel');
    cancel.addEventListener('click', function () { self.cancelEdit(); });
    var save = document.createElement('button');
    save.type = 'button';
    save.className = 'jc-link-button jc-edit-save';
    save.dataset.focusKey = 'edit-save';
    save.textContent = this.text.t('save');
    save.disabled = editing.saving !== null;
    save.addEventListener('click', function () { self.saveEdit(); });
    bar.appendChild(hint);
    bar.appendChild(status);
    bar.appendChild(cancel);
    bar.appendChild(save);
    wrap.appendChild(label);
    wrap.appendChild(box);
    wrap.appendChild(bar);
    return wrap;
  },

  saveEdit() {
    var editing = this.editing;
    if (!editing || editing.saving !== null) { return; }
    var room = this.store.rooms.get(editing.room);
    var m = room && room.messages.get(editing.seq);
    if (!m) { this.editing = null; return; }
    var text = editing.draft.trim();
    if (text === m.text) { this.cancelEdit(); return; }
    editing.error = '';
    var clientId = this.act(editFrame(editing.room, editing.seq, text), 'edit');
    if (clientId) {
      editing.saving = text;
      editing.clientId = clientId;
    } else {
      editing.error = this.text.t('chat.notNow');
    }
    this.refresh(m);
  },

  cancelEdit() {
    var editing = this.editing;
    if (!editing) { return; }
    this.editing = null;
    var m = this.store.rooms.get(editing.room) && this.store.rooms.get(editing.room).messages.get(editing.seq);
    var li = m && this.el.messageList.querySelector('li[data-seq="' + m.seq + '"]');
    var hadFocus = li && li.contains(document.activeElement);
    if (m && editing.room === this.store.current) { this.refresh(m); }
    if (editing.returnTo === 'composer' || !hadFocus) {
      this.el.composerText.focus();
    } else {
      var again = this.el.messageList.querySelector('li[data-seq="' + m.seq + '"] .jc-menu-button');
      if (again) { again.focus(); }
    }
  },
};
