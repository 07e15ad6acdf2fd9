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

  function Chat(root) {
    this.context = root.dataset.context || '';
    this.me = root.dataset.me;
    this.t = root.dataset;
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
      'member-list', 'add-member', 'add-member-login', 'edit-room', 'leave-room', 'delete-room', 'room-error',
      'room-dialog', 'room-form', 'room-form-name', 'room-form-topic', 'room-form-error', 'room-form-cancel',
      'room-dialog-title', 'room-form-visibility', 'browse-dialog', 'browse-query', 'browse-list', 'browse-empty',
      'browse-close', 'new-room', 'browse-rooms', 'profile-dialog', 'profile-name', 'profile-login',
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
      if (el.messages.scrollTop === 0 && !el.older.hidden) { self.loadOlder(); }
      if (self.isAtEnd()) { self.markRead(); }
    });
    window.addEventListener('focus', function () { self.markRead(); });
    el.newRoom.addEventListener('click', function () { self.openRoomDialog(null); });
    el.roomFormCancel.addEventListener('click', function () { el.roomDialog.close(); });
    el.roomForm.addEventListener('submit', function (e) { e.preventDefault(); self.saveRoom(); });
    el.browseRooms.addEventListener('click', function () { self.openBrowse(); });
    el.browseClose.addEventListener('click', function () { el.browseDialog.close(); });
    el.browseQuery.addEventListener('input', function () { self.searchRooms(); });
    el.membersToggle.addEventListener('click', function () { self.toggleMembers(); });
    el.online.addEventListener('scroll', function () {
      if (el.online.scrollTop + el.online.clientHeight > el.online.scrollHeight - 40) { self.loadOnline(false); }
    });
    setInterval(function () { if (!document.hidden && self.onlinePanel.next) { self.loadOnline(true); } }, ONLINE_REFRESH_MS);
    el.addMember.addEventListener('submit', function (e) { e.preventDefault(); self.addMember(); });
    el.leaveRoom.addEventListener('click', function () { self.leaveRoom(); });
    el.deleteRoom.addEventListener('click', function () { self.deleteRoom(); });
    el.editRoom.addEventListener('click', function () { self.openRoomDialog(self.rooms.get(self.current).info); });
    el.profileClose.addEventListener('click', function () { el.profileDialog.close(); });
    el.profileDialog.addEventListener('close', function () { delete el.profileDialog.dataset.login; self.updateWatch(); });
    el.profileDm.addEventListener('click', function () { self.openDirect(el.profileDialog.dataset.login); });
    // Any user name anywhere opens that user's profile.
    document.addEventListener('click', function (e) {
      var target = e.target.closest('[data-profile]');
      if (target) { e.preventDefault(); self.showProfile(target.dataset.profile); }
    });
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
    var options = {method: method, credentials: 'same-origin', headers: {}};
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
    this.current = id;
    sessionStorage.setItem('jointchat.room', String(id));
    this.renderHeader();
    this.renderRooms();
    this.renderMessages();
    this.el.typing.textContent = '';
    if (!this.el.membersPanel.hidden) { this.loadMembers(); }
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
          if (self.current === id) { self.renderMessages(); self.markRead(); }
          self.send({type: 'sync', room: id, afterSeq: room.lastSeq});
        });
    } else {
      this.send({type: 'sync', room: id, afterSeq: room.lastSeq || 0});
      this.markRead();
    }
    this.el.composerText.focus();
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
    if (m.room === this.current) {
      var atEnd = this.isAtEnd();
      this.insert(m);
      if (atEnd || m.author === this.me) { this.scrollToEnd(); }
      if (document.hasFocus() && atEnd) { this.markRead(); } else if (m.author !== this.me) { room.unread++; this.renderRooms(); }
    } else if (m.author !== this.me && m.seq > (room.info.lastReadSeq || 0)) {
      room.unread++;
      this.renderRooms();
    }
  };

  Chat.prototype.renderMessages = function () {
    var self = this;
    var room = this.rooms.get(this.current);
    this.el.messageList.textContent = '';
    Array.from(room.messages.keys()).sort(function (a, b) { return a - b; }).forEach(function (seq) {
      self.el.messageList.appendChild(self.render(room.messages.get(seq)));
    });
    Object.keys(this.pending).forEach(function (clientId) {
      if (self.pending[clientId].room === self.current) { self.showPending(clientId, self.pending[clientId].text); }
    });
    this.el.older.hidden = !room.hasOlder;
    this.el.empty.hidden = room.messages.size > 0 || !room.loaded || this.el.messageList.children.length > 0;
    this.scrollToEnd();
  };

  /** Inserts a stored message in seq order, before any pending bubbles; replaces our own pending bubble. */
  Chat.prototype.insert = function (m) {
    var pendingEl = document.getElementById('pending-' + m.clientId);
    if (pendingEl) { pendingEl.remove(); }
    var el = this.render(m);
    var next = null;
    var items = this.el.messageList.querySelectorAll('li[data-seq]');
    for (var i = items.length - 1; i >= 0; i--) {
      if (Number(items[i].dataset.seq) < m.seq) { next = items[i].nextElementSibling; break; }
      if (i === 0) { next = items[0]; }
    }
    if (!next || next.dataset.seq === undefined) { next = this.el.messageList.querySelector('li.jc-pending, li.jc-failed'); }
    this.el.messageList.insertBefore(el, next);
    this.el.empty.hidden = true;
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
      time.textContent = ' ' + new Date(m.sentAt).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
      meta.appendChild(time);
    }
    var body = document.createElement('div');
    body.className = 'jc-text';
    body.textContent = m.text;   // never innerHTML: a message is text, whatever it contains
    li.appendChild(meta);
    li.appendChild(body);
    return li;
  };

  Chat.prototype.loadOlder = function () {
    var self = this;
    var id = this.current;
    var room = this.rooms.get(id);
    if (this.loadingOlder || !room || room.oldestSeq === null || room.oldestSeq <= 1) { this.el.older.hidden = true; return; }
    this.loadingOlder = true;
    var scroller = this.el.messages;
    var fromBottom = scroller.scrollHeight - scroller.scrollTop;
    this.api('GET', '/api/v1/rooms/' + id + '/messages?before=' + room.oldestSeq + '&limit=' + PAGE)
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (page) {
        page.forEach(function (m) { self.store(m); });
        room.hasOlder = page.length >= PAGE;
        if (self.current === id) {
          self.renderMessages();
          scroller.scrollTop = scroller.scrollHeight - fromBottom;
        }
        self.loadingOlder = false;
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
    this.el.membersToggle.textContent = info.memberCount !== undefined ? this.t.tMembers.replace('{0}', info.memberCount) : this.t.tMembers.replace('{0}', '…');
    var owner = info.owner === this.me && info.kind !== 'global' && info.kind !== 'direct';
    this.el.addMember.hidden = !owner;
    this.el.editRoom.hidden = !owner;
    this.el.deleteRoom.hidden = !owner;
    this.el.leaveRoom.hidden = info.kind === 'global';
    this.el.roomError.textContent = '';
  };

  Chat.prototype.toggleMembers = function () {
    var open = this.el.membersPanel.hidden;
    this.el.membersPanel.hidden = !open;
    this.el.membersToggle.setAttribute('aria-expanded', String(open));
    if (open) { this.loadMembers(); } else { this.memberLogins = []; this.updateWatch(); }
  };

  Chat.prototype.loadMembers = function () {
    var self = this;
    var id = this.current;
    this.api('GET', '/api/v1/rooms/' + id).then(function (r) { return r.ok ? r.json() : null; }).then(function (detail) {
      if (!detail || self.current !== id) { return; }
      self.upsertRoom(detail);
      self.renderHeader();
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
          li.appendChild(transfer);
          li.appendChild(remove);
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

  Chat.prototype.deleteRoom = function () {
    var self = this;
    if (!confirm(this.t.tConfirmDelete)) { return; }
    this.api('DELETE', '/api/v1/rooms/' + this.current).then(function (r) { if (!r.ok) { self.roomProblem(r); } });
  };

  Chat.prototype.openRoomDialog = function (info) {
    this.editing = info ? info.id : null;
    this.el.roomDialogTitle.textContent = info ? this.t.tEditRoom : this.t.tNewRoom;
    this.el.roomFormName.value = info ? info.name : '';
    this.el.roomFormTopic.value = info && info.topic ? info.topic : '';
    this.el.roomFormVisibility.hidden = !!info;
    this.el.roomFormError.textContent = '';
    this.el.roomDialog.showModal();
    this.el.roomFormName.focus();
  };

  Chat.prototype.saveRoom = function () {
    var self = this;
    var body = {name: this.el.roomFormName.value, topic: this.el.roomFormTopic.value};
    var request;
    if (this.editing === null) {
      body.visibility = this.el.roomForm.querySelector('input[name=visibility]:checked').value;
      request = this.api('POST', '/api/v1/rooms', body);
    } else {
      request = this.api('PATCH', '/api/v1/rooms/' + this.editing, body);
    }
    request.then(function (r) {
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

  Chat.prototype.openBrowse = function () {
    this.el.browseQuery.value = '';
    this.el.browseDialog.showModal();
    this.searchRooms();
  };

  Chat.prototype.searchRooms = function () {
    var self = this;
    var query = this.el.browseQuery.value;
    this.api('GET', '/api/v1/rooms?scope=public&limit=50&query=' + encodeURIComponent(query))
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (rooms) {
        if (query !== self.el.browseQuery.value) { return; }
        self.el.browseList.textContent = '';
        self.el.browseEmpty.hidden = rooms.length > 0;
        rooms.forEach(function (info) {
          var li = document.createElement('li');
          var name = document.createElement('span');
          name.textContent = '# ' + info.name + (info.topic ? ' — ' + info.topic : '');
          li.appendChild(name);
          var join = document.createElement('button');
          join.type = 'button';
          join.textContent = self.t.tJoin;
          join.dataset.join = info.id;
          join.addEventListener('click', function () {
            if (self.rooms.has(info.id)) { self.el.browseDialog.close(); self.show(info.id); return; }
            self.api('PUT', '/api/v1/rooms/' + info.id + '/members/' + encodeURIComponent(self.me)).then(function (r) {
              if (r.ok) { self.el.browseDialog.close(); self.upsertRoom(info); self.renderRooms(); self.show(info.id); }
            });
          });
          li.appendChild(join);
          self.el.browseList.appendChild(li);
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
      if (!this.el.membersPanel.hidden) { this.loadMembers(); }
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
      el.profileJoined.textContent = new Date(p.joined).toLocaleDateString();
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
    if (this.current !== null) { this.renderMessages(); this.renderHeader(); }
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
    this.el.onlineCount.textContent = '— ' + panel.count.toLocaleString(document.documentElement.lang || undefined);
  };

  Chat.prototype.renderProfilePresence = function () {
    var login = this.el.profileDialog.dataset.login;
    var p = login && this.presenceOf.get(login);
    if (!p) { return; }
    this.el.profilePresence.textContent = p.online ? this.t.tOnlineNow
      : (p.lastSeen ? this.t.tLastseen + ' ' + new Date(p.lastSeen).toLocaleString() : '');
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
    var words = (displayName || login).trim().split(/\s+/);
    span.textContent = (words[0].charAt(0) + (words.length > 1 ? words[words.length - 1].charAt(0) : '')).toUpperCase();
    var hash = 0;
    for (var i = 0; i < login.length; i++) { hash = (hash * 31 + login.charCodeAt(i)) | 0; }
    span.style.backgroundColor = 'hsl(' + (Math.abs(hash) % 360) + ', 55%, 45%)';
    return span;
  }

  function camel(id) { return id.replace(/-([a-z])/g, function (x, c) { return c.toUpperCase(); }); }

  function loadPending() {
    try { return JSON.parse(sessionStorage.getItem(PENDING_KEY)) || {}; } catch (e) { return {}; }
  }

  function savePending(pending) {
    try { sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending)); } catch (e) { /* storage full or off */ }
  }
}());
