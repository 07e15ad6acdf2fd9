/**
 * The thread panel (issue 22, item 1): a root, its replies (older pages on demand) and a composer of its own that
 * sends into the thread ("Also send to the room" puts the reply in the main list too), Follow / Unfollow. Laid out
 * like search (views/search.js): the right-hand column beside the conversation on a wide screen, a full-screen view
 * with "Back" at 900 px and less; the page's root carries jc-thread-view while it (or the Threads view) is open.
 * Live: replies come in `message` frames, edits, deletions, reactions and the root's summary in `changed` frames
 * (protocol/receive.js calls reply() and changed()). Opening it, and new replies seen in it, mark the thread read.
 * Owns the open thread (state/threads.js OpenThread), its older page being loaded, and the button that opened it.
 */
import {PAGE, MESSAGE_MAX} from '../limits.js';
import {OpenThread} from '../state/threads.js';
import {newClientId} from '../state/outbox.js';
import {nearEnd} from './messageList.js';

/**
 * deps: {el, store, threads, text, api, me, item (messageItem), outbox, send(frame), sendMessage(clientId, p) (views/outgoing.js),
 * show(room), root (the page's root element), labels, closeSearch(), backToList() (the Threads view, when it opened the thread),
 * drafts (views/drafts.js, optional: the thread's half-written reply is a draft of that thread)}.
 * Returns {open(room, seq, opener, fromList), close(back), isOpen(), reply(m), changed(m), activity(frame), roomSwitched(id),
 * find(seq), list (the replies' element), composer: {form, input, alsoToRoom} (for drafts)}.
 */
export function createThreadPanel(deps) {
  var store = deps.store;
  var text = deps.text;
  var root = deps.root;
  var thread = null;        // OpenThread
  var opener = null;
  var fromList = false;
  var loadingOlder = false;

  // The panel, built here (the page's markup stays as it is): head, the thread as a log, its composer.
  var panel = part('section', 'jc-thread-column jc-thread-panel', {id: 'thread-panel', 'aria-labelledby': 'thread-heading'});
  panel.hidden = true;
  var head = part('div', 'jc-thread-head');
  var back = button('jc-link-button jc-thread-back', '← ' + text.t('chat.thread.back'), {id: 'thread-back'});
  var heading = part('h2', '', {id: 'thread-heading'});
  heading.textContent = text.t('chat.thread.title');
  var roomName = part('span', 'jc-thread-room', {id: 'thread-room'});
  var titles = part('div', 'jc-thread-titles');
  titles.appendChild(heading);
  titles.appendChild(roomName);
  var follow = button('jc-link-button jc-thread-follow', text.t('chat.thread.follow'), {id: 'thread-follow'});
  var closer = button('jc-icon-button jc-thread-close', '×', {id: 'thread-close', 'aria-label': text.t('chat.thread.close'), title: text.t('chat.thread.close')});
  [back, titles, follow, closer].forEach(function (x) { head.appendChild(x); });
  var scroller = part('div', 'jc-thread-scroll', {id: 'thread-scroll', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions',
    tabindex: '0', 'aria-label': text.t('chat.thread.replyList')});
  var rootList = part('ol', 'jc-message-list jc-thread-root', {id: 'thread-root'});
  var count = part('p', 'jc-thread-count', {id: 'thread-count'});
  var older = button('jc-older', text.t('chat.thread.older'), {id: 'thread-older'});
  older.hidden = true;
  var replies = part('ol', 'jc-message-list jc-thread-replies', {id: 'thread-replies'});
  var status = part('p', 'jc-thread-status', {id: 'thread-status'});
  [rootList, count, older, replies, status].forEach(function (x) { scroller.appendChild(x); });
  var form = part('form', 'jc-thread-composer', {id: 'thread-composer', autocomplete: 'off'});
  var error = part('p', 'jc-error', {id: 'thread-error', role: 'alert'});
  error.hidden = true;
  var label = part('label', 'jc-visually-hidden', {for: 'thread-text'});
  label.textContent = text.t('chat.thread.label');
  var input = part('textarea', 'jc-thread-text', {id: 'thread-text', rows: '2', maxlength: String(MESSAGE_MAX), placeholder: text.t('chat.thread.placeholder')});
  var alsoLabel = part('label', 'jc-thread-also');
  var also = part('input', '', {type: 'checkbox', id: 'thread-also'});
  var draft = null;   // drafts (issue 22, item 6): bound below, once the open thread exists
  alsoLabel.appendChild(also);
  alsoLabel.appendChild(document.createTextNode(' ' + text.t('chat.thread.alsoToRoom')));
  var sendButton = part('button', 'ui-button ui-widget ui-state-default jc-send', {type: 'submit', id: 'thread-send'});
  sendButton.textContent = text.t('chat.send');
  [error, label, input, alsoLabel, sendButton].forEach(function (x) { form.appendChild(x); });
  [head, scroller, form].forEach(function (x) { panel.appendChild(x); });
  root.appendChild(panel);

  function part(tag, className, attributes) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function button(className, label, attributes) {
    var b = part('button', className, Object.assign({type: 'button'}, attributes || {}));
    b.textContent = label;
    return b;
  }

  var narrow = function () { return window.matchMedia('(max-width: 900px)').matches; };

  /** Opens a root's thread (in its room, shown first when another is): what the page holds at once, then the server's page. */
  function open(room, seq, by, listOpened) {
    if (!store.rooms.has(room)) { return; }
    if (store.current !== room) { deps.show(room); }
    deps.closeSearch();
    opener = by || null;
    fromList = !!listOpened;
    thread = new OpenThread(room, seq);
    var held = store.rooms.get(room).messages;
    if (held.has(seq)) { thread.keepRoot(held.get(seq)); }
    held.forEach(function (m) { if (m.thread === seq) { thread.keep(m); } });
    error.hidden = true;
    also.checked = false;
    if (draft) { draft.switched(); }   // the thread before it keeps its draft, this one's comes back
    panel.hidden = false;
    root.classList.add('jc-thread-view');
    root.classList.remove('jc-threads-list-view');
    render(false);
    if (!narrow() || !matchMedia('(pointer: coarse)').matches) { input.focus(); } else { back.focus(); }
    load(false);
  }

  /** The thread's newest page, or (older) the page before the oldest reply held. */
  function load(olderPage) {
    var t = thread;
    if (olderPage && (loadingOlder || t.next === null)) { return; }
    if (olderPage) { loadingOlder = true; older.disabled = true; }
    status.textContent = t.loaded ? '' : text.t('chat.thread.loading');
    var path = '/api/v1/rooms/' + t.room + '/threads/' + t.rootSeq + '?limit=' + PAGE
      + (olderPage && t.next !== null ? '&before=' + encodeURIComponent(t.next) : '');
    deps.api('GET', path).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; }).then(function (page) {
      if (olderPage) { loadingOlder = false; older.disabled = false; }
      if (thread !== t) { return; }
      if (!page) {
        status.textContent = text.t('chat.thread.failed');
        return;
      }
      var fromBottom = scroller.scrollHeight - scroller.scrollTop;
      t.keepPage(page);
      render(olderPage);
      if (olderPage) { scroller.scrollTop = scroller.scrollHeight - fromBottom; } else { scrollToEnd(); markRead(true); }
    });
  }

  /** Draws the root, the count, the replies (keepPosition: a redraw while the reader looks further up). */
  function render(keepPosition) {
    if (!thread) { return; }
    var atEnd = isAtEnd();
    var room = store.rooms.get(thread.room);
    roomName.textContent = room ? deps.labels.roomTitle(room.info) : '';
    rootList.textContent = '';
    if (thread.root) { rootList.appendChild(itemOf(thread.root)); }
    var list = thread.replies();
    var summary = thread.root && thread.root.threadSummary;
    var n = Math.max(list.length, summary ? summary.replies || 0 : 0);
    count.textContent = n ? text.plural(text.t('chat.thread.replies'), n) : text.t('chat.thread.noReplies');
    older.hidden = thread.next === null || !thread.loaded;
    replies.textContent = '';
    list.forEach(function (m) { replies.appendChild(itemOf(m)); });
    if (thread.loaded) { status.textContent = ''; }
    renderFollow();
    if (!keepPosition || atEnd) { scrollToEnd(); }
  }

  /** A message as the main list draws it, without the way into the thread it is already in. */
  function itemOf(m) {
    var li = deps.item.render(m);
    Array.prototype.forEach.call(li.querySelectorAll('.jc-thread-line'), function (line) { line.remove(); });
    return li;
  }

  /** Whether the reader follows the open thread: as the server said, else as it would decide (started, replied, mentioned). */
  function following() {
    var known = deps.threads.get(thread.room, thread.rootSeq);
    if (known && known.following !== undefined) { return known.following; }
    var me = deps.me;
    var took = thread.root && (thread.root.author === me || store.mentionsMe(thread.root));
    thread.items.forEach(function (m) { if (m.author === me || store.mentionsMe(m)) { took = true; } });
    return !!took;
  }

  function renderFollow() {
    var on = following();
    follow.textContent = on ? text.t('chat.thread.unfollow') : text.t('chat.thread.follow');
    follow.dataset.following = String(on);
  }

  function toggleFollow() {
    var t = thread;
    var on = !following();
    deps.api(on ? 'PUT' : 'DELETE', '/api/v1/rooms/' + t.room + '/threads/' + t.rootSeq + '/follow').then(function (r) {
      if (!r.ok) { showError(text.t('chat.notNow')); return; }
      deps.threads.apply({room: t.room, root: t.rootSeq, following: on});
      store.emit('rooms');
      if (thread === t) { renderFollow(); }
    }).catch(function () { showError(text.t('chat.notNow')); });
  }

  /** The thread is read up to its newest reply: the server hears it (other tabs follow through `thread` frames). */
  function markRead(opening) {
    if (!thread || panel.hidden || document.hidden || !opening && !document.hasFocus()) { return; }
    var seq = thread.newestSeq();
    var known = deps.threads.get(thread.room, thread.rootSeq);
    if (!seq || seq <= (thread.readSeq || 0) && !(known && known.unread)) { return; }
    thread.readSeq = seq;
    deps.threads.read(thread.room, thread.rootSeq);
    store.emit('rooms');
    deps.api('PUT', '/api/v1/rooms/' + thread.room + '/threads/' + thread.rootSeq + '/read', {seq: seq}).catch(function () {});
  }

  /** Sends the composer's text into the thread (and, when asked, to the room's main list too). */
  function submit() {
    var value = input.value.trim();
    if (!thread || !value) { return; }
    var p = {room: thread.room, text: value, thread: thread.rootSeq};
    var clientId = newClientId();
    if (also.checked) {
      p.alsoToRoom = true;
      deps.sendMessage(clientId, p);   // the main list shows it as "sending" too; the outbox resends it
    } else {
      deps.outbox.add(clientId, p);
      if (!deps.send(deps.outbox.frameFor(clientId))) { /* offline: sent again with the same clientId once connected */ }
    }
    showPending(clientId, p);
    input.value = '';
    if (draft) { draft.sent(); }
    also.checked = false;
    showError('');
    scrollToEnd();
  }

  /**
   * A reply on its way. A thread-only one takes the main list's id (pending-clientId), so views/outgoing.js marks its
   * ack and refusal; one that also goes to the room has its own id here.
   */
  function showPending(clientId, p) {
    var m = {room: p.room, author: deps.me, authorName: store.names.get(deps.me) || deps.me, text: p.text, thread: p.thread};
    var li = deps.item.render(m);
    li.id = (p.alsoToRoom ? 'thread-pending-' : 'pending-') + clientId;
    li.classList.add('jc-pending');
    var sending = document.createElement('span');
    sending.className = 'jc-status';
    sending.textContent = text.t('chat.sending');
    li.querySelector('.jc-meta').appendChild(sending);
    replies.appendChild(li);
  }

  function showError(line) {
    error.textContent = line;
    error.hidden = !line;
  }

  /** A reply (or the root) came: shown when this thread is open; its pending bubble goes; read when the reader sees it. */
  function reply(m) {
    if (!thread || !thread.concerns(m)) { return; }
    var atEnd = isAtEnd();
    if (m.clientId) {
      ['pending-', 'thread-pending-'].forEach(function (prefix) {
        var pending = document.getElementById(prefix + m.clientId);
        if (pending && replies.contains(pending)) { pending.remove(); }
      });
    }
    if (!thread.keep(m)) { return; }
    var li = replies.querySelector('li[data-seq="' + m.seq + '"]');
    if (li) {
      li.replaceWith(itemOf(m));
    } else {
      var later = Array.prototype.find.call(replies.querySelectorAll('li[data-seq]'), function (x) { return Number(x.dataset.seq) > m.seq; });
      replies.insertBefore(itemOf(m), later || replies.querySelector('li.jc-pending, li.jc-failed'));
    }
    var n = thread.replies().length;
    var summary = thread.root && thread.root.threadSummary;
    count.textContent = text.plural(text.t('chat.thread.replies'), Math.max(n, summary ? summary.replies || 0 : 0));
    if (atEnd || m.author === deps.me) { scrollToEnd(); markRead(); }
  }

  /** An edit, deletion or reaction of a reply, or the root's new summary. */
  function changed(m) {
    if (!thread || !thread.concerns(m)) { return; }
    var kept = thread.keep(m);
    if (!kept) { return; }
    if (m.seq === thread.rootSeq) {
      rootList.textContent = '';
      rootList.appendChild(itemOf(thread.root));
      var summary = thread.root.threadSummary;
      count.textContent = summary && summary.replies ? text.plural(text.t('chat.thread.replies'), Math.max(summary.replies, thread.items.size))
        : count.textContent;
      return;
    }
    var li = replies.querySelector('li[data-seq="' + m.seq + '"]');
    if (li) { li.replaceWith(itemOf(m)); } else { render(true); }
  }

  /** A `thread` frame: the open thread's follow state may have changed (another tab, a mention). */
  function activity(frame) {
    if (thread && frame.room === thread.room && frame.root === thread.rootSeq) { renderFollow(); }
  }

  /** Closes the panel; back: focus goes to the room's composer (or to the Threads view when it opened the thread). */
  function close(backTo) {
    if (panel.hidden) { return; }
    panel.hidden = true;
    thread = null;
    if (draft) { draft.switched(); }   // what was typed stays as the thread's draft
    root.classList.remove('jc-thread-view');
    if (backTo === false) { fromList = false; }
    if (fromList && backTo !== false) {
      fromList = false;
      deps.backToList(opener);
      return;
    }
    if (backTo !== false && deps.el.composerText && !deps.el.composerText.hidden) { deps.el.composerText.focus(); }
  }

  /** Another room is shown: a thread of the old one closes (the Threads view opens the room first, then its thread). */
  function roomSwitched(id) {
    if (thread && thread.room !== id) { fromList = false; close(false); }
  }

  function isAtEnd() { return nearEnd(scroller.scrollHeight, scroller.scrollTop, scroller.clientHeight); }

  function scrollToEnd() { scroller.scrollTop = scroller.scrollHeight; }

  form.addEventListener('submit', function (e) { e.preventDefault(); submit(); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
  });
  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && !e.defaultPrevented) { e.preventDefault(); e.stopPropagation(); close(true); }
  });
  back.addEventListener('click', function () { close(true); });
  closer.addEventListener('click', function () { close(true); });
  follow.addEventListener('click', toggleFollow);
  older.addEventListener('click', function () { load(true); });
  scroller.addEventListener('scroll', function () {
    if (scroller.scrollTop < 100 && thread && thread.next !== null && thread.loaded) { load(true); }
    if (isAtEnd()) { markRead(); }
  }, {passive: true});
  window.addEventListener('focus', function () { if (isAtEnd()) { markRead(); } });
  // The way in from the main list: "3 replies" under a root, "replied to a thread" on a reply sent to the room too.
  deps.el.messageList.addEventListener('click', function (e) {
    var way = e.target.closest('.jc-thread-open');
    if (way && store.current !== null) { open(store.current, Number(way.dataset.threadRoot), way, false); }
  });

  if (deps.drafts) {
    draft = deps.drafts.bind(input, function () { return thread ? {room: thread.room, thread: thread.rootSeq} : null; });
  }

  return {open: open, close: close, isOpen: function () { return !panel.hidden; }, reply: reply, changed: changed, activity: activity,
    roomSwitched: roomSwitched, list: replies, rootList: rootList,
    find: function (seq) { return thread ? (seq === thread.rootSeq ? thread.root : thread.items.get(seq)) : null; },
    composer: {form: form, input: input, alsoToRoom: also}};
}
