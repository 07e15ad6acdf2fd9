/** The shown room's messages: rendering, day separators and groups, scroll pinning, older pages, jumps. */
import {PAGE, GROUP_MS, JUMP_MAX, JUMP_PAGE, HIGHLIGHT_MS} from '../limits.js';
import {dayKey, cssString} from '../ui/dom.js';

/* Methods of the chat page (main.js mixes them in): `this` is the page. */
export const messageList = {
  /**
   * Renders the shown room: day separators, one author's consecutive messages grouped, pending bubbles last.
   * keepPosition leaves the reader where they were (a re-render while they read older messages);
   * otherwise the pane opens at the newest message.
   */
  renderMessages(keepPosition) {
    var self = this;
    var room = this.store.rooms.get(this.store.current);
    var scroller = this.el.messages;
    var stayAtEnd = !keepPosition || this.isAtEnd();
    var fromBottom = scroller.scrollHeight - scroller.scrollTop;
    // Focus inside the list (a menu button, the edit box) comes back to the same place after the rebuild.
    var active = document.activeElement;
    var focusLi = active && this.el.messageList.contains(active) ? active.closest('li[data-seq]') : null;
    var focusKey = focusLi && active.closest('[data-focus-key]') ? active.closest('[data-focus-key]').dataset.focusKey : null;
    this.el.messageList.textContent = '';
    var previous = null;
    Array.from(room.messages.keys()).sort(function (a, b) { return a - b; }).forEach(function (seq) {
      var m = room.messages.get(seq);
      self.appendWithContext(m, previous);
      previous = m;
    });
    this.outbox.inRoom(this.store.current).forEach(function (pending) { self.showPending(pending[0], pending[1]); });
    this.renderHistoryEdge(room);
    this.el.empty.hidden = room.messages.size > 0 || !room.loaded || this.el.messageList.children.length > 0;
    if (stayAtEnd) { this.scrollToEnd(); } else { scroller.scrollTop = scroller.scrollHeight - fromBottom; }
    if (focusLi) {
      var again = this.el.messageList.querySelector('li[data-seq="' + focusLi.dataset.seq + '"]');
      var target = again && (focusKey && again.querySelector('[data-focus-key="' + cssString(focusKey) + '"]') || again.querySelector('.jc-menu-button'));
      if (target) { target.focus({preventScroll: true}); }
    }
  },

  /** The top of the pane: a way to older messages, or the room's beginning. */
  renderHistoryEdge(room) {
    this.el.older.hidden = !room.hasOlder;
    this.el.older.textContent = this.loadingOlder ? this.text.t('chat.loadingOlder') : this.text.t('chat.older');
    this.el.older.disabled = !!this.loadingOlder;
    this.el.historyStart.hidden = room.hasOlder || !room.loaded || room.messages.size === 0 || room.oldestSeq > 1;
  },

  /** Appends a message after the one before it: a day separator when the day changes, grouped when it continues. */
  appendWithContext(m, previous, before) {
    var list = this.el.messageList;
    var day = dayKey(m.sentAt);
    if (!previous || dayKey(previous.sentAt) !== day) {
      list.insertBefore(this.daySeparator(m.sentAt), before || null);
    }
    var el = this.render(m);
    if (previous && previous.author === m.author && dayKey(previous.sentAt) === day
        && Date.parse(m.sentAt) - Date.parse(previous.sentAt) < GROUP_MS) {
      el.classList.add('jc-continued');
    }
    list.insertBefore(el, before || null);
    return el;
  },

  daySeparator(sentAt) {
    var li = document.createElement('li');
    li.className = 'jc-day';
    li.setAttribute('role', 'separator');
    li.dataset.day = dayKey(sentAt);
    li.textContent = this.text.day(new Date(sentAt), this.text.t('chat.today'), this.text.t('chat.yesterday'));
    return li;
  },

  /**
   * Shows a stored message: replaces our own pending bubble; a message newer than all shown (the usual case)
   * is appended in place, one that belongs further up (a sync's replay overtaken live) re-renders the room.
   */
  insert(m) {
    var pendingEl = document.getElementById('pending-' + m.clientId);
    if (pendingEl) { pendingEl.remove(); }
    var room = this.store.rooms.get(m.room);
    var shown = this.el.messageList.querySelectorAll('li[data-seq]');
    var last = shown.length ? Number(shown[shown.length - 1].dataset.seq) : 0;
    if (m.seq < last) {
      this.scheduleRerender();   // a replay overtaken live: once per frame, however many arrive
      return;
    }
    var previous = last ? room.messages.get(last) : null;
    this.appendWithContext(m, previous, this.el.messageList.querySelector('li.jc-pending, li.jc-failed'));
    this.el.empty.hidden = true;
  },

  scheduleRerender() {
    var self = this;
    if (this.rerender) { return; }
    this.rerender = requestAnimationFrame(function () {
      self.rerender = null;
      if (self.store.current !== null) { self.renderMessages(true); }
    });
  },

  /** Re-renders a shown message in place (and the replies that quote it), keeping focus and the reader's place. */
  refresh(m) {
    var self = this;
    var list = this.el.messageList;
    var atEnd = this.isAtEnd();
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
      var fresh = self.render(message);
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
    var room = this.store.rooms.get(m.room);
    Array.prototype.forEach.call(list.querySelectorAll('li[data-reply-to="' + m.seq + '"]'), function (reply) {
      var message = room.messages.get(Number(reply.dataset.seq));
      if (message) { replace(reply, message); }
    });
    if (atEnd) { this.scrollToEnd(); }
  },

  /** Replies held that quote this seq show the original as it is now (edited, or deleted: its text gone). */
  refreshReplies(room, seq) {
    var self = this;
    room.messages.forEach(function (held) {
      if (held.replyTo && held.replyTo.seq === seq && held.room === self.store.current) { self.refresh(held); }
    });
  },

  renderNewBelow() {
    var button = this.el.newBelow;
    button.hidden = this.newBelow === 0;
    if (this.newBelow) { button.textContent = this.text.plural(this.text.t('chat.newBelow'), this.newBelow) + ' ↓'; }
  },

  /**
   * The page before the oldest shown message (before=), keeping the reader's place while it is added above.
   * limit: more than a page when looking for a particular message. Resolves true when a page came.
   */
  loadOlder(limit) {
    var self = this;
    var id = this.store.current;
    var room = this.store.rooms.get(id);
    if (this.loadingOlder || !room || room.oldestSeq === null || room.oldestSeq <= 1 || Date.now() < (this.olderRetryAt || 0)) {
      if (room && room.oldestSeq !== null && room.oldestSeq <= 1) { this.store.noOlder(room); this.renderHistoryEdge(room); }
      return Promise.resolve(false);
    }
    var size = Math.max(PAGE, Math.min(JUMP_PAGE, limit || PAGE));
    this.loadingOlder = true;
    this.renderHistoryEdge(room);
    return this.api('GET', '/api/v1/rooms/' + id + '/messages?before=' + room.oldestSeq + '&limit=' + size)
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; })
      .then(function (page) {
        self.loadingOlder = false;
        if (page) {
          self.store.keepOlderPage(room, page, size);
        } else {
          self.olderRetryAt = Date.now() + 3000;   // the server is unreachable: not on every scroll event
        }
        if (self.store.current === id) { self.renderMessages(true); }
        return !!page;
      });
  },

  /**
   * Shows a message (a reply's original, a search hit, a notification): opens its room, loads older pages
   * until it is there (within JUMP_MAX messages), brings it into view and highlights it for a moment.
   */
  jumpTo(id, seq) {
    var self = this;
    if (!this.store.rooms.has(id)) { return; }
    if (this.store.current !== id) { this.show(id); }
    var room = this.store.rooms.get(id);
    var token = {};
    var deadline = Date.now() + 15000;
    this.jumping = token;
    var step = function () {
      if (self.jumping !== token || self.store.current !== id) { return; }
      if (room.messages.has(seq)) { self.jumping = null; self.highlight(seq); return; }
      var waiting = room.lastSeq === null || self.loadingOlder || seq > room.maxSeq || Date.now() < (self.olderRetryAt || 0);
      if (Date.now() > deadline || !waiting && (room.oldestSeq === null || seq >= room.oldestSeq)) {
        self.jumping = null;
        self.showComposerError(self.text.t('chat.notLoaded'));
        return;
      }
      if (waiting) { setTimeout(step, 150); return; }
      if (room.oldestSeq - seq > JUMP_MAX) {
        self.jumping = null;
        self.showComposerError(self.text.t('chat.tooFarBack'));
        return;
      }
      self.loadOlder(room.oldestSeq - seq + 10).then(function () { setTimeout(step, 0); });
    };
    step();
  },

  highlight(seq) {
    var self = this;
    var li = this.el.messageList.querySelector('li[data-seq="' + seq + '"]');
    if (!li) { return; }
    this.highlighted = {seq: seq, until: Date.now() + HIGHLIGHT_MS};
    li.classList.add('jc-highlight');
    li.scrollIntoView({block: 'center'});
    li.setAttribute('tabindex', '-1');
    li.focus({preventScroll: true});
    setTimeout(function () {
      var now = self.el.messageList.querySelector('li[data-seq="' + seq + '"]');
      if (now) { now.classList.remove('jc-highlight'); }
    }, HIGHLIGHT_MS);
  },

  isAtEnd() {
    var s = this.el.messages;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 40;
  },

  scrollToEnd() {
    this.el.messages.scrollTop = this.el.messages.scrollHeight;
  },
};
