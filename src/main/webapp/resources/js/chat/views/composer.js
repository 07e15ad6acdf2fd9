/**
 * The composer: its keys, sending, replying, what goes with the next message and errors above the input, who is
 * told the reader types, and whether the reader may post. Owns the message answered (replyTo), the typing
 * throttle, the error's timer and the timer that brings the input back when a mute ends.
 */
import {format} from '../i18n/texts.js';
import {typingFrame} from '../protocol/frames.js';
import {newClientId} from '../state/outbox.js';
import {messageLine} from '../ui/plainText.js';
import {createComposerLength} from './composerLength.js';

/**
 * deps: {el, store, text, labels, send(frame), uploads, suggestions, startEdit(seq, returnTo), sendMessage(clientId, p),
 * scrollToEnd(), drafts (views/drafts.js, optional)}.
 * Returns {startReply(seq), cancelReply(), renderContext(), showError(text), renderState(), roomSwitched(id), messageChanged(m)}.
 */
export function createComposer(deps) {
  var el = deps.el;
  var store = deps.store;
  var text = deps.text;
  var replyTo = null;       // {room, seq}: the message the composer answers
  var lastTyping = 0;
  var errorTimer = null;
  var muteTimer = null;

  function submit() {
    var value = el.composerText.value.trim();
    if (store.current === null) { return; }
    var attachments = deps.uploads.attached(store.current);
    if (!value && !attachments.length) { return; }
    var p = {room: store.current, text: value};
    if (replyTo && replyTo.room === store.current) { p.replyTo = replyTo.seq; }
    if (attachments.length) { p.attachments = attachments; }
    deps.sendMessage(newClientId(), p);
    if (draft) { draft.sent(); }   // drafts (issue 22, item 6): cleared on every device
    el.composerText.value = '';
    length.update();   // the counter goes and the input shrinks back
    deps.uploads.clear(store.current);
    replyTo = null;
    showError('');
    renderContext();
    deps.suggestions.close();
    deps.scrollToEnd();
  }

  function key(e) {
    if (deps.suggestions.key(e)) { return; }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); return; }
    if (e.key === 'ArrowUp' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && el.composerText.value === '') {
      var last = store.lastOwnMessage(store.current);
      if (last) { e.preventDefault(); deps.startEdit(last.seq, 'composer'); }
      return;
    }
    if (e.key === 'Escape' && replyTo) { e.preventDefault(); e.stopPropagation(); cancelReply(); }
  }

  function startReply(seq) {
    replyTo = {room: store.current, seq: seq};
    renderContext();
    el.composerText.focus();
  }

  function cancelReply() {
    replyTo = null;
    renderContext();
  }

  /** What goes with the next message (the message answered, uploads), and errors, above the input. */
  function renderContext() {
    var room = store.rooms.get(store.current);
    var original = replyTo && room ? room.messages.get(replyTo.seq) : null;
    el.replyBar.hidden = !original;
    if (original) {
      el.replyText.textContent = '';
      var label = document.createElement('span');
      label.className = 'jc-reply-label';
      label.textContent = format(text.t('chat.replyingTo'), store.names.get(original.author) || original.authorName) + ' ';
      var start = document.createElement('span');
      start.className = 'jc-reply-start';
      deps.labels.showExcerpt(start, messageLine(original));
      el.replyText.appendChild(label);
      el.replyText.appendChild(start);
    }
    deps.uploads.render();
    el.composerError.hidden = !el.composerError.textContent;
    el.composerContext.hidden = el.replyBar.hidden && el.attachedList.hidden && el.upload.hidden && el.composerError.hidden;
  }

  function showError(line) {
    clearTimeout(errorTimer);
    el.composerError.textContent = line;
    renderContext();
    if (line) {
      errorTimer = setTimeout(function () { el.composerError.textContent = ''; renderContext(); }, 12000);
    }
  }

  /** When the reader cannot post in the shown room, a notice says why in place of the input (and when a mute ends). */
  function renderState() {
    var room = store.rooms.get(store.current);
    var standing = room ? store.standing(room.info) : {reason: null, until: 0};
    var readOnly = standing.reason !== null;
    var notice = {muted: format(text.t('chat.mod.mutedNotice'), deps.labels.untilText(standing.until)), announcement: text.t('chat.mod.announcementNotice'),
      archived: text.t('chat.mod.archivedNotice')}[standing.reason] || '';
    if (el.composerNotice.textContent !== notice) { el.composerNotice.textContent = notice; }
    el.composerNotice.hidden = !readOnly;
    el.composer.classList.toggle('jc-read-only', readOnly);
    [el.composerText, el.attach, el.send].forEach(function (part) { part.hidden = readOnly; });
    if (readOnly) { el.composerCount.hidden = true; } else { length.update(); }
    if (readOnly) { deps.suggestions.close(); }
    clearTimeout(muteTimer);
    if (standing.until) {
      // The input comes back by itself when the mute ends (a timer cannot wait longer than about 24 days).
      muteTimer = setTimeout(renderState, Math.min(standing.until - Date.now() + 500, 2000000000));
    }
  }

  function announceTyping() {
    var now = Date.now();
    if (store.current !== null && (!lastTyping || now - lastTyping > 2000)) {
      lastTyping = now;
      deps.send(typingFrame(store.current));
    }
  }

  /** Another room is shown: a reply to a message of the old one is dropped. */
  function roomSwitched(id) {
    if (replyTo && replyTo.room !== id) { replyTo = null; }
    if (draft) { draft.switched(); }   // drafts (issue 22, item 6): the old room's saved, the new room's back
    renderContext();
  }

  /** A held message changed: the reply bar follows it (and goes when it was deleted). */
  function messageChanged(m) {
    if (replyTo && replyTo.room === m.room && replyTo.seq === m.seq) {
      if (m.deleted) { cancelReply(); } else { renderContext(); }
    }
  }

  el.composer.addEventListener('submit', function (e) { e.preventDefault(); submit(); });
  el.composerText.addEventListener('keydown', key);
  el.composerText.addEventListener('input', announceTyping);
  el.replyCancel.addEventListener('click', function () { cancelReply(); el.composerText.focus(); });
  var length = createComposerLength({el: el, text: text, showError: showError});
  // Drafts (issue 22, item 6): this composer's text is the shown room's draft (views/drafts.js).
  var draft = deps.drafts ? deps.drafts.bind(el.composerText, function () {
    return store.current === null ? null : {room: store.current, thread: 0};
  }, function () { length.update(); }) : null;
  renderContext();

  return {startReply: startReply, cancelReply: cancelReply, renderContext: renderContext, showError: showError,
    renderState: renderState, roomSwitched: roomSwitched, messageChanged: messageChanged};
}
