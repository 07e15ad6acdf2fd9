/*
 * JointChat browser client over /ws (docs/protocol.md).
 * Guarantees the user can trust: a message stays "sending" until the server's ack (sent after commit);
 * on reconnect the client syncs from the last seq it holds and resends unacked messages with the same
 * clientId, so nothing is lost and nothing is shown twice. Text is always rendered as text.
 */
(function () {
  'use strict';

  document.addEventListener('DOMContentLoaded', function () {
    var root = document.getElementById('chat');
    if (root) {
      new Chat(root).start();
    }
  });

  var PENDING_KEY = 'jointchat.pending';

  function Chat(root) {
    this.root = root;
    this.context = root.dataset.context || '';
    this.me = root.dataset.me;
    this.t = root.dataset;
    this.room = null;              // the room shown (general for now)
    this.messages = new Map();     // seq -> element, for the room shown
    this.lastSeq = null;           // highest seq held with nothing missing below it (down to the first page); null before the first page
    this.oldestSeq = null;         // lowest seq loaded (for "older")
    this.pending = loadPending();  // clientId -> {room, text}
    this.online = new Map();
    this.typingTimers = new Map();
    this.backoff = 1000;
    this.socket = null;
    this.el = {
      list: byId('message-list'), scroller: byId('messages'), empty: byId('empty'), older: byId('older'),
      banner: byId('banner'), typing: byId('typing'), form: byId('composer'), text: byId('composer-text'),
      onlineList: byId('online'), onlineCount: byId('online-count'), roomName: byId('room-name')
    };
  }

  Chat.prototype.start = function () {
    var self = this;
    this.el.form.addEventListener('submit', function (e) { e.preventDefault(); self.submit(); });
    this.el.text.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); self.submit(); }
    });
    this.el.text.addEventListener('input', function () { self.announceTyping(); });
    this.el.older.addEventListener('click', function () { self.loadOlder(); });
    this.el.scroller.addEventListener('scroll', function () {
      if (self.el.scroller.scrollTop === 0 && !self.el.older.hidden) { self.loadOlder(); }
    });
    this.connect();
  };

  Chat.prototype.connect = function () {
    var self = this;
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + this.context + '/ws';
    this.showBanner(this.t.tConnecting);
    var socket = new WebSocket(url);
    var opened = false;
    this.socket = socket;
    socket.onopen = function () { opened = true; };
    socket.onmessage = function (event) { self.receive(JSON.parse(event.data)); };
    socket.onclose = function () {
      if (self.socket !== socket) { return; }
      self.socket = null;
      self.showBanner(self.t.tOffline);
      if (!opened) { self.checkSignedIn(); }
      var delay = self.backoff * (0.75 + Math.random() / 2);
      self.backoff = Math.min(self.backoff * 2, 15000);
      setTimeout(function () { self.connect(); }, delay);
    };
  };

  /**
   * A refused handshake may mean the session ended (server restart, logout in another tab): then go
   * to the login page, which comes back here; unsent messages wait in sessionStorage meanwhile.
   */
  Chat.prototype.checkSignedIn = function () {
    var self = this;
    fetch(this.context + '/api/v1/users/me', {credentials: 'same-origin'}).then(function (response) {
      if (response.status === 401) {
        location.href = self.context + '/login.xhtml?next=' + encodeURIComponent(location.pathname.substring(self.context.length));
      }
    }).catch(function () { /* server down: keep retrying */ });
  };

  Chat.prototype.send = function (frame) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  };

  Chat.prototype.receive = function (frame) {
    switch (frame.type) {
      case 'hello': return this.hello(frame);
      case 'message': return this.message(frame);
      case 'ack': return this.acked(frame);
      case 'presence': return this.presence(frame);
      case 'typing': return this.typing(frame);
      case 'error': return this.failed(frame);
      default: return undefined;
    }
  };

  Chat.prototype.hello = function (frame) {
    var self = this;
    this.backoff = 1000;
    this.hideBanner();
    this.online.clear();
    frame.online.forEach(function (u) { self.online.set(u.login, u.displayName); });
    this.renderOnline();
    var room = frame.rooms.find(function (r) { return r.kind === 'global'; }) || frame.rooms[0];
    var first = this.room === null;
    this.room = room.id;
    this.el.roomName.textContent = room.name;
    if (first) {
      // First load: the newest page over REST, then sync closes the gap to what arrives live.
      this.fetchPage('?limit=50').then(function (page) {
        self.addAll(page, true);
        self.lastSeq = page.length ? page[page.length - 1].seq : 0;
        self.advance();
        self.el.older.hidden = page.length < 50;
        self.send({type: 'sync', room: self.room, afterSeq: self.lastSeq});
        self.resendPending();
      });
    } else {
      this.send({type: 'sync', room: this.room, afterSeq: this.lastSeq});
      this.resendPending();
    }
  };

  Chat.prototype.fetchPage = function (query) {
    return fetch(this.context + '/api/v1/rooms/' + this.room + '/messages' + query, {credentials: 'same-origin'})
      .then(function (response) { return response.ok ? response.json() : []; })
      .catch(function () { return []; });
  };

  Chat.prototype.loadOlder = function () {
    var self = this;
    if (this.loadingOlder || this.oldestSeq === null || this.oldestSeq <= 1) { this.el.older.hidden = true; return; }
    this.loadingOlder = true;
    var scroller = this.el.scroller;
    var fromBottom = scroller.scrollHeight - scroller.scrollTop;
    this.fetchPage('?before=' + this.oldestSeq + '&limit=50').then(function (page) {
      self.addAll(page, false);
      scroller.scrollTop = scroller.scrollHeight - fromBottom;
      self.el.older.hidden = page.length < 50;
      self.loadingOlder = false;
    });
  };

  Chat.prototype.addAll = function (messages, scroll) {
    var self = this;
    messages.forEach(function (m) { self.add(m); });
    if (scroll) { this.scrollToEnd(); }
  };

  Chat.prototype.message = function (m) {
    if (m.room !== this.room) { return; }
    var atEnd = this.isAtEnd();
    this.add(m);
    if (atEnd || m.author === this.me) { this.scrollToEnd(); }
  };

  /** Adds a stored message once, in seq order; replaces the pending bubble of our own message. */
  Chat.prototype.add = function (m) {
    if (this.messages.has(m.seq)) { return; }
    var pendingEl = document.getElementById('pending-' + m.clientId);
    if (pendingEl && m.author === this.me) {
      pendingEl.remove();
      this.forgetPending(m.clientId);
    }
    var el = this.render(m.author, m.authorName, m.text, m.sentAt);
    el.dataset.seq = m.seq;
    this.messages.set(m.seq, el);
    // Most messages are newer than all we hold: append. Older ones are inserted in place.
    var next = null;
    if (this.maxSeq > m.seq) {
      var items = this.el.list.querySelectorAll('li[data-seq]');
      for (var i = 0; i < items.length; i++) {
        if (Number(items[i].dataset.seq) > m.seq) { next = items[i]; break; }
      }
    }
    var firstPending = this.el.list.querySelector('li.jc-pending');
    this.el.list.insertBefore(el, next || firstPending);
    this.maxSeq = Math.max(this.maxSeq || 0, m.seq);
    this.advance();
    if (this.oldestSeq === null || m.seq < this.oldestSeq) { this.oldestSeq = m.seq; }
    this.el.empty.hidden = true;
  };

  /** Live messages may overtake a sync's replay: lastSeq only moves over an unbroken run. */
  Chat.prototype.advance = function () {
    if (this.lastSeq === null) { return; }
    while (this.messages.has(this.lastSeq + 1)) { this.lastSeq++; }
  };

  Chat.prototype.render = function (author, authorName, text, sentAt) {
    var li = document.createElement('li');
    li.className = 'jc-message' + (author === this.me ? ' jc-mine' : '');
    var meta = document.createElement('div');
    meta.className = 'jc-meta';
    var name = document.createElement('span');
    name.className = 'jc-author';
    name.textContent = authorName;
    name.title = '@' + author;
    var time = document.createElement('time');
    if (sentAt) {
      time.dateTime = sentAt;
      time.textContent = ' ' + new Date(sentAt).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
    }
    meta.appendChild(name);
    meta.appendChild(time);
    var body = document.createElement('div');
    body.className = 'jc-text';
    body.textContent = text;   // never innerHTML: a message is text, whatever it contains
    li.appendChild(meta);
    li.appendChild(body);
    return li;
  };

  Chat.prototype.submit = function () {
    var text = this.el.text.value.trim();
    if (!text || this.room === null) { return; }
    var clientId = 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
    this.pending[clientId] = {room: this.room, text: text};
    savePending(this.pending);
    this.showPending(clientId, text);
    this.send({type: 'send', room: this.room, text: text, clientId: clientId});
    this.el.text.value = '';
    this.scrollToEnd();
  };

  Chat.prototype.showPending = function (clientId, text) {
    if (document.getElementById('pending-' + clientId)) { return; }
    var li = this.render(this.me, this.t.tSending, text, null);
    li.id = 'pending-' + clientId;
    li.classList.add('jc-pending');
    var status = document.createElement('span');
    status.className = 'jc-status';
    status.textContent = this.t.tSending;
    li.querySelector('.jc-meta').appendChild(status);
    this.el.list.appendChild(li);
    this.el.empty.hidden = true;
  };

  Chat.prototype.resendPending = function () {
    var self = this;
    Object.keys(this.pending).forEach(function (clientId) {
      var p = self.pending[clientId];
      self.showPending(clientId, p.text);
      self.send({type: 'send', room: p.room, text: p.text, clientId: clientId});
    });
  };

  Chat.prototype.acked = function (ack) {
    // The message frame (same seq) replaces the bubble; the ack alone means it is safely stored.
    this.forgetPending(ack.clientId);
    var el = document.getElementById('pending-' + ack.clientId);
    if (el) {
      var status = el.querySelector('.jc-status');
      if (status) { status.remove(); }
      el.classList.remove('jc-pending');
    }
  };

  Chat.prototype.failed = function (error) {
    var self = this;
    if (!error.clientId || !this.pending[error.clientId]) { return; }
    var clientId = error.clientId;
    if (error.code === 'RATE_LIMITED' || error.code === 'UNAVAILABLE') {
      // Not stored: try again a little later with the same clientId.
      setTimeout(function () {
        var p = self.pending[clientId];
        if (p) { self.send({type: 'send', room: p.room, text: p.text, clientId: clientId}); }
      }, 3000);
      return;
    }
    this.forgetPending(clientId);
    var el = document.getElementById('pending-' + clientId);
    if (el) {
      el.classList.remove('jc-pending');
      el.classList.add('jc-failed');
      var key = 'tError' + error.code.toLowerCase().replace(/(^|_)([a-z])/g, function (x, y, c) { return c.toUpperCase(); });
      el.querySelector('.jc-status').textContent = this.t.tFailed + ' ' + (this.t[key] || error.message);
    }
  };

  Chat.prototype.forgetPending = function (clientId) {
    if (this.pending[clientId]) {
      delete this.pending[clientId];
      savePending(this.pending);
    }
  };

  Chat.prototype.presence = function (p) {
    if (p.online) { this.online.set(p.login, p.displayName); } else { this.online.delete(p.login); }
    this.renderOnline();
  };

  Chat.prototype.renderOnline = function () {
    var list = this.el.onlineList;
    list.textContent = '';
    var people = Array.from(this.online.entries()).sort(function (a, b) { return a[1].localeCompare(b[1]); });
    people.forEach(function (entry) {
      var li = document.createElement('li');
      li.textContent = entry[1];
      li.title = '@' + entry[0];
      li.dataset.login = entry[0];
      list.appendChild(li);
    });
    this.el.onlineCount.textContent = '(' + people.length + ')';
  };

  Chat.prototype.announceTyping = function () {
    var now = Date.now();
    if (this.room !== null && (!this.lastTyping || now - this.lastTyping > 2000)) {
      this.lastTyping = now;
      this.send({type: 'typing', room: this.room});
    }
  };

  Chat.prototype.typing = function (t) {
    var self = this;
    if (t.room !== this.room || t.login === this.me) { return; }
    clearTimeout(this.typingTimers.get(t.login));
    this.typingTimers.set(t.login, setTimeout(function () {
      self.typingTimers.delete(t.login);
      self.renderTyping();
    }, 3500));
    this.typingNames = this.typingNames || new Map();
    this.typingNames.set(t.login, t.displayName || t.login);
    this.renderTyping();
  };

  Chat.prototype.renderTyping = function () {
    var self = this;
    var names = Array.from(this.typingTimers.keys()).map(function (login) { return self.typingNames.get(login); });
    this.el.typing.textContent = names.length ? names.join(', ') + ' ' + this.t.tTyping : '';
  };

  Chat.prototype.showBanner = function (text) {
    this.el.banner.textContent = text;
    this.el.banner.hidden = false;
  };

  Chat.prototype.hideBanner = function () {
    this.el.banner.hidden = true;
    if (this.messages.size === 0 && !this.el.list.querySelector('li')) { this.el.empty.hidden = false; }
  };

  Chat.prototype.isAtEnd = function () {
    var s = this.el.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 40;
  };

  Chat.prototype.scrollToEnd = function () {
    this.el.scroller.scrollTop = this.el.scroller.scrollHeight;
  };

  function byId(id) { return document.getElementById(id); }

  function loadPending() {
    try { return JSON.parse(sessionStorage.getItem(PENDING_KEY)) || {}; } catch (e) { return {}; }
  }

  function savePending(pending) {
    try { sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending)); } catch (e) { /* storage full or off */ }
  }
}());
