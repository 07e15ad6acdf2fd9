/**
 * The "Threads" view (issue 22, item 1): an entry in the rooms list's heading row with the unread replies of every
 * followed thread, and the list of followed threads (GET /api/v1/threads, latest reply first: room, the root's
 * first line, replies, last reply, unread in bold). It sits where the thread panel sits (views/threadPanel.js): the
 * right-hand column on a wide screen, a full-screen view with "Back" at 900 px and less; a thread chosen opens in
 * the panel in its room, and the panel's "Back" returns here. Owns the list's loading and the button that opened it.
 */
import {summaryText} from '../state/threads.js';
import {closeButton} from '../ui/dom.js';
import {messageLine} from '../ui/plainText.js';

/**
 * deps: {el, store, threads, text, api, labels, drawers, root, openThread(room, seq, opener, fromList), closeSearch(), closeThread()}.
 * Returns {load(), open(opener), close(back), backToList(focusTarget), renderEntry()}.
 */
export function createThreadsView(deps) {
  var store = deps.store;
  var threads = deps.threads;
  var text = deps.text;
  var root = deps.root;
  var opener = null;
  var loading = null;

  // The entry above the rooms: "Threads" and the unread replies of the threads followed.
  var entry = document.createElement('button');
  entry.type = 'button';
  entry.id = 'threads-open';
  entry.className = 'jc-room-button jc-threads-entry';
  entry.setAttribute('aria-controls', 'threads-view');
  entry.setAttribute('aria-expanded', 'false');
  var entryLabel = document.createElement('span');
  entryLabel.className = 'jc-room-label';
  entryLabel.textContent = text.t('chat.threads.title');
  var badge = document.createElement('span');
  badge.className = 'jc-unread jc-threads-badge';
  badge.hidden = true;
  entry.appendChild(deps.labels.icon('thread'));
  entry.appendChild(entryLabel);
  entry.appendChild(badge);
  // In the rooms' heading row, before "+": no room moves down for it.
  var newRoom = document.getElementById('new-room');
  newRoom.parentNode.insertBefore(entry, newRoom);

  // The view: head, a status line (loading, empty, failed), the threads, more.
  var view = document.createElement('section');
  view.id = 'threads-view';
  view.className = 'jc-thread-column jc-threads-view';
  view.setAttribute('aria-labelledby', 'threads-heading');
  view.hidden = true;
  var head = document.createElement('div');
  head.className = 'jc-thread-head';
  var back = document.createElement('button');
  back.type = 'button';
  back.id = 'threads-back';
  back.className = 'jc-link-button jc-thread-back';
  back.textContent = '← ' + text.t('chat.thread.back');
  var heading = document.createElement('h2');
  heading.id = 'threads-heading';
  heading.textContent = text.t('chat.threads.title');
  var closer = closeButton('threads-close', 'jc-icon-button jc-thread-close', text.t('chat.threads.close'));
  [back, heading, closer].forEach(function (x) { head.appendChild(x); });
  var status = document.createElement('p');
  status.id = 'threads-status';
  status.className = 'jc-thread-status';
  status.setAttribute('role', 'status');
  var list = document.createElement('ul');
  list.id = 'threads-list';
  list.className = 'jc-threads-list';
  list.setAttribute('aria-labelledby', 'threads-heading');
  var more = document.createElement('button');
  more.type = 'button';
  more.id = 'threads-more';
  more.className = 'jc-older';
  more.textContent = text.t('chat.threads.more');
  more.hidden = true;
  [head, status, list, more].forEach(function (x) { view.appendChild(x); });
  root.appendChild(view);

  /** The entry's badge: all followed threads' unread replies. */
  function renderEntry() {
    var total = threads.totalUnread(Array.from(store.rooms.keys()));
    badge.hidden = total === 0;
    badge.textContent = total > 99 ? '99+' : String(total);
    badge.title = text.plural(text.t('chat.thread.unread'), total);
    badge.setAttribute('aria-label', badge.title);
    if (!view.hidden) { renderList(); }
  }

  /** Loads the followed threads (more: the next page); the badge and the rooms' marks follow. */
  function load(nextPage) {
    if (loading) { return loading; }
    var path = '/api/v1/threads?limit=50' + (nextPage && threads.next !== null ? '&before=' + encodeURIComponent(threads.next) : '');
    if (!threads.loaded && !view.hidden) { status.textContent = text.t('chat.thread.loading'); }
    loading = deps.api('GET', path).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; }).then(function (page) {
      loading = null;
      if (!page) {
        if (!view.hidden) { status.textContent = text.t('chat.threads.failed'); }
        return;
      }
      threads.keepList(page, !!nextPage);
      store.emit('rooms');
      renderList();
    });
    return loading;
  }

  function renderList() {
    var followed = threads.followed();
    list.textContent = '';
    followed.forEach(function (t) { list.appendChild(row(t)); });
    more.hidden = threads.next === null;
    if (threads.loaded) { status.textContent = followed.length ? '' : text.t('chat.threads.empty'); }
    view.classList.toggle('jc-threads-empty', threads.loaded && !followed.length);
  }

  /** One followed thread: its room, the root's first line with its author, replies and last reply; unread ones bold. */
  function row(t) {
    var li = document.createElement('li');
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'jc-thread-item' + (t.unread ? ' jc-thread-unread' : '');
    b.dataset.room = t.room;
    b.dataset.root = t.rootSeq;
    var where = document.createElement('span');
    where.className = 'jc-thread-item-room';
    var known = store.rooms.get(t.room);
    if (known) { deps.labels.showRoomTitle(where, known.info); } else { where.textContent = '# ' + (t.roomName || ''); }
    var rootMessage = typeof t.root === 'object' && t.root !== null ? t.root : null;
    var what = document.createElement('span');
    what.className = 'jc-thread-item-text';
    if (rootMessage) {
      var who = document.createElement('span');
      who.className = 'jc-thread-item-author';
      who.textContent = (store.names.get(rootMessage.author) || rootMessage.authorName || rootMessage.author) + ': ';
      var excerpt = document.createElement('span');
      if (rootMessage.deleted) { excerpt.textContent = text.t('chat.deleted'); } else { deps.labels.showExcerpt(excerpt, messageLine(rootMessage)); }
      what.appendChild(who);
      what.appendChild(excerpt);
    }
    var meta = document.createElement('span');
    meta.className = 'jc-thread-item-meta';
    meta.textContent = summaryText(text, {replies: t.replies, lastReplyAt: t.lastReplyAt});
    b.appendChild(where);
    b.appendChild(what);
    b.appendChild(meta);
    if (t.unread) {
      var unread = document.createElement('span');
      unread.className = 'jc-unread';
      unread.textContent = text.plural(text.t('chat.thread.unread'), t.unread);
      b.appendChild(unread);
    }
    li.appendChild(b);
    return li;
  }

  /** Opens the view (its list fresh from the server); the search results and an open thread give way to it. */
  function open(by) {
    opener = by || entry;
    deps.drawers.close();
    deps.closeSearch();
    deps.closeThread();
    view.hidden = false;
    root.classList.add('jc-thread-view', 'jc-threads-list-view');
    entry.setAttribute('aria-expanded', 'true');
    renderList();
    load(false);
    (list.querySelector('button') || (closer.offsetParent ? closer : back)).focus();
  }

  function close(backTo) {
    if (view.hidden) { return; }
    view.hidden = true;
    root.classList.remove('jc-thread-view', 'jc-threads-list-view');
    entry.setAttribute('aria-expanded', 'false');
    if (backTo !== false) {
      var composer = deps.el.composerText;
      if (composer && composer.offsetParent) { composer.focus(); } else if (entry.offsetParent) { entry.focus(); }
    }
  }

  /** The thread panel closed a thread chosen here: the list again, focus on the thread it was. */
  function backToList(focusTarget) {
    view.hidden = false;
    root.classList.add('jc-thread-view', 'jc-threads-list-view');
    renderList();
    var again = focusTarget && focusTarget.dataset ? list.querySelector('[data-room="' + focusTarget.dataset.room + '"][data-root="' + focusTarget.dataset.root + '"]') : null;
    (again || list.querySelector('button') || closer).focus();
    load(false);
  }

  entry.addEventListener('click', function () { if (view.hidden) { open(entry); } else { close(true); } });
  back.addEventListener('click', function () { close(true); });
  closer.addEventListener('click', function () { close(true); });
  more.addEventListener('click', function () { load(true); });
  list.addEventListener('click', function (e) {
    var b = e.target.closest('.jc-thread-item');
    if (!b) { return; }
    view.hidden = true;
    root.classList.remove('jc-threads-list-view');
    entry.setAttribute('aria-expanded', 'false');
    deps.openThread(Number(b.dataset.room), Number(b.dataset.root), b, true);
  });
  view.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(true); }
  });
  store.on('rooms', renderEntry);

  return {load: load, open: open, close: close, backToList: backToList, renderEntry: renderEntry};
}
