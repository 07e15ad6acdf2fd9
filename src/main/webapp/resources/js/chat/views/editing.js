/** Editing a message in place. Owns the edit in progress: {room, seq, draft, saving, clientId, error, returnTo}. */
import {editFrame} from '../protocol/frames.js';

/**
 * deps: {el, store, text, me, act(frame, kind) -> clientId or null, refresh(m) (the message list redraws one message)}.
 * Returns {start(seq, returnTo), isEditing(m), editor(), connected(), changed(m, held), failed(error, text) -> handled,
 * roomSwitched(id)}.
 */
export function createEditing(deps) {
  var el = deps.el;
  var store = deps.store;
  var text = deps.text;
  var editing = null;

  function held(edit) {
    var room = store.rooms.get(edit.room);
    return room && room.messages.get(edit.seq);
  }

  /** Edits a message in place: Enter saves, Escape cancels; returnTo says where focus goes afterwards. */
  function start(seq, returnTo) {
    var room = store.rooms.get(store.current);
    var m = room && room.messages.get(seq);
    if (!m || m.author !== deps.me || m.deleted) { return; }
    editing = {room: store.current, seq: seq, draft: m.text, saving: null, clientId: null, error: '', returnTo: returnTo};
    deps.refresh(m);
    var box = document.getElementById('edit-text');
    if (box) {
      box.focus();
      box.setSelectionRange(box.value.length, box.value.length);
      box.closest('li').scrollIntoView({block: 'nearest'});
    }
  }

  /** Whether this message shows the edit box instead of its text. */
  function isEditing(m) {
    return !!editing && m.seq !== undefined && editing.room === m.room && editing.seq === m.seq && !m.deleted;
  }

  /** The edit box with its hint, status, Cancel and Save, for the message being edited. */
  function editor() {
    var edit = editing;
    var wrap = document.createElement('div');
    wrap.className = 'jc-editor';
    var label = document.createElement('label');
    label.className = 'jc-visually-hidden';
    label.htmlFor = 'edit-text';
    label.textContent = text.t('chat.editLabel');
    var box = document.createElement('textarea');
    box.id = 'edit-text';
    box.dataset.focusKey = 'editor';
    box.rows = Math.min(8, Math.max(2, edit.draft.split('\n').length));
    box.maxLength = 4000;
    box.value = edit.draft;
    box.readOnly = edit.saving !== null;
    box.setAttribute('aria-describedby', 'edit-hint');
    box.addEventListener('input', function () { edit.draft = box.value; });
    box.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); save(); }
      if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); cancel(); }
    });
    var bar = document.createElement('div');
    bar.className = 'jc-editor-bar';
    var hint = document.createElement('span');
    hint.id = 'edit-hint';
    hint.className = 'jc-hint';
    hint.textContent = text.t('chat.editHint');
    var status = document.createElement('span');
    status.className = edit.error ? 'jc-error' : 'jc-hint';
    status.setAttribute('role', edit.error ? 'alert' : 'status');
    status.textContent = edit.error || (edit.saving !== null ? text.t('chat.saving') : '');
    var cancelButton = document.createElement('button');
    cancelButton.type = 'button';
    cancelButton.className = 'jc-link-button';
    cancelButton.dataset.focusKey = 'edit-cancel';
    cancelButton.textContent = text.t('cancel');
    cancelButton.addEventListener('click', function () { cancel(); });
    var saveButton = document.createElement('button');
    saveButton.type = 'button';
    saveButton.className = 'jc-link-button jc-edit-save';
    saveButton.dataset.focusKey = 'edit-save';
    saveButton.textContent = text.t('save');
    saveButton.disabled = edit.saving !== null;
    saveButton.addEventListener('click', function () { save(); });
    bar.appendChild(hint);
    bar.appendChild(status);
    bar.appendChild(cancelButton);
    bar.appendChild(saveButton);
    wrap.appendChild(label);
    wrap.appendChild(box);
    wrap.appendChild(bar);
    return wrap;
  }

  function save() {
    var edit = editing;
    if (!edit || edit.saving !== null) { return; }
    var m = held(edit);
    if (!m) { editing = null; return; }
    var draft = edit.draft.trim();
    if (draft === m.text) { cancel(); return; }
    edit.error = '';
    var clientId = deps.act(editFrame(edit.room, edit.seq, draft), 'edit');
    if (clientId) {
      edit.saving = draft;
      edit.clientId = clientId;
    } else {
      edit.error = text.t('chat.notNow');
    }
    deps.refresh(m);
  }

  function cancel() {
    var edit = editing;
    if (!edit) { return; }
    editing = null;
    var m = held(edit);
    var li = m && el.messageList.querySelector('li[data-seq="' + m.seq + '"]');
    var hadFocus = li && li.contains(document.activeElement);
    if (m && edit.room === store.current) { deps.refresh(m); }
    if (edit.returnTo === 'composer' || !hadFocus) {
      el.composerText.focus();
    } else {
      var again = el.messageList.querySelector('li[data-seq="' + m.seq + '"] .jc-menu-button');
      if (again) { again.focus(); }
    }
  }

  /** hello: a new socket; an edit being saved on the old one is not any more. */
  function connected() {
    if (editing && editing.saving !== null) { editing.saving = null; }
  }

  /** A held message changed: the edit box closes when it was this edit (saved, or the message deleted). */
  function changed(m, before) {
    var edit = editing;
    if (edit && edit.room === m.room && edit.seq === m.seq
        && (m.deleted || edit.saving !== null && (m.text === edit.saving || m.editedAt !== before.editedAt))) {
      editing = null;
      if (edit.returnTo === 'composer' && m.room === store.current) { el.composerText.focus(); }
    }
  }

  /** An edit was refused: the box stays open and says why. True when the error was this edit's. */
  function failed(error, why) {
    var edit = editing;
    if (!edit || edit.clientId !== error.clientId) { return false; }
    edit.saving = null;
    edit.error = why;
    var m = held(edit);
    if (m && edit.room === store.current) { deps.refresh(m); }
    return true;
  }

  function roomSwitched(id) {
    if (editing && editing.room !== id) { editing = null; }
  }

  return {start: start, isEditing: isEditing, editor: editor, connected: connected, changed: changed, failed: failed,
    roomSwitched: roomSwitched};
}
