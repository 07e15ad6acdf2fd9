/*
 * JointChat browser client over /ws (docs/protocol.md) and the REST API (docs/api.md).
 * Guarantees the user can trust: a message stays "sending" until the server's ack (sent after commit);
 * on reconnect the client syncs every room from the last seq it holds and resends unacked messages
 * with the same clientId, so nothing is lost and nothing is shown twice. Text is always rendered as
 * text (textContent), never as HTML.
 */
(function () {
  'use strict';

  document.addEventListener('DOMContentLoaded', function () {
    var root = document.getElementById('chat');
    if (root) {
      window.jointChat = new Chat(root);
      window.jointChat.start();
    }
  });

  var PENDING_KEY = 'jointchat.pending';
  var PAGE = 50;
  var ONLINE_PAGE = 50;
  var WATCH_MAX = 500;             // the server's cap on watched users (docs/protocol.md)
  var ONLINE_REFRESH_MS = 60000;   // a long online list (one with more pages) is reloaded this often
  var GROUP_MS = 5 * 60 * 1000;    // one author's messages this close together are shown as one group
  var TOP_LOAD_PX = 150;           // older history loads when the reader scrolls this close to the top

  function Chat(root) {
    this.context = root.dataset.context || '';
    this.me = root.dataset.me;
    this.t = root.dataset;
    this.lang = document.documentElement.lang || 'en';
    this.text = new Texts(this.lang);
    this.newBelow = 0;             // messages that arrived while the reader was scrolled up
    this.rooms = new Map();        // id -> {info, messages: Map(seq -> message), lastSeq, oldestSeq, loaded, unread}
    this.current = null;           // id of the room shown
    this.pending = loadPending();  // clientId -> {room, text}
    this.presenceOf = new Map();   // login -> {online, lastSeen}, for the users this page watches
    this.onlinePanel = {room: null, count: 0, items: new Map(), known: new Set(), next: null, loading: false};
    this.watched = '';
    this.names = new Map();        // login -> display name, as last seen
    this.typingTimers = new Map();
    this.typingNames = new Map();
    this.backoff = 1000;
    this.socket = null;
    this.connectedOnce = false;
    this.el = {};
    ['message-list', 'messages', 'empty', 'older', 'banner', 'typing', 'composer', 'composer-text', 'online',
      'online-count', 'room-name', 'room-topic', 'room-list', 'direct-list', 'members-toggle', 'members-panel',
      'member-list', 'add-member', 'add-member-login', 'leave-room', 'room-error', 'room-settings', 'members-settings',
      'room-dialog', 'room-form', 'room-form-name', 'room-form-topic', 'room-form-error', 'room-form-cancel',
      'room-form-visibility', 'new-room', 'profile-dialog', 'profile-name', 'profile-login',
      'new-below', 'history-start', 'rooms-toggle', 'drawer-backdrop',
      'profile-presence', 'profile-status', 'profile-about', 'profile-joined', 'profile-shared', 'profile-page',
      'profile-dm', 'profile-close', 'profile-avatar'].forEach(function (id) {
      this.el[camel(id)] = document.getElementById(id);
    }, this);
  }

  Chat.prototype.start = function () {
    var self = this;
    var el = this.el;
    el.composer.addEventListener('submit', function (e) { e.preventDefault(); self.submit(); });
    el.composerText.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); self.submit(); }
    });
    el.composerText.addEventListener('input', function () { self.announceTyping(); });
    el.older.addEventListener('click', function () { self.loadOlder(); });
    el.messages.addEventListener('scroll', function () {
      if (el.messages.scrollTop < TOP_LOAD_PX && !el.older.hidden) { self.loadOlder(); }
      if (self.isAtEnd()) {
        if (self.newBelow) { self.newBelow = 0; self.renderNewBelow(); }
        self.markRead();
      }
    }, {passive: true});
    el.newBelow.addEventListener('click', function () {
      self.scrollToEnd();
      self.newBelow = 0;
      self.renderNewBelow();
      self.markRead();
      el.composerText.focus();
    });
    window.addEventListener('focus', function () { if (self.isAtEnd()) { self.markRead(); } });
    el.newRoom.addEventListener('click', function () { self.closeDrawers(); self.openRoomDialog(); });
    el.roomFormCancel.addEventListener('click', function () { el.roomDialog.close(); });
    el.roomForm.addEventListener('submit', function (e) { e.preventDefault(); self.saveRoom(); });
    el.membersToggle.addEventListener('click', function () { self.toggleMembers(); });
    el.roomsToggle.addEventListener('click', function () { self.openDrawer('jc-rooms-open', el.roomsToggle); });
    el.drawerBackdrop.addEventListener('click', function () { self.closeDrawers(); });
    Array.prototype.forEach.call(document.querySelectorAll('[data-close-drawer]'), function (button) {
      button.addEventListener('click', function () { self.closeDrawers(); });
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && self.drawerOpen()) { self.closeDrawers(); }
    });
    // The pane keeps its newest message in view when its height changes (on-screen keyboard, rotation).
    var lastHeight = el.messages.clientHeight;
    window.addEventListener('resize', function () {
      var wasAtEnd = el.messages.scrollHeight - el.messages.scrollTop - lastHeight < 40;
      lastHeight = el.messages.clientHeight;
      if (wasAtEnd) { self.scrollToEnd(); }
    });
    el.online.addEventListener('scroll', function () {
      if (el.online.scrollTop + el.online.clientHeight > el.online.scrollHeight - 40) { self.loadOnline(false); }
    });
    setInterval(function () { if (!document.hidden && self.onlinePanel.next) { self.loadOnline(true); } }, ONLINE_REFRESH_MS);
    el.addMember.addEventListener('submit', function (e) { e.preventDefault(); self.addMember(); });
    el.leaveRoom.addEventListener('click', function () { self.leaveRoom(); });
    el.profileClose.addEventListener('click', function () { el.profileDialog.close(); });
    el.profileDialog.addEventListener('close', function () { delete el.profileDialog.dataset.login; self.updateWatch(); });
    el.profileDm.addEventListener('click', function () { self.openDirect(el.profileDialog.dataset.login); });
    // Any user name anywhere opens that user's profile.
    document.addEventListener('click', function (e) {
      var target = e.target.closest('[data-profile]');
      if (target) { e.preventDefault(); self.closeDrawers(); self.showProfile(target.dataset.profile); }
    });
    // A room asked for in the address (?room=ID, from the room directory or settings) is opened once known.
    var asked = Number(new URLSearchParams(location.search).get('room'));
    if (asked) {
      sessionStorage.setItem('jointchat.room', String(asked));
      history.replaceState(null, '', location.pathname);
    }
    this.connect();
  };

  // ---- connection ----

  Chat.prototype.connect = function () {
    var self = this;
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + this.context + '/ws';
    this.showBanner(this.t.tConnecting);
    var socket = new WebSocket(url);
    var opened = false;
    this.socket = socket;
    socket.onopen = function () { opened = true; };
    socket.onmessage = function (event) { self.receive(JSON.parse(event.data)); };
    socket.onclose = function (event) {
      if (self.socket !== socket) { return; }
      self.socket = null;
      self.showBanner(self.t.tOffline);
      if (!opened) { self.checkSignedIn(); }
      // Jittered exponential backoff: after a restart thousands reconnect, spread out rather than all at once
      // (a server that is full answers the handshake 503, which ends here too). A server that says it is
      // restarting (1012, "retry after N s") is given N to 2N seconds: it is starting, not waiting for us.
      var delay = self.backoff * (0.5 + Math.random());
      var restart = event.code === 1012 && /retry after (\d+)/.exec(event.reason || '');
      if (restart) { delay = Number(restart[1]) * 1000 * (1 + Math.random()); }
      self.backoff = Math.min(self.backoff * 2, 10000);
      setTimeout(function () { self.connect(); }, delay);
    };
  };

  /** A refused handshake may mean the session ended: then sign in again (unsent messages wait in sessionStorage). */
  Chat.prototype.checkSignedIn = function () {
    var self = this;
    this.api('GET', '/api/v1/users/me').then(function (response) {
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

  Chat.prototype.api = function (method, path, body) {
    // Errors come back in the page's language, not the browser's.
    var options = {method: method, credentials: 'same-origin', headers: {'Accept-Language': this.lang}};
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(this.context + path, options);
  };

  Chat.prototype.receive = function (frame) {
    switch (frame.type) {
      case 'hello': return this.hello(frame);
      case 'message': return this.message(frame);
      case 'ack': return this.acked(frame);
      case 'presence': return this.presenceFrame(frame);
      case 'online': return this.onlineCountFrame(frame);
      case 'typing': return this.typing(frame);
      case 'error': return this.failed(frame);
      case 'room': return this.roomEvent(frame);
      case 'read': return this.readElsewhere(frame);
      case 'profile': return this.profileChanged(frame);
      default: return undefined;
    }
  };

  Chat.prototype.hello = function (frame) {
    var self = this;
    this.backoff = 1000;
    this.hideBanner();
    this.onlineTotal = frame.onlineCount;
    this.watched = '';   // a new socket watches nobody yet
    var known = new Set();
    frame.rooms.forEach(function (info) { known.add(info.id); self.upsertRoom(info); });
    Array.from(this.rooms.keys()).forEach(function (id) { if (!known.has(id)) { self.rooms.delete(id); } });
    this.renderRooms();
    var wanted = this.current !== null && this.rooms.has(this.current) ? this.current : Number(sessionStorage.getItem('jointchat.room'));
    if (!this.rooms.has(wanted)) {
      wanted = frame.rooms.length ? frame.rooms[0].id : null;
    }
    // Rooms already loaded catch up with sync; the shown room loads (or syncs) now, others when opened.
    this.rooms.forEach(function (room, id) {
      if (room.loaded && id !== wanted) { self.send({type: 'sync', room: id, afterSeq: room.lastSeq}); }
    });
    this.connectedOnce = true;
    if (wanted !== null) { this.show(wanted); }
    this.updateWatch();
    this.resendPending();
  };

  Chat.prototype.upsertRoom = function (info) {
    var room = this.rooms.get(info.id);
    if (!room) {
      room = {messages: new Map(), lastSeq: null, oldestSeq: null, maxSeq: 0, loaded: false, unread: info.unread || 0};
      this.rooms.set(info.id, room);
    } else if (info.unread !== undefined) {
      room.unread = info.unread;
    }
    room.info = Object.assign(room.info || {}, info);
    return room;
  };

  /** Shows a room: loads its newest page the first time, otherwise syncs what it missed. */
  Chat.prototype.show = function (id) {
    var self = this;
    var room = this.rooms.get(id);
    if (!room) { return; }
    var switched = this.current !== id;
    this.current = id;
    sessionStorage.setItem('jointchat.room', String(id));
    this.closeDrawers();
    if (switched) {
      this.newBelow = 0;
      this.renderNewBelow();
      this.typingTimers.forEach(function (timer) { clearTimeout(timer); });
      this.typingTimers.clear();
      this.renderTyping();
    }
    this.renderHeader();
    this.renderRooms();
    this.renderMessages(!switched);
    this.loadMembers();   // the member count in the header, and the members panel when open
    this.loadOnline(true);
    if (!room.loaded) {
      room.loaded = true;
      this.api('GET', '/api/v1/rooms/' + id + '/messages?limit=' + PAGE).then(function (r) { return r.ok ? r.json() : []; })
        .catch(function () { return []; })
        .then(function (page) {
          page.forEach(function (m) { self.store(m); });
          room.lastSeq = page.length ? page[page.length - 1].seq : 0;
          self.advance(room);
          room.hasOlder = page.length >= PAGE;
          if (self.current === id) { self.renderMessages(false); self.markRead(); }
          self.send({type: 'sync', room: id, afterSeq: room.lastSeq});
        });
    } else {
      this.send({type: 'sync', room: id, afterSeq: room.lastSeq || 0});
      if (this.isAtEnd()) { this.markRead(); }
    }
    if (!matchMedia('(pointer: coarse)').matches) { this.el.composerText.focus(); }
  };

  // ---- messages ----

  Chat.prototype.store = function (m) {
    var room = this.rooms.get(m.room);
    if (!room || room.messages.has(m.seq)) { return false; }
    room.messages.set(m.seq, m);
    room.maxSeq = Math.max(room.maxSeq, m.seq);
    if (room.oldestSeq === null || m.seq < room.oldestSeq) { room.oldestSeq = m.seq; }
    this.advance(room);
    this.names.set(m.author, m.authorName);
    return true;
  };

  /** Live messages may overtake a sync's replay: lastSeq only moves over an unbroken run. */
  Chat.prototype.advance = function (room) {
    if (room.lastSeq === null) { return; }
    while (room.messages.has(room.lastSeq + 1)) { room.lastSeq++; }
  };

  Chat.prototype.message = function (m) {
    var room = this.rooms.get(m.room);
    if (!room || !room.loaded && m.room !== this.current) {
      if (room && m.author !== this.me) { room.unread++; this.renderRooms(); }
      return;
    }
    if (!this.store(m)) { return; }
    this.forgetPending(m.clientId);
    this.stoppedTyping(m.room, m.author);
    if (m.room === this.current) {
      var atEnd = this.isAtEnd();
      this.insert(m);
      if (atEnd || m.author === this.me) {
        this.scrollToEnd();
      } else {
        this.newBelow++;      // the reader is further up: they stay where they are and see how much is new
        this.renderNewBelow();
      }
      if (document.hasFocus() && atEnd) { this.markRead(); } else if (m.author !== this.me) { room.unread++; this.renderRooms(); }
    } else if (m.author !== this.me && m.seq > (room.info.lastReadSeq || 0)) {
      room.unread++;
      this.renderRooms();
    }
  };

  /**
   * Renders the shown room: day separators, one author's consecutive messages grouped, pending bubbles last.
   * keepPosition leaves the reader where they were (a re-render while they read older messages);
   * otherwise the pane opens at the newest message.
   */
  Chat.prototype.renderMessages = function (keepPosition) {
    var self = this;
    var room = this.rooms.get(this.current);
    var scroller = this.el.messages;
    var stayAtEnd = !keepPosition || this.isAtEnd();
    var fromBottom = scroller.scrollHeight - scroller.scrollTop;
    this.el.messageList.textContent = '';
    var previous = null;
    Array.from(room.messages.keys()).sort(function (a, b) { return a - b; }).forEach(function (seq) {
      var m = room.messages.get(seq);
      self.appendWithContext(m, previous);
      previous = m;
    });
    Object.keys(this.pending).forEach(function (clientId) {
      if (self.pending[clientId].room === self.current) { self.showPending(clientId, self.pending[clientId].text); }
    });
    this.renderHistoryEdge(room);
    this.el.empty.hidden = room.messages.size > 0 || !room.loaded || this.el.messageList.children.length > 0;
    if (stayAtEnd) { this.scrollToEnd(); } else { scroller.scrollTop = scroller.scrollHeight - fromBottom; }
  };

  /** The top of the pane: a way to older messages, or the room's beginning. */
  Chat.prototype.renderHistoryEdge = function (room) {
    this.el.older.hidden = !room.hasOlder;
    this.el.older.textContent = this.loadingOlder ? this.t.tLoadingOlder : this.t.tOlder;
    this.el.older.disabled = !!this.loadingOlder;
    this.el.historyStart.hidden = room.hasOlder || !room.loaded || room.messages.size === 0 || room.oldestSeq > 1;
  };

  /** Appends a message after the one before it: a day separator when the day changes, grouped when it continues. */
  Chat.prototype.appendWithContext = function (m, previous, before) {
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
  };

  Chat.prototype.daySeparator = function (sentAt) {
    var li = document.createElement('li');
    li.className = 'jc-day';
    li.setAttribute('role', 'separator');
    li.dataset.day = dayKey(sentAt);
    li.textContent = this.text.day(new Date(sentAt), this.t.tToday, this.t.tYesterday);
    return li;
  };

  /**
   * Shows a stored message: replaces our own pending bubble; a message newer than all shown (the usual case)
   * is appended in place, one that belongs further up (a sync's replay overtaken live) re-renders the room.
   */
  Chat.prototype.insert = function (m) {
    var pendingEl = document.getElementById('pending-' + m.clientId);
    if (pendingEl) { pendingEl.remove(); }
    var room = this.rooms.get(m.room);
    var shown = this.el.messageList.querySelectorAll('li[data-seq]');
    var last = shown.length ? Number(shown[shown.length - 1].dataset.seq) : 0;
    if (m.seq < last) {
      this.scheduleRerender();   // a replay overtaken live: once per frame, however many arrive
      return;
    }
    var previous = last ? room.messages.get(last) : null;
    this.appendWithContext(m, previous, this.el.messageList.querySelector('li.jc-pending, li.jc-failed'));
    this.el.empty.hidden = true;
  };

  Chat.prototype.scheduleRerender = function () {
    var self = this;
    if (this.rerender) { return; }
    this.rerender = requestAnimationFrame(function () {
      self.rerender = null;
      if (self.current !== null) { self.renderMessages(true); }
    });
  };

  Chat.prototype.render = function (m) {
    var li = document.createElement('li');
    li.className = 'jc-message' + (m.author === this.me ? ' jc-mine' : '');
    if (m.seq !== undefined) { li.dataset.seq = m.seq; }
    var meta = document.createElement('div');
    meta.className = 'jc-meta';
    meta.appendChild(avatar(m.author, this.names.get(m.author) || m.authorName));
    var name = document.createElement('button');
    name.type = 'button';
    name.className = 'jc-author';
    name.textContent = this.names.get(m.author) || m.authorName;
    name.dataset.profile = m.author;
    name.title = '@' + m.author;
    meta.appendChild(name);
    if (m.sentAt) {
      var time = document.createElement('time');
      time.dateTime = m.sentAt;
      time.textContent = this.text.time(new Date(m.sentAt));
      time.title = this.text.dateTime(new Date(m.sentAt));
      meta.appendChild(time);
    }
    var body = document.createElement('div');
    body.className = 'jc-text';
    body.textContent = m.text;   // never innerHTML: a message is text, whatever it contains
    if (m.sentAt) { body.title = this.text.time(new Date(m.sentAt)); }
    li.appendChild(meta);
    li.appendChild(body);
    return li;
  };

  Chat.prototype.renderNewBelow = function () {
    var button = this.el.newBelow;
    button.hidden = this.newBelow === 0;
    if (this.newBelow) { button.textContent = this.text.plural(this.t.tNewBelow, this.newBelow) + ' ↓'; }
  };

  /** The page before the oldest shown message (before=), keeping the reader's place while it is added above. */
  Chat.prototype.loadOlder = function () {
    var self = this;
    var id = this.current;
    var room = this.rooms.get(id);
    if (this.loadingOlder || !room || room.oldestSeq === null || room.oldestSeq <= 1 || Date.now() < (this.olderRetryAt || 0)) {
      if (room && room.oldestSeq !== null && room.oldestSeq <= 1) { room.hasOlder = false; this.renderHistoryEdge(room); }
      return;
    }
    this.loadingOlder = true;
    this.renderHistoryEdge(room);
    this.api('GET', '/api/v1/rooms/' + id + '/messages?before=' + room.oldestSeq + '&limit=' + PAGE)
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; })
      .then(function (page) {
        self.loadingOlder = false;
        if (page) {
          page.forEach(function (m) { self.store(m); });
          room.hasOlder = page.length >= PAGE;
        } else {
          self.olderRetryAt = Date.now() + 3000;   // the server is unreachable: not on every scroll event
        }
        if (self.current === id) { self.renderMessages(true); }
      });
  };

  Chat.prototype.submit = function () {
    var text = this.el.composerText.value.trim();
    if (!text || this.current === null) { return; }
    var clientId = 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
    this.pending[clientId] = {room: this.current, text: text};
    savePending(this.pending);
    this.showPending(clientId, text);
    this.send({type: 'send', room: this.current, text: text, clientId: clientId});
    this.el.composerText.value = '';
    this.scrollToEnd();
  };

  Chat.prototype.showPending = function (clientId, text) {
    if (document.getElementById('pending-' + clientId)) { return; }
    var li = this.render({author: this.me, authorName: this.names.get(this.me) || this.me, text: text});
    li.id = 'pending-' + clientId;
    li.classList.add('jc-pending');
    var status = document.createElement('span');
    status.className = 'jc-status';
    status.textContent = this.t.tSending;
    li.querySelector('.jc-meta').appendChild(status);
    this.el.messageList.appendChild(li);
    this.el.empty.hidden = true;
  };

  Chat.prototype.resendPending = function () {
    var self = this;
    Object.keys(this.pending).forEach(function (clientId) {
      var p = self.pending[clientId];
      self.send({type: 'send', room: p.room, text: p.text, clientId: clientId});
    });
  };

  Chat.prototype.acked = function (ack) {
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
      el.querySelector('.jc-status').textContent = this.t.tFailed + ' ' + (this.t[camel('t-error-' + error.code.toLowerCase().replace(/_/g, '-'))] || error.message);
    }
  };

  Chat.prototype.forgetPending = function (clientId) {
    if (this.pending[clientId]) {
      delete this.pending[clientId];
      savePending(this.pending);
    }
  };

  /** The shown room is read up to its last message: tell the server (other tabs and devices follow). */
  Chat.prototype.markRead = function () {
    var room = this.rooms.get(this.current);
    if (!room || room.lastSeq === null) { return; }
    var seq = room.maxSeq;
    if (seq > (room.info.lastReadSeq || 0)) {
      room.info.lastReadSeq = seq;
      this.api('PUT', '/api/v1/rooms/' + this.current + '/read', {seq: seq});
    }
    if (room.unread) { room.unread = 0; this.renderRooms(); }
  };

  Chat.prototype.readElsewhere = function (frame) {
    var room = this.rooms.get(frame.room);
    if (room) {
      room.info.lastReadSeq = Math.max(room.info.lastReadSeq || 0, frame.seq);
      var unread = 0;
      room.messages.forEach(function (m, seq) { if (seq > frame.seq && m.author !== this.me) { unread++; } }, this);
      room.unread = Math.min(room.unread, unread);
      this.renderRooms();
    }
  };

  // ---- rooms ----

  Chat.prototype.renderRooms = function () {
    var self = this;
    this.el.roomList.textContent = '';
    this.el.directList.textContent = '';
    this.rooms.forEach(function (room, id) {
      var li = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'jc-room-button' + (id === self.current ? ' jc-current' : '');
      button.dataset.room = id;
      if (id === self.current) { button.setAttribute('aria-current', 'true'); }
      if (room.info.kind === 'direct' && room.info.members) {
        var peer = room.info.members.find(function (m) { return m.login !== self.me; });
        if (peer) { button.appendChild(self.presenceDot(peer.login)); }
      }
      var label = document.createElement('span');
      label.className = 'jc-room-label';
      label.textContent = self.roomTitle(room.info);
      button.appendChild(label);
      if (room.unread > 0 && id !== self.current) {
        var badge = document.createElement('span');
        badge.className = 'jc-unread';
        badge.textContent = room.unread > 99 ? '99+' : String(room.unread);
        button.appendChild(badge);
      }
      button.addEventListener('click', function () { self.show(id); });
      li.appendChild(button);
      (room.info.kind === 'direct' ? self.el.directList : self.el.roomList).appendChild(li);
    });
    if (!this.el.directList.children.length) {
      var none = document.createElement('li');
      none.className = 'jc-hint jc-list-empty';
      none.textContent = this.t.tNoDirect;
      this.el.directList.appendChild(none);
    }
  };

  Chat.prototype.roomTitle = function (info) {
    if (info.kind === 'direct' && info.members) {
      var me = this.me;
      var peer = info.members.find(function (m) { return m.login !== me; }) || info.members[0];
      return this.names.get(peer.login) || peer.displayName;
    }
    return (info.kind === 'private' ? '🔒 ' : '# ') + info.name;
  };

  Chat.prototype.renderHeader = function () {
    var info = this.rooms.get(this.current).info;
    this.el.roomName.textContent = this.roomTitle(info);
    this.el.roomTopic.textContent = info.topic || '';
    this.el.roomTopic.hidden = !info.topic;
    var count = info.memberCount !== undefined && info.memberCount !== null;
    // Until the count is known the button says "Members" rather than a placeholder number.
    this.el.membersToggle.textContent = count ? this.text.plural(this.t.tMembers, info.memberCount) : this.el.membersPanel.querySelector('h2').textContent;
    var owner = info.owner === this.me && info.kind !== 'global' && info.kind !== 'direct';
    var settings = this.context + '/app/room.xhtml?id=' + info.id;
    this.el.roomSettings.href = settings;
    this.el.roomSettings.hidden = info.kind === 'direct';
    this.el.membersSettings.href = settings;
    this.el.membersSettings.hidden = info.kind === 'direct';
    this.el.addMember.hidden = !owner;
    this.el.leaveRoom.hidden = info.kind === 'global';
    this.el.roomError.textContent = '';
  };

  /**
   * The members list. On a wide screen it opens above the online list; on a narrow one the whole side panel
   * (members and online) slides in as a drawer.
   */
  Chat.prototype.toggleMembers = function () {
    var drawer = matchMedia('(max-width: 900px)').matches;
    var open = drawer ? true : this.el.membersPanel.hidden;
    this.el.membersPanel.hidden = !open;
    this.el.membersToggle.setAttribute('aria-expanded', String(open));
    if (drawer) { this.openDrawer('jc-side-open', this.el.membersToggle); }
    if (open) { this.loadMembers(); } else { this.memberLogins = []; this.updateWatch(); }
  };

  // ---- drawers (narrow screens) ----

  Chat.prototype.openDrawer = function (state, opener) {
    var root = document.getElementById('chat');
    this.closeDrawers();
    root.classList.add(state);
    this.drawerOpener = opener;
    opener.setAttribute('aria-expanded', 'true');
    this.el.drawerBackdrop.hidden = false;
    var panel = document.getElementById(opener.getAttribute('aria-controls'));
    var focusable = panel && panel.querySelector('.jc-drawer-close');
    if (focusable) { focusable.focus(); }
  };

  Chat.prototype.drawerOpen = function () {
    var root = document.getElementById('chat');
    return root.classList.contains('jc-rooms-open') || root.classList.contains('jc-side-open');
  };

  Chat.prototype.closeDrawers = function () {
    if (!this.drawerOpen()) { return; }
    var root = document.getElementById('chat');
    root.classList.remove('jc-rooms-open', 'jc-side-open');
    this.el.drawerBackdrop.hidden = true;
    if (this.drawerOpener) {
      this.drawerOpener.setAttribute('aria-expanded', 'false');
      this.drawerOpener.focus();
      this.drawerOpener = null;
    }
  };

  Chat.prototype.loadMembers = function () {
    var self = this;
    var id = this.current;
    this.api('GET', '/api/v1/rooms/' + id).then(function (r) { return r.ok ? r.json() : null; }).then(function (detail) {
      if (!detail || self.current !== id) { return; }
      self.upsertRoom(detail);
      self.renderHeader();
      if (self.el.membersPanel.hidden) { return; }
      var isOwner = detail.owner === self.me && detail.kind !== 'global' && detail.kind !== 'direct';
      self.el.memberList.textContent = '';
      self.memberLogins = detail.members.map(function (m) { return m.login; });
      self.updateWatch();
      detail.members.forEach(function (m) {
        var li = document.createElement('li');
        li.appendChild(avatar(m.login, m.displayName));
        li.appendChild(self.presenceDot(m.login));
        var name = document.createElement('button');
        name.type = 'button';
        name.className = 'jc-author';
        name.dataset.profile = m.login;
        name.textContent = m.displayName + (m.owner ? ' (' + self.t.tOwner + ')' : '');
        li.appendChild(name);
        if (isOwner && m.login !== self.me) {
          var actions = document.createElement('span');
          actions.className = 'jc-member-actions';
          var remove = document.createElement('button');
          remove.type = 'button';
          remove.className = 'jc-link-button jc-danger';
          remove.textContent = self.t.tRemove;
          remove.dataset.remove = m.login;
          remove.addEventListener('click', function () { self.removeMember(m.login); });
          var transfer = document.createElement('button');
          transfer.type = 'button';
          transfer.className = 'jc-link-button';
          transfer.textContent = self.t.tMakeOwner;
          transfer.dataset.transfer = m.login;
          transfer.addEventListener('click', function () { self.transferOwnership(m.login); });
          actions.appendChild(transfer);
          actions.appendChild(remove);
          li.appendChild(actions);
        }
        self.el.memberList.appendChild(li);
      });
    });
  };

  Chat.prototype.roomProblem = function (response) {
    var self = this;
    return response.json().then(function (problem) {
      var text = problem.errors ? problem.errors.map(function (e) { return e.message; }).join(' ') : (problem.title || '');
      self.el.roomError.textContent = text;
      return text;
    }).catch(function () { self.el.roomError.textContent = String(response.status); });
  };

  Chat.prototype.addMember = function () {
    var self = this;
    var login = this.el.addMemberLogin.value.trim();
    if (!login) { return; }
    this.api('PUT', '/api/v1/rooms/' + this.current + '/members/' + encodeURIComponent(login)).then(function (r) {
      if (r.ok) { self.el.addMemberLogin.value = ''; self.el.roomError.textContent = ''; self.loadMembers(); } else { self.roomProblem(r); }
    });
  };

  Chat.prototype.removeMember = function (login) {
    var self = this;
    this.api('DELETE', '/api/v1/rooms/' + this.current + '/members/' + encodeURIComponent(login)).then(function (r) {
      if (r.ok) { self.loadMembers(); } else { self.roomProblem(r); }
    });
  };

  Chat.prototype.transferOwnership = function (login) {
    var self = this;
    if (!confirm(this.t.tConfirmTransfer)) { return; }
    this.api('PATCH', '/api/v1/rooms/' + this.current, {owner: login}).then(function (r) {
      if (r.ok) { self.loadMembers(); } else { self.roomProblem(r); }
    });
  };

  Chat.prototype.leaveRoom = function () {
    var self = this;
    if (!confirm(this.t.tConfirmLeave)) { return; }
    this.api('DELETE', '/api/v1/rooms/' + this.current + '/members/' + encodeURIComponent(this.me)).then(function (r) {
      if (!r.ok) { self.roomProblem(r); }
    });
  };

  /** A new room (renaming and the rest of a room's settings are on its settings page). */
  Chat.prototype.openRoomDialog = function () {
    this.el.roomFormName.value = '';
    this.el.roomFormTopic.value = '';
    this.el.roomFormError.textContent = '';
    this.el.roomDialog.showModal();
    this.el.roomFormName.focus();
  };

  Chat.prototype.saveRoom = function () {
    var self = this;
    var body = {name: this.el.roomFormName.value, topic: this.el.roomFormTopic.value,
      visibility: this.el.roomForm.querySelector('input[name=visibility]:checked').value};
    this.api('POST', '/api/v1/rooms', body).then(function (r) {
      if (!r.ok) {
        return r.json().then(function (problem) {
          self.el.roomFormError.textContent = problem.errors ? problem.errors.map(function (e) { return e.message; }).join(' ') : problem.title;
        });
      }
      return r.json().then(function (room) {
        self.el.roomDialog.close();
        self.upsertRoom(room);
        self.renderRooms();
        self.show(room.id);
      });
    });
  };

  Chat.prototype.roomEvent = function (frame) {
    var id = frame.room.id;
    if (frame.event === 'deleted' || (frame.event === 'left' || frame.event === 'removed') && frame.login === this.me) {
      this.rooms.delete(id);
      if (this.current === id) {
        this.current = null;
        var first = this.rooms.keys().next();
        if (!first.done) { this.show(first.value); }
      }
      this.renderRooms();
      return;
    }
    this.upsertRoom(frame.room);
    this.renderRooms();
    if (id === this.current) {
      this.renderHeader();
      if (frame.event !== 'updated' || !this.el.membersPanel.hidden) { this.loadMembers(); }
      if (frame.event === 'joined' || frame.event === 'added' || frame.event === 'left' || frame.event === 'removed') { this.loadOnline(true); }
    }
  };

  // ---- people ----

  Chat.prototype.openDirect = function (login) {
    var self = this;
    this.api('POST', '/api/v1/direct/' + encodeURIComponent(login)).then(function (r) {
      if (!r.ok) { return; }
      r.json().then(function (room) {
        self.el.profileDialog.close();
        self.upsertRoom(room);
        self.renderRooms();
        self.show(room.id);
      });
    });
  };

  Chat.prototype.showProfile = function (login) {
    var self = this;
    var el = this.el;
    this.api('GET', '/api/v1/users/' + encodeURIComponent(login)).then(function (r) { return r.ok ? r.json() : null; }).then(function (p) {
      if (!p) { return; }
      el.profileDialog.dataset.login = p.login;
      el.profileAvatar.replaceWith(el.profileAvatar = avatar(p.login, p.displayName, 'jc-avatar-large'));
      el.profileAvatar.id = 'profile-avatar';
      el.profileName.textContent = p.displayName;
      el.profileLogin.textContent = '@' + p.login;
      self.presenceOf.set(p.login, {online: p.online, lastSeen: p.lastSeen});
      self.renderProfilePresence();
      self.updateWatch();   // live from now on, through the subscription
      el.profileStatus.textContent = p.status || '';
      el.profileAbout.textContent = p.about || '';
      el.profileJoined.textContent = self.text.date(new Date(p.joined));
      el.profileShared.textContent = p.sharedRooms.length ? p.sharedRooms.map(function (r) { return r.name; }).join(', ') : self.t.tNothing;
      el.profilePage.href = self.context + '/app/profile.xhtml?login=' + encodeURIComponent(p.login);
      el.profileDm.hidden = p.login === self.me;
      if (!el.profileDialog.open) { el.profileDialog.showModal(); }
    });
  };

  Chat.prototype.profileChanged = function (frame) {
    var u = frame.user;
    this.names.set(u.login, u.displayName);
    if (this.onlinePanel.items.has(u.login)) { this.onlinePanel.items.set(u.login, u.displayName); this.renderOnline(); }
    this.renderRooms();
    if (this.current !== null) { this.renderMessages(true); this.renderHeader(); }
  };

  // ---- presence: only the users this page shows, by subscription (docs/protocol.md, "watch") ----

  /** Online members of the shown room, a page at a time; reset reloads from the top (room switch, refresh). */
  Chat.prototype.loadOnline = function (reset) {
    var self = this;
    var id = this.current;
    var panel = this.onlinePanel;
    if (id === null || (!reset && (!panel.next || panel.loading))) { return; }
    var limit = reset ? Math.min(200, Math.max(ONLINE_PAGE, panel.room === id ? panel.items.size : 0)) : ONLINE_PAGE;
    var cursor = reset ? null : panel.next;
    panel.loading = true;
    if (reset && panel.room !== id) { this.el.onlineCount.textContent = '…'; }
    this.api('GET', '/api/v1/rooms/' + id + '/online?limit=' + limit + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''))
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; })
      .then(function (page) {
        panel.loading = false;
        if (!page || self.current !== id) { return; }
        if (reset) { panel.room = id; panel.items = new Map(); panel.known = new Set(); }
        page.items.forEach(function (u) {
          panel.items.set(u.login, u.displayName);
          panel.known.add(u.login);
          self.names.set(u.login, u.displayName);
          self.presenceOf.set(u.login, {online: true, lastSeen: null});
        });
        panel.count = page.count;
        panel.next = page.next;
        self.renderOnline();
        self.updateWatch();
      });
  };

  /** Tells the server which users this page shows (at most WATCH_MAX), when that set changed. */
  Chat.prototype.updateWatch = function () {
    var self = this;
    clearTimeout(this.watchTimer);
    this.watchTimer = setTimeout(function () {
      var logins = new Set();
      var add = function (login) { if (login && logins.size < WATCH_MAX) { logins.add(login); } };
      add(self.el.profileDialog.dataset.login);
      self.rooms.forEach(function (room) {
        if (room.info.kind === 'direct' && room.info.members) {
          room.info.members.forEach(function (m) { if (m.login !== self.me) { add(m.login); } });
        }
      });
      (self.memberLogins || []).forEach(add);
      self.onlinePanel.known.forEach(add);
      var list = Array.from(logins).sort();
      var key = self.current + ':' + list.join(' ');
      if (key !== self.watched && self.send({type: 'watch', logins: list, room: self.current})) { self.watched = key; }
    }, 200);
  };

  /** The shown room's online count changed: a short, complete list reloads; a long one just counts. */
  Chat.prototype.onlineCountFrame = function (frame) {
    var panel = this.onlinePanel;
    if (frame.room !== this.current || panel.room !== frame.room || frame.count === panel.count && frame.count === panel.items.size) { return; }
    panel.count = frame.count;
    if (!panel.next && frame.count <= 200) { this.loadOnline(true); } else { this.renderOnline(); }
  };

  Chat.prototype.presenceFrame = function (frame) {
    var self = this;
    var panel = this.onlinePanel;
    var changed = false;
    frame.users.forEach(function (u) {
      self.names.set(u.login, u.displayName);
      self.presenceOf.set(u.login, {online: u.online, lastSeen: u.lastSeen});
      if (!u.online && panel.items.has(u.login)) {
        panel.items.delete(u.login); panel.count = Math.max(0, panel.count - 1); changed = true;
      } else if (u.online && panel.known.has(u.login) && !panel.items.has(u.login)) {
        panel.items.set(u.login, u.displayName); panel.count++; changed = true;
      }
    });
    if (changed) { this.renderOnline(); }
    this.renderRooms();
    this.renderProfilePresence();
  };

  Chat.prototype.renderOnline = function () {
    var list = this.el.online;
    var panel = this.onlinePanel;
    list.textContent = '';
    var people = Array.from(panel.items.entries()).sort(function (a, b) { return a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]); });
    people.forEach(function (entry) {
      var li = document.createElement('li');
      var name = document.createElement('button');
      name.type = 'button';
      name.className = 'jc-author';
      name.textContent = entry[1];
      name.title = '@' + entry[0];
      name.dataset.profile = entry[0];
      li.dataset.login = entry[0];
      li.appendChild(name);
      list.appendChild(li);
    });
    this.el.onlineCount.textContent = '— ' + this.text.number(panel.count);
  };

  Chat.prototype.renderProfilePresence = function () {
    var login = this.el.profileDialog.dataset.login;
    var p = login && this.presenceOf.get(login);
    if (!p) { return; }
    this.el.profilePresence.textContent = p.online ? this.t.tOnlineNow
      : (p.lastSeen ? this.t.tLastseen + ' ' + this.text.ago(new Date(p.lastSeen)) : '');
    this.el.profilePresence.title = p.lastSeen && !p.online ? this.text.dateTime(new Date(p.lastSeen)) : '';
  };

  /** A small dot saying whether a user is online, for lists of people. */
  Chat.prototype.presenceDot = function (login) {
    var p = this.presenceOf.get(login);
    var dot = document.createElement('span');
    dot.className = 'jc-dot' + (p && p.online ? ' jc-dot-online' : '');
    dot.setAttribute('role', 'img');
    dot.setAttribute('aria-label', p && p.online ? this.t.tOnlineNow : '');
    if (!(p && p.online)) { dot.setAttribute('aria-hidden', 'true'); }
    return dot;
  };

  Chat.prototype.announceTyping = function () {
    var now = Date.now();
    if (this.current !== null && (!this.lastTyping || now - this.lastTyping > 2000)) {
      this.lastTyping = now;
      this.send({type: 'typing', room: this.current});
    }
  };

  Chat.prototype.typing = function (t) {
    var self = this;
    if (t.room !== this.current || t.login === this.me) { return; }
    clearTimeout(this.typingTimers.get(t.login));
    this.typingTimers.set(t.login, setTimeout(function () {
      self.typingTimers.delete(t.login);
      self.renderTyping();
    }, 3500));
    this.typingNames.set(t.login, t.displayName || t.login);
    this.renderTyping();
  };

  /** Whoever just sent a message has stopped typing it. */
  Chat.prototype.stoppedTyping = function (room, login) {
    if (room === this.current && this.typingTimers.has(login)) {
      clearTimeout(this.typingTimers.get(login));
      this.typingTimers.delete(login);
      this.renderTyping();
    }
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
  };

  Chat.prototype.isAtEnd = function () {
    var s = this.el.messages;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 40;
  };

  Chat.prototype.scrollToEnd = function () {
    this.el.messages.scrollTop = this.el.messages.scrollHeight;
  };

  /** Initials on a colour that is always the same for a login. */
  function avatar(login, displayName, extraClass) {
    var span = document.createElement('span');
    span.className = 'jc-avatar' + (extraClass ? ' ' + extraClass : '');
    span.setAttribute('aria-hidden', 'true');
    span.textContent = initials(displayName || login);
    var hash = 0;
    for (var i = 0; i < login.length; i++) { hash = (hash * 31 + login.charCodeAt(i)) | 0; }
    span.style.backgroundColor = 'hsl(' + (Math.abs(hash) % 360) + ', 55%, 45%)';
    return span;
  }

  /** The first grapheme of the first and last words: an emoji, a flag or a letter with its accents stays whole. */
  function initials(name) {
    var words = name.trim().split(/\s+/);
    var picked = [words[0]];
    if (words.length > 1) { picked.push(words[words.length - 1]); }
    return picked.map(firstGrapheme).join('').toLocaleUpperCase(document.documentElement.lang || undefined);
  }

  function firstGrapheme(word) {
    if (typeof Intl !== 'undefined' && Intl.Segmenter) {
      var first = new Intl.Segmenter(undefined, {granularity: 'grapheme'}).segment(word)[Symbol.iterator]().next();
      return first.done ? '' : first.value.segment;
    }
    return Array.from(word)[0] || '';   // at least whole code points
  }

  /** The local calendar day of an ISO time, as a key. */
  function dayKey(iso) {
    var d = iso ? new Date(iso) : new Date();
    return d.getFullYear() + '-' + d.getMonth() + '-' + d.getDate();
  }

  /**
   * Numbers, dates and plural forms in the page's language (Intl), and the ICU-style plural messages the
   * server's bundles hold: "{0, plural, one {# member} few {# members} other {# members}}".
   */
  function Texts(lang) {
    this.lang = lang;
    this.rules = new Intl.PluralRules(lang);
    this.numbers = new Intl.NumberFormat(lang);
    this.times = new Intl.DateTimeFormat(lang, {hour: '2-digit', minute: '2-digit'});
    this.dates = new Intl.DateTimeFormat(lang, {dateStyle: 'long'});
    this.days = new Intl.DateTimeFormat(lang, {weekday: 'long', day: 'numeric', month: 'long'});
    this.daysOfOtherYears = new Intl.DateTimeFormat(lang, {day: 'numeric', month: 'long', year: 'numeric'});
    this.dateTimes = new Intl.DateTimeFormat(lang, {dateStyle: 'long', timeStyle: 'short'});
    this.relative = new Intl.RelativeTimeFormat(lang, {numeric: 'auto'});
  }

  Texts.prototype.number = function (n) { return this.numbers.format(n); };
  Texts.prototype.time = function (d) { return this.times.format(d); };
  Texts.prototype.date = function (d) { return this.dates.format(d); };
  Texts.prototype.dateTime = function (d) { return this.dateTimes.format(d); };

  /** "Today", "Yesterday", or the date (with the year only when it is not this year). */
  Texts.prototype.day = function (d, today, yesterday) {
    var now = new Date();
    var midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
    var then = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
    var daysAgo = Math.round((midnight - then) / 86400000);
    if (daysAgo === 0) { return today; }
    if (daysAgo === 1) { return yesterday; }
    return d.getFullYear() === now.getFullYear() ? this.days.format(d) : this.daysOfOtherYears.format(d);
  };

  /** "5 minutes ago", "yesterday", … in the page's language. */
  Texts.prototype.ago = function (d) {
    var seconds = (d.getTime() - Date.now()) / 1000;
    var steps = [[60, 'second'], [3600, 'minute', 60], [86400, 'hour', 3600], [604800, 'day', 86400]];
    if (Math.abs(seconds) < 60) { return this.relative.format(Math.round(seconds), 'second'); }
    for (var i = 1; i < steps.length; i++) {
      if (Math.abs(seconds) < steps[i][0]) { return this.relative.format(Math.round(seconds / steps[i][2]), steps[i][1]); }
    }
    return this.dateTime(d);
  };

  /** Resolves {N, plural, …} by Intl.PluralRules (an exact "=N" form wins); # is the number. */
  Texts.prototype.plural = function (pattern, n) {
    var self = this;
    return String(pattern).replace(/\{\d+,\s*plural,((?:[^{}]|\{[^{}]*\})*)\}/g, function (whole, body) {
      var forms = {};
      body.replace(/\s*(=?\w+)\s*\{([^{}]*)\}/g, function (x, key, text) { forms[key] = text; return ''; });
      var form = forms['=' + n] !== undefined ? forms['=' + n] : forms[self.rules.select(n)] !== undefined ? forms[self.rules.select(n)] : forms.other || '';
      return form.replace(/#/g, self.number(n));
    }).replace(/\{0\}/g, self.number(n));
  };

  function camel(id) { return id.replace(/-([a-z])/g, function (x, c) { return c.toUpperCase(); }); }

  function loadPending() {
    try { return JSON.parse(sessionStorage.getItem(PENDING_KEY)) || {}; } catch (e) { return {}; }
  }

  function savePending(pending) {
    try { sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending)); } catch (e) { /* storage full or off */ }
  }
}());
