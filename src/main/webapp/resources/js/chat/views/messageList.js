/**
 * The shown room's messages: rendering with day separators and groups, scroll pinning and "n new below", older
 * pages, jumps to a message, marking read. Owns newBelow, whether the pane sticks to its end, the older page
 * being loaded (and when to retry), the jump under way and the re-render scheduled for the next frame.
 */
import {PAGE, GROUP_MS, JUMP_MAX, JUMP_PAGE, HIGHLIGHT_MS, TOP_LOAD_PX} from '../limits.js';
import {dayKey, cssString} from '../ui/dom.js';
import {inMainList} from '../state/threads.js';

/** Whether a message starts a new day after the one before it (none: it does). Pure. */
export function startsDay(previous, m) {
  return !previous || dayKey(previous.sentAt) !== dayKey(m.sentAt);
}

/** Whether a message continues its author's group: same author, same day, within GROUP_MS of the one before. Pure. */
export function continuesGroup(previous, m) {
  // A system line stands alone, and the message after one starts a group of its own.
  return !!previous && previous.kind !== 'system' && m.kind !== 'system' && previous.author === m.author && !startsDay(previous, m)
    && Date.parse(m.sentAt) - Date.parse(previous.sentAt) < GROUP_MS
    && !(previous.threadSummary && previous.threadSummary.replies) && !m.thread;   // a thread's line ends a group (issue 22, item 1)
}

/** Whether a scrolled pane shows its end (within 40 px). Pure. */
export function nearEnd(scrollHeight, scrollTop, clientHeight) {
  return scrollHeight - scrollTop - clientHeight < 40;
}

/**
 * deps: {el, store, outbox, text, api, item (render(m), highlight(seq, until)), showPending(clientId, p), showError(text),
 * openThread(room, rootSeq) (optional: where a thread-only reply is shown),
 * show(room)}.
 * Returns {render(keepPosition), showNew(m), refresh(m), refreshReplies(room, seq), isAtEnd(), scrollToEnd(), jumpTo(room, seq),
 * markRead(), roomSwitched()}.
 */
export function createMessageList(deps) {
  var el = deps.el;
  var store = deps.store;
  var text = deps.text;
  var list = el.messageList;
  var scroller = el.messages;
  var newBelow = 0;          // messages that arrived while the reader was scrolled up
  var loadingOlder = false;
  var olderRetryAt = 0;
  var jumping = null;
  var rerender = null;
  var stuckToEnd = true;     // whether the reader was at the end at the last scroll

  /**
   * Renders the shown room: day separators, one author's consecutive messages grouped, pending bubbles last.
   * keepPosition leaves the reader where they were (a re-render while they read older messages);
   * otherwise the pane opens at the newest message.
   */
  function render(keepPosition) {
    var room = store.rooms.get(store.current);
    var stayAtEnd = !keepPosition || isAtEnd();
    var fromBottom = scroller.scrollHeight - scroller.scrollTop;
    // Focus inside the list (a menu button, the edit box) comes back to the same place after the rebuild.
    var active = document.activeElement;
    var focusLi = active && list.contains(active) ? active.closest('li[data-seq]') : null;
    var focusKey = focusLi && active.closest('[data-focus-key]') ? active.closest('[data-focus-key]').dataset.focusKey : null;
    list.textContent = '';
    var previous = null;
    Array.from(room.messages.keys()).sort(function (a, b) { return a - b; }).forEach(function (seq) {
      var m = room.messages.get(seq);
      if (!inMainList(m)) { return; }   // a thread-only reply shows in its thread (views/threadPanel.js)
      appendWithContext(m, previous);
      previous = m;
    });
    deps.outbox.inRoom(store.current).forEach(function (pending) {
      if (inMainList(pending[1])) { deps.showPending(pending[0], pending[1]); }
    });
    renderHistoryEdge(room);
    el.empty.hidden = room.messages.size > 0 || !room.loaded || list.children.length > 0;
    if (stayAtEnd) { scrollToEnd(); } else { scroller.scrollTop = scroller.scrollHeight - fromBottom; }
    if (focusLi) {
      var again = list.querySelector('li[data-seq="' + focusLi.dataset.seq + '"]');
      var target = again && (focusKey && again.querySelector('[data-focus-key="' + cssString(focusKey) + '"]') || again.querySelector('.jc-menu-button'));
      if (target) { target.focus({preventScroll: true}); }
    }
  }

  /** The top of the pane: a way to older messages, or the room's beginning. */
  function renderHistoryEdge(room) {
    el.older.hidden = !room.hasOlder;
    el.older.textContent = loadingOlder ? text.t('chat.loadingOlder') : text.t('chat.older');
    el.older.disabled = loadingOlder;
    el.historyStart.hidden = room.hasOlder || !room.loaded || room.messages.size === 0 || room.oldestSeq > 1;
  }

  /** Appends a message after the one before it: a day separator when the day changes, grouped when it continues. */
  function appendWithContext(m, previous, before) {
    if (startsDay(previous, m)) { list.insertBefore(daySeparator(m.sentAt), before || null); }
    var li = deps.item.render(m);
    if (continuesGroup(previous, m)) { li.classList.add('jc-continued'); }
    list.insertBefore(li, before || null);
    return li;
  }

  /** A day's first line: a plain item of the list (a role=separator would leave the list with a non-item; axe "list"). */
  function daySeparator(sentAt) {
    var li = document.createElement('li');
    li.className = 'jc-day';
    li.dataset.day = dayKey(sentAt);
    li.textContent = text.day(new Date(sentAt), text.t('chat.today'), text.t('chat.yesterday'));
    return li;
  }

  /**
   * Shows a stored message: replaces our own pending bubble; a message newer than all shown (the usual case)
   * is appended in place, one that belongs further up (a sync's replay overtaken live) re-renders the room.
   */
  function insert(m) {
    var pendingEl = document.getElementById('pending-' + m.clientId);
    if (pendingEl) { pendingEl.remove(); }
    var room = store.rooms.get(m.room);
    var shown = list.querySelectorAll('li[data-seq]');
    var last = shown.length ? Number(shown[shown.length - 1].dataset.seq) : 0;
    if (m.seq < last) {
      scheduleRerender();   // a replay overtaken live: once per frame, however many arrive
      return;
    }
    var previous = last ? room.messages.get(last) : null;
    appendWithContext(m, previous, list.querySelector('li.jc-pending, li.jc-failed'));
    el.empty.hidden = true;
  }

  function scheduleRerender() {
    if (rerender) { return; }
    rerender = requestAnimationFrame(function () {
      rerender = null;
      if (store.current !== null) { render(true); }
    });
  }

  /**
   * A new message in the shown room: appended; the pane follows it when the reader was at the end (or wrote it),
   * otherwise "n new below" counts it. True when the reader sees it now (then it is read).
   */
  function showNew(m) {
    var atEnd = isAtEnd();
    insert(m);
    if (atEnd || m.author === store.me) {
      scrollToEnd();
    } else {
      newBelow++;      // the reader is further up: they stay where they are and see how much is new
      renderNewBelow();
    }
    return document.hasFocus() && !document.hidden && atEnd;
  }

  /** Re-renders a shown message in place (and the replies that quote it), keeping focus and the reader's place. */
  function refresh(m) {
    var atEnd = isAtEnd();
    var replace = function (old, message) {
      var focusKey = null;
      var selection = null;
      if (old.contains(document.activeElement)) {
        var focused = document.activeElement.closest('[data-focus-key]');
        focusKey = focused ? focused.dataset.focusKey : null;
        if (document.activeElement.tagName === 'TEXTAREA') {
          selection = [document.activeElement.selectionStart, document.activeElement.selectionEnd];
        }
      }
      var fresh = deps.item.render(message);
      if (old.classList.contains('jc-continued')) { fresh.classList.add('jc-continued'); }
      old.replaceWith(fresh);
      if (focusKey) {
        var target = fresh.querySelector('[data-focus-key="' + cssString(focusKey) + '"]') || fresh.querySelector('.jc-menu-button');
        if (target) {
          target.focus({preventScroll: true});
          if (selection && target.setSelectionRange) { target.setSelectionRange(selection[0], selection[1]); }
        }
      }
    };
    var old = list.querySelector('li[data-seq="' + m.seq + '"]');
    if (old) { replace(old, m); }
    var room = store.rooms.get(m.room);
    Array.prototype.forEach.call(list.querySelectorAll('li[data-reply-to="' + m.seq + '"]'), function (reply) {
      var message = room.messages.get(Number(reply.dataset.seq));
      if (message) { replace(reply, message); }
    });
    if (atEnd) { scrollToEnd(); }
  }

  /** Replies held that quote this seq show the original as it is now (edited, or deleted: its text gone). */
  function refreshReplies(room, seq) {
    room.messages.forEach(function (held) {
      if (held.replyTo && held.replyTo.seq === seq && held.room === store.current) { refresh(held); }
    });
  }

  function renderNewBelow() {
    el.newBelow.hidden = newBelow === 0;
    if (newBelow) { el.newBelow.textContent = text.plural(text.t('chat.newBelow'), newBelow) + ' ↓'; }
  }

  /** Another room is shown: nothing is new below in it yet. */
  function roomSwitched() {
    newBelow = 0;
    renderNewBelow();
  }

  /**
   * The page before the oldest shown message (before=), keeping the reader's place while it is added above.
   * limit: more than a page when looking for a particular message. Resolves true when a page came.
   */
  function loadOlder(limit) {
    var id = store.current;
    var room = store.rooms.get(id);
    if (loadingOlder || !room || room.oldestSeq === null || room.oldestSeq <= 1 || Date.now() < olderRetryAt) {
      if (room && room.oldestSeq !== null && room.oldestSeq <= 1) { store.noOlder(room); renderHistoryEdge(room); }
      return Promise.resolve(false);
    }
    var size = Math.max(PAGE, Math.min(JUMP_PAGE, limit || PAGE));
    loadingOlder = true;
    renderHistoryEdge(room);
    return deps.api('GET', '/api/v1/rooms/' + id + '/messages?before=' + room.oldestSeq + '&limit=' + size)
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; })
      .then(function (page) {
        loadingOlder = false;
        if (page) {
          store.keepOlderPage(room, page, size);
        } else {
          olderRetryAt = Date.now() + 3000;   // the server is unreachable: not on every scroll event
        }
        if (store.current === id) { render(true); }
        return !!page;
      });
  }

  /**
   * Shows a message (a reply's original, a search hit, a notification): opens its room, loads older pages
   * until it is there (within JUMP_MAX messages), brings it into view and highlights it for a moment.
   */
  function jumpTo(id, seq) {
    if (!store.rooms.has(id)) { return; }
    if (store.current !== id) { deps.show(id); }
    var room = store.rooms.get(id);
    var token = {};
    var deadline = Date.now() + 15000;
    jumping = token;
    var step = function () {
      if (jumping !== token || store.current !== id) { return; }
      if (room.messages.has(seq)) {
        jumping = null;
        var m = room.messages.get(seq);
        // A thread-only reply (a search hit, a pin, a notification) is in its thread, not in the main list.
        if (!inMainList(m) && deps.openThread) { deps.openThread(id, m.thread); return; }
        highlight(seq);
        return;
      }
      var waiting = room.lastSeq === null || loadingOlder || seq > room.maxSeq || Date.now() < olderRetryAt;
      if (Date.now() > deadline || !waiting && (room.oldestSeq === null || seq >= room.oldestSeq)) {
        jumping = null;
        deps.showError(text.t('chat.notLoaded'));
        return;
      }
      if (waiting) { setTimeout(step, 150); return; }
      if (room.oldestSeq - seq > JUMP_MAX) {
        jumping = null;
        deps.showError(text.t('chat.tooFarBack'));
        return;
      }
      loadOlder(room.oldestSeq - seq + 10).then(function () { setTimeout(step, 0); });
    };
    step();
  }

  function highlight(seq) {
    var li = list.querySelector('li[data-seq="' + seq + '"]');
    if (!li) { return; }
    deps.item.highlight(seq, Date.now() + HIGHLIGHT_MS);
    li.classList.add('jc-highlight');
    li.scrollIntoView({block: 'center'});
    li.setAttribute('tabindex', '-1');
    li.focus({preventScroll: true});
    setTimeout(function () {
      var now = list.querySelector('li[data-seq="' + seq + '"]');
      if (now) { now.classList.remove('jc-highlight'); }
    }, HIGHLIGHT_MS);
  }

  function isAtEnd() {
    return nearEnd(scroller.scrollHeight, scroller.scrollTop, scroller.clientHeight);
  }

  function scrollToEnd() {
    scroller.scrollTop = scroller.scrollHeight;
  }

  /** The shown room is read up to its last message: tell the server (other tabs and devices follow). */
  function markRead() {
    var seq = store.markRead(store.current);
    if (seq !== null) { deps.api('PUT', '/api/v1/rooms/' + store.current + '/read', {seq: seq}); }
  }

  el.older.addEventListener('click', function () { loadOlder(); });
  scroller.addEventListener('scroll', function () {
    if (scroller.scrollTop < TOP_LOAD_PX && !el.older.hidden) { loadOlder(); }
    if (isAtEnd()) {
      if (newBelow) { newBelow = 0; renderNewBelow(); }
      markRead();
    }
  }, {passive: true});
  el.newBelow.addEventListener('click', function () {
    scrollToEnd();
    newBelow = 0;
    renderNewBelow();
    markRead();
    el.composerText.focus();
  });
  window.addEventListener('focus', function () { if (isAtEnd()) { markRead(); } });
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && store.current !== null && isAtEnd()) { markRead(); }
  });
  // The pane keeps its newest message in view whenever its height changes: the on-screen keyboard, rotation,
  // the connection banner, a header that wraps. Whether the reader was at the end is known from the last
  // scroll (a pane that shrinks does not scroll), so a reader of older messages is never moved.
  scroller.addEventListener('scroll', function () { stuckToEnd = isAtEnd(); }, {passive: true});
  new ResizeObserver(function () { if (stuckToEnd) { scrollToEnd(); } }).observe(scroller);

  return {render: render, showNew: showNew, refresh: refresh, refreshReplies: refreshReplies, isAtEnd: isAtEnd,
    scrollToEnd: scrollToEnd, jumpTo: jumpTo, markRead: markRead, roomSwitched: roomSwitched};
}
