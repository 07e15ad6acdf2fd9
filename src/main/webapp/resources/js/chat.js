/*
 * JointChat browser client over /ws (docs/protocol.md) and the REST API (docs/api.md).
 * Guarantees the user can trust: a message stays "sending" until the server's ack (sent after commit);
 * on reconnect the client syncs every room from the last seq it holds and resends unacked messages
 * with the same clientId, so nothing is lost and nothing is shown twice. Edits, deletions and reactions
 * arrive as `changed` frames: a message is replaced when its version is higher than the one held, and the
 * highest version seen per room is sent as afterVersion when syncing after a reconnect.
 * A message body is the server's rendered html (it guarantees it safe); everything else — names, quotes,
 * search hits, file names — is built as DOM text (textContent), never as HTML.
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
  var JUMP_MAX = 3000;             // a reply's original or a search hit is looked for at most this far back
  var JUMP_PAGE = 200;             // the server's largest history page
  var HIGHLIGHT_MS = 2500;         // how long a message jumped to stays highlighted
  var CHANGES_HELD = 200;          // changes to messages not loaded (yet) that are kept for when they are
  var EMOJI = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'];
  var SUGGESTIONS = 8;             // people offered when typing @

  function Chat(root) {
    this.context = root.dataset.context || '';
    this.icons = root.dataset.icons;
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
    this.baseTitle = document.title;
    this.hiddenCount = 0;          // direct messages and mentions that arrived while the tab was hidden
    this.editing = null;           // {room, seq, draft, saving, clientId, error}: the message edited in place
    this.replyTo = null;           // {room, seq}: the message the composer answers
    this.actions = {};             // clientId -> {kind, room, seq}: edits, deletions and reactions asked for
    this.uploads = [];             // files waiting to be uploaded, one at a time
    this.uploading = null;         // {xhr, job, fraction}
    this.attached = new Map();     // room id -> [attachment]: uploaded, to go with the next message
    this.highlighted = null;       // {seq, until}: a message jumped to
    this.search = {q: '', room: null, next: null, token: null, count: 0};
    this.el = {};
    ['message-list', 'messages', 'empty', 'older', 'banner', 'typing', 'composer', 'composer-text', 'online',
      'online-count', 'room-name', 'room-topic', 'room-list', 'direct-list', 'members-toggle', 'members-panel',
      'member-list', 'add-member', 'add-member-login', 'leave-room', 'room-error', 'room-settings', 'members-settings',
      'room-dialog', 'room-form', 'room-form-name', 'room-form-topic', 'room-form-error', 'room-form-cancel',
      'room-form-visibility', 'new-room', 'profile-dialog', 'profile-name', 'profile-login',
      'new-below', 'history-start', 'rooms-toggle', 'drawer-backdrop',
      'profile-presence', 'profile-status', 'profile-about', 'profile-joined', 'profile-shared', 'profile-page',
      'profile-dm', 'profile-close', 'profile-avatar', 'composer-context', 'composer-error', 'reply-bar', 'reply-text',
      'reply-cancel', 'attach', 'attach-input', 'upload', 'upload-name', 'upload-progress', 'upload-percent',
      'upload-cancel', 'attached-list', 'mention-list', 'mention-status', 'notify', 'notify-hint', 'search-form',
      'search-input', 'search-toggle', 'search-panel', 'search-room-only', 'search-status', 'search-progress',
      'search-results', 'search-more', 'search-close', 'message-menu', 'emoji-picker', 'send', 'composer-notice',
      'moderation-dialog', 'moderation-form', 'moderation-title', 'moderation-text', 'moderation-durations',
      'moderation-reason-field', 'moderation-reason', 'moderation-error', 'moderation-cancel', 'moderation-confirm',
      'chat-status'].forEach(function (id) {
      this.el[camel(id)] = document.getElementById(id);
    }, this);
  }

  Chat.prototype.start = function () {
    var self = this;
    var el = this.el;
    el.composer.addEventListener('submit', function (e) { e.preventDefault(); self.submit(); });
    el.composerText.addEventListener('keydown', function (e) { self.composerKey(e); });
    el.composerText.addEventListener('input', function () { self.announceTyping(); self.suggestMentions(); });
    el.composerText.addEventListener('click', function () { self.suggestMentions(); });
    // A blur closes the suggestions unless the input has its focus back by then (a window losing and regaining
    // focus, e.g. when another tab closes, blurs the input too); focus offers them again.
    el.composerText.addEventListener('blur', function () {
      setTimeout(function () { if (document.activeElement !== el.composerText || !document.hasFocus()) { self.closeSuggestions(); } }, 150);
    });
    el.composerText.addEventListener('focus', function () { self.suggestMentions(); });
    el.mentionList.addEventListener('mousedown', function (e) { e.preventDefault(); });   // the composer keeps focus
    el.mentionList.addEventListener('click', function (e) {
      var option = e.target.closest('[role=option]');
      if (option) { self.pickSuggestion(option.dataset.login); }
    });
    el.replyCancel.addEventListener('click', function () { self.cancelReply(); el.composerText.focus(); });
    el.attach.addEventListener('click', function () { el.attachInput.click(); });
    el.attachInput.addEventListener('change', function () { self.queueFiles(el.attachInput.files); });
    el.uploadCancel.addEventListener('click', function () { self.cancelUploads(); el.composerText.focus(); });
    el.attachedList.addEventListener('click', function (e) {
      var remove = e.target.closest('[data-remove-attachment]');
      if (remove) { self.detach(Number(remove.dataset.removeAttachment)); el.composerText.focus(); }
    });
    // Message actions: the menu button, a reply's quote, reactions; a tap on a message on a touch screen.
    el.messageList.addEventListener('click', function (e) { self.messageClick(e); });
    el.messageMenu.addEventListener('keydown', function (e) { self.menuKey(e, el.messageMenu); });
    el.emojiPicker.addEventListener('keydown', function (e) { self.menuKey(e, el.emojiPicker); });
    document.addEventListener('mousedown', function (e) {
      if (!e.target.closest('.jc-menu, .jc-menu-button, .jc-add-reaction')) { self.closeMenus(false); }
    });
    // Notifications: permission is asked for only when the user clicks; hidden when granted or unsupported.
    this.renderNotifyControl(false);
    el.notify.addEventListener('click', function () { self.enableNotifications(); });
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) {
        self.hiddenCount = 0;
        self.renderTitle();
        if (self.current !== null && self.isAtEnd()) { self.markRead(); }
      }
    });
    // Search: the header's box (on a phone behind an icon), results in a panel.
    el.searchForm.addEventListener('submit', function (e) { e.preventDefault(); self.runSearch(false); });
    el.searchToggle.addEventListener('click', function () { self.toggleSearchBox(); });
    el.searchClose.addEventListener('click', function () { self.closeSearch(false); });
    el.searchMore.addEventListener('click', function () { self.runSearch(true); });
    el.searchRoomOnly.addEventListener('change', function () { if (self.search.q) { self.runSearch(false); } });
    el.searchResults.addEventListener('click', function (e) {
      var hit = e.target.closest('[data-hit-seq]');
      if (hit) { self.openHit(Number(hit.dataset.hitRoom), Number(hit.dataset.hitSeq)); }
    });
    el.searchPanel.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { e.stopPropagation(); self.closeSearch(false); }
    });
    el.older.addEventListener('click', function () { self.loadOlder(); });
    el.messages.addEventListener('scroll', function () {
      if (self.menuOpener) { self.closeMenus(false); }   // an open menu would float away from its message
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
    this.renderComposerContext();
    // The moderation dialog (remove, mute, ban, report): Escape or Cancel closes it, focus goes back to the message.
    el.moderationForm.addEventListener('submit', function (e) { e.preventDefault(); self.confirmModeration(); });
    el.moderationCancel.addEventListener('click', function () { el.moderationDialog.close(); });
    el.moderationDialog.addEventListener('close', function () {
      var back = self.moderating && self.moderating.opener;
      self.moderating = null;
      if (back && document.contains(back)) { back.focus(); } else if (!el.composerText.hidden) { el.composerText.focus(); }
    });
    // The pane keeps its newest message in view whenever its height changes: the on-screen keyboard, rotation,
    // the connection banner, a header that wraps. Whether the reader was at the end is known from the last
    // scroll (a pane that shrinks does not scroll), so a reader of older messages is never moved.
    var stuckToEnd = true;
    el.messages.addEventListener('scroll', function () { stuckToEnd = self.isAtEnd(); }, {passive: true});
    new ResizeObserver(function () { if (stuckToEnd) { self.scrollToEnd(); } }).observe(el.messages);
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
      case 'changed': return this.changed(frame);
      case 'synced': return this.synced(frame);
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
    this.actions = {};   // answers to frames of the old socket will not come
    if (this.editing && this.editing.saving !== null) { this.editing.saving = null; }
    this.backoff = 1000;
    this.hideBanner();
    this.onlineTotal = frame.onlineCount;
    this.admin = !!(frame.user && frame.user.admin);   // administrators moderate every room
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
      room.syncing = false;   // a sync asked for on the old socket ends with it
      if (room.loaded && id !== wanted) { self.sync(id); }
    });
    this.connectedOnce = true;
    if (wanted !== null) { this.show(wanted); }
    this.updateWatch();
    this.resendPending();
  };

  Chat.prototype.upsertRoom = function (info) {
    var room = this.rooms.get(info.id);
    if (!room) {
      room = {messages: new Map(), lastSeq: null, oldestSeq: null, maxSeq: 0, loaded: false, unread: info.unread || 0,
        mentions: info.mentions || 0, version: null, baseVersion: null, syncing: false, syncMax: 0, changes: new Map()};
      this.rooms.set(info.id, room);
    } else {
      if (info.unread !== undefined) { room.unread = info.unread; }
      if (info.mentions !== undefined) { room.mentions = info.mentions; }
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
      if (this.replyTo && this.replyTo.room !== id) { this.cancelReply(); }
      if (this.editing && this.editing.room !== id) { this.editing = null; }
      this.closeMenus(false);
      this.closeSuggestions();
      this.renderComposerContext();
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
          page.forEach(function (m) {
            self.store(m);
            room.baseVersion = Math.max(room.baseVersion || 0, m.version || 0);
          });
          room.lastSeq = page.length ? page[page.length - 1].seq : 0;
          self.advance(room);
          room.hasOlder = page.length >= PAGE;
          if (self.current === id) { self.renderMessages(false); self.markRead(); }
          self.sync(id);
        });
    } else {
      this.sync(id);
      if (this.isAtEnd()) { this.markRead(); }
    }
    if (!matchMedia('(pointer: coarse)').matches) { this.el.composerText.focus(); }
  };

  // ---- messages ----

  /**
   * Asks for what a held room missed: messages after the last seq held without a gap and — from the highest
   * version seen (docs/protocol.md, "Changes and reconnecting") — the changes to those it holds.
   */
  Chat.prototype.sync = function (id) {
    var room = this.rooms.get(id);
    if (!room || room.lastSeq === null) { return; }   // its first page is loading; that syncs when it is in
    var frame = {type: 'sync', room: id, afterSeq: room.lastSeq};
    var mark = room.version !== null ? room.version : room.baseVersion;
    if (mark !== null) { frame.afterVersion = mark; }
    if (this.send(frame)) { room.syncing = true; }
  };

  /** The replay asked for is complete: every change up to lastVersion (and the live ones meanwhile) is held. */
  Chat.prototype.synced = function (frame) {
    var room = this.rooms.get(frame.room);
    if (!room) { return; }
    room.syncing = false;
    room.version = Math.max(room.version || 0, frame.lastVersion || 0, room.syncMax);
    room.syncMax = 0;
  };

  /**
   * The version mark moves with live frames only once a sync has established it and none is running: a frame
   * seen while a replay is under way says nothing yet about the changes still to come in that replay.
   */
  Chat.prototype.noteVersion = function (room, version) {
    if (!version) { return; }
    if (room.syncing || room.version === null) { room.syncMax = Math.max(room.syncMax, version); } else { room.version = Math.max(room.version, version); }
  };

  /** Keeps a message: 'new' when its seq was not held, 'changed' when it replaced an older version, else false. */
  Chat.prototype.store = function (m) {
    var room = this.rooms.get(m.room);
    if (!room) { return false; }
    var later = room.changes.get(m.seq);
    if (later) {
      room.changes.delete(m.seq);
      if (newer(later, m)) { m = later; }
    }
    var held = room.messages.get(m.seq);
    if (held) {
      if (!newer(m, held)) { return false; }
      room.messages.set(m.seq, m);
      return 'changed';
    }
    room.messages.set(m.seq, m);
    room.maxSeq = Math.max(room.maxSeq, m.seq);
    if (room.oldestSeq === null || m.seq < room.oldestSeq) { room.oldestSeq = m.seq; }
    this.advance(room);
    this.names.set(m.author, m.authorName);
    return 'new';
  };

  /** Live messages may overtake a sync's replay: lastSeq only moves over an unbroken run. */
  Chat.prototype.advance = function (room) {
    if (room.lastSeq === null) { return; }
    while (room.messages.has(room.lastSeq + 1)) { room.lastSeq++; }
  };

  Chat.prototype.message = function (m) {
    var room = this.rooms.get(m.room);
    if (!room) { return; }
    // Counted once: the unread and mention counts of hello already include every seq up to the room's lastSeq,
    // so a replay after reconnecting adds nothing; only messages past it are new to the counts.
    var fresh = m.seq > (room.info.lastSeq || 0);
    if (fresh) { room.info.lastSeq = m.seq; }
    var others = m.author !== this.me && fresh;
    var mention = others && this.mentionsMe(m);
    if (!room.loaded && m.room !== this.current) {
      if (others) {
        room.unread++;
        if (mention) { room.mentions++; }
        this.renderRooms();
        this.notify(m, room);
      }
      return;
    }
    this.noteVersion(room, m.version);
    var stored = this.store(m);
    if (stored === 'changed') {
      this.forgetPending(m.clientId);
      if (m.room === this.current) { this.refresh(room.messages.get(m.seq)); }
      return;
    }
    if (!stored) { return; }
    m = room.messages.get(m.seq);
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
      if (document.hasFocus() && !document.hidden && atEnd) {
        this.markRead();
      } else if (others) {
        room.unread++;
        if (mention) { room.mentions++; }
        this.renderRooms();
      }
    } else if (others && m.seq > (room.info.lastReadSeq || 0)) {
      room.unread++;
      if (mention) { room.mentions++; }
      this.renderRooms();
    }
    if (others) { this.notify(m, room); }
  };

  /** A message was edited, deleted or reacted to: the higher version wins, wherever it is shown. */
  Chat.prototype.changed = function (m) {
    var self = this;
    var room = this.rooms.get(m.room);
    Object.keys(this.actions).forEach(function (id) {
      var asked = self.actions[id];
      if (asked.room === m.room && asked.seq === m.seq) { delete self.actions[id]; }   // answered
    });
    if (!room || !room.loaded) { return; }
    this.noteVersion(room, m.version);
    var held = room.messages.get(m.seq);
    if (!held) {
      // Not loaded (yet): kept for when a history page brings it, which may have been read before the change.
      var kept = room.changes.get(m.seq);
      if (!kept || newer(m, kept)) {
        room.changes.delete(m.seq);
        room.changes.set(m.seq, m);
        if (room.changes.size > CHANGES_HELD) { room.changes.delete(room.changes.keys().next().value); }
        this.refreshReplies(room, m.seq);
      }
      return;
    }
    if (!newer(m, held)) { return; }
    room.messages.set(m.seq, m);
    var editing = this.editing;
    if (editing && editing.room === m.room && editing.seq === m.seq
        && (m.deleted || editing.saving !== null && (m.text === editing.saving || m.editedAt !== held.editedAt))) {
      this.editing = null;
      if (editing.returnTo === 'composer' && m.room === this.current) { this.el.composerText.focus(); }
    }
    if (m.room === this.current) { this.refresh(m); }
    if (this.replyTo && this.replyTo.room === m.room && this.replyTo.seq === m.seq) {
      if (m.deleted) { this.cancelReply(); } else { this.renderComposerContext(); }
    }
  };

  /** Re-renders a shown message in place (and the replies that quote it), keeping focus and the reader's place. */
  Chat.prototype.refresh = function (m) {
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
    var room = this.rooms.get(m.room);
    Array.prototype.forEach.call(list.querySelectorAll('li[data-reply-to="' + m.seq + '"]'), function (reply) {
      var message = room.messages.get(Number(reply.dataset.seq));
      if (message) { replace(reply, message); }
    });
    if (atEnd) { this.scrollToEnd(); }
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
    Object.keys(this.pending).forEach(function (clientId) {
      if (self.pending[clientId].room === self.current) { self.showPending(clientId, self.pending[clientId]); }
    });
    this.renderHistoryEdge(room);
    this.el.empty.hidden = room.messages.size > 0 || !room.loaded || this.el.messageList.children.length > 0;
    if (stayAtEnd) { this.scrollToEnd(); } else { scroller.scrollTop = scroller.scrollHeight - fromBottom; }
    if (focusLi) {
      var again = this.el.messageList.querySelector('li[data-seq="' + focusLi.dataset.seq + '"]');
      var target = again && (focusKey && again.querySelector('[data-focus-key="' + cssString(focusKey) + '"]') || again.querySelector('.jc-menu-button'));
      if (target) { target.focus({preventScroll: true}); }
    }
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

  /**
   * One message: author and time, the quote of the message it answers, the body (the server's html, "(edited)"),
   * attachments, reactions, and the menu of what the reader may do with it. Pending bubbles have no seq.
   */
  Chat.prototype.render = function (m) {
    var li = document.createElement('li');
    var mentioned = this.mentionsMe(m) && m.author !== this.me;
    li.className = 'jc-message' + (m.author === this.me ? ' jc-mine' : '') + (m.deleted ? ' jc-deleted' : '')
      + (mentioned ? ' jc-mentions-me' : '');
    if (m.seq !== undefined) { li.dataset.seq = m.seq; }
    if (m.replyTo) { li.dataset.replyTo = m.replyTo.seq; }
    if (this.highlighted && this.highlighted.seq === m.seq && m.room === this.current && Date.now() < this.highlighted.until) {
      li.classList.add('jc-highlight');
    }
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
    li.appendChild(meta);
    if (m.replyTo && !m.deleted) { li.appendChild(this.quote(m)); }
    var editing = this.editing && m.seq !== undefined && this.editing.room === m.room && this.editing.seq === m.seq && !m.deleted;
    var attachments = m.deleted ? [] : (m.attachments || []);
    if (m.deleted || editing || m.text || !attachments.length) {
      var body = document.createElement('div');
      body.className = 'jc-text';
      if (m.deleted) {
        body.classList.add('jc-deleted-text');
        body.textContent = m.removedByModerator ? this.t.tRemovedByModerator : this.t.tDeleted;
        if (m.removedByModerator) { body.classList.add('jc-removed-by-moderator'); }
      } else if (editing) {
        body.classList.add('jc-editing');
        body.appendChild(this.editor());
      } else if (typeof m.html === 'string') {
        body.classList.add('jc-rich');
        body.innerHTML = m.html;   // rendered by the server from Markdown, safe to insert (docs/protocol.md)
        this.markMentions(body, m);
      } else {
        body.textContent = m.text;   // a pending message: as typed
      }
      if (m.editedAt && !m.deleted && !editing) {
        var edited = document.createElement('span');
        edited.className = 'jc-edited';
        edited.textContent = '(' + this.t.tEdited + ')';
        edited.title = this.t.tEditedAt + ' ' + this.text.dateTime(new Date(m.editedAt));
        body.appendChild(document.createTextNode(' '));
        body.appendChild(edited);
      }
      if (m.sentAt && !editing) { body.title = this.text.time(new Date(m.sentAt)); }
      li.appendChild(body);
    }
    if (attachments.length) { li.appendChild(this.attachmentList(attachments)); }
    if (!m.deleted && m.reactions && m.reactions.length) { li.appendChild(this.reactionBar(m)); }
    if (m.seq !== undefined && !m.deleted && !editing) {
      var menu = document.createElement('button');
      menu.type = 'button';
      menu.className = 'jc-menu-button';
      menu.dataset.focusKey = 'menu';
      menu.setAttribute('aria-haspopup', 'menu');
      menu.setAttribute('aria-expanded', 'false');
      menu.setAttribute('aria-label', this.t.tActions + ': ' + (this.names.get(m.author) || m.authorName) + ', '
        + (m.sentAt ? this.text.time(new Date(m.sentAt)) : ''));
      menu.title = this.t.tActions;
      menu.textContent = '⋯';
      li.appendChild(menu);
    }
    return li;
  };

  /** Replies held that quote this seq show the original as it is now (edited, or deleted: its text gone). */
  Chat.prototype.refreshReplies = function (room, seq) {
    var self = this;
    room.messages.forEach(function (held) {
      if (held.replyTo && held.replyTo.seq === seq && held.room === self.current) { self.refresh(held); }
    });
  };

  /** The start of the message answered (as it is now when held): author and first line; a click goes there. */
  Chat.prototype.quote = function (m) {
    var r = m.replyTo;
    var room = this.rooms.get(m.room);
    var original = room && (room.messages.get(r.seq) || room.changes.get(r.seq));
    var login = original ? original.author : r.author;
    var author = this.names.get(login) || (original ? original.authorName : r.authorName) || login;
    var deleted = original ? original.deleted : r.deleted;
    var text = original ? original.text : r.text;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'jc-quote';
    button.dataset.focusKey = 'quote';
    button.dataset.jump = r.seq;
    var who = document.createElement('span');
    who.className = 'jc-quote-author';
    who.textContent = author;
    var what = document.createElement('span');
    what.className = 'jc-quote-text' + (deleted ? ' jc-deleted-text' : '');
    if (deleted) { what.textContent = this.t.tDeleted; } else { this.showExcerpt(what, text); }
    button.appendChild(who);
    button.appendChild(what);
    button.title = this.t.tShowOriginal;
    button.setAttribute('aria-label', this.t.tInReplyTo + ' ' + author + ': ' + what.textContent + '. ' + this.t.tShowOriginal);
    return button;
  };

  /** Images as previews that open in a new tab; other files as download links with their size. */
  Chat.prototype.attachmentList = function (attachments) {
    var self = this;
    var list = document.createElement('ul');
    list.className = 'jc-attachments';
    list.setAttribute('aria-label', this.t.tAttachments);
    attachments.forEach(function (a) {
      var li = document.createElement('li');
      var link = document.createElement('a');
      link.href = self.context + '/api/v1/attachments/' + a.id;
      link.target = '_blank';
      link.rel = 'noopener';
      if (a.image) {
        link.className = 'jc-image-link';
        link.title = self.t.tOpenImage + ': ' + a.name;
        var img = document.createElement('img');
        img.src = link.href;
        img.loading = 'lazy';
        img.alt = a.name;
        img.className = 'jc-image';
        link.appendChild(img);
      } else {
        link.className = 'jc-file';
        link.download = a.name;
        var icon = self.icon('file');
        var fileName = document.createElement('span');
        fileName.className = 'jc-file-name';
        fileName.textContent = a.name;
        var size = document.createElement('span');
        size.className = 'jc-file-size';
        size.textContent = ' (' + self.text.size(a.size) + ')';
        link.appendChild(icon);
        link.appendChild(fileName);
        link.appendChild(size);
        link.title = self.t.tDownload + ': ' + a.name;
      }
      li.appendChild(link);
      list.appendChild(li);
    });
    return list;
  };

  /** Each kind of reaction with its count, pressed when the reader is among them; a click turns theirs on or off. */
  Chat.prototype.reactionBar = function (m) {
    var self = this;
    var bar = document.createElement('div');
    bar.className = 'jc-reactions';
    bar.setAttribute('role', 'group');
    bar.setAttribute('aria-label', this.t.tReactions);
    m.reactions.forEach(function (r) {
      var users = r.users || [];
      var mine = users.indexOf(self.me) >= 0;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'jc-reaction' + (mine ? ' jc-reacted' : '');
      button.dataset.emoji = r.emoji;
      // Only the first 20 who reacted are listed: past them, whether the reader is one is the server's to say.
      if (!mine && r.count > users.length) { button.dataset.unknown = 'true'; }
      button.dataset.focusKey = 'react:' + r.emoji;
      button.setAttribute('aria-pressed', String(mine));
      var emoji = document.createElement('span');
      emoji.className = 'jc-reaction-emoji';
      emoji.textContent = r.emoji;
      var count = document.createElement('span');
      count.className = 'jc-reaction-count';
      count.textContent = self.text.number(r.count);
      button.appendChild(emoji);
      button.appendChild(count);
      var names = users.map(function (login) { return login === self.me ? self.t.tYou : self.names.get(login) || login; });
      if (r.count > users.length) { names.push('…'); }
      var label = r.emoji + ' ' + self.text.plural(self.t.tReactionCount, r.count) + ': ' + names.join(', ');
      button.title = label;
      button.setAttribute('aria-label', label);
      bar.appendChild(button);
    });
    var add = document.createElement('button');
    add.type = 'button';
    add.className = 'jc-reaction jc-add-reaction';
    add.dataset.focusKey = 'add-reaction';
    add.setAttribute('aria-haspopup', 'menu');
    add.setAttribute('aria-expanded', 'false');
    add.setAttribute('aria-label', this.t.tReact);
    add.title = this.t.tReact;
    add.textContent = '☺+';
    bar.appendChild(add);
    return bar;
  };

  /** Highlights @login of the members the server says are mentioned (not inside code or links). */
  Chat.prototype.markMentions = function (body, m) {
    if (!m.mentions || !m.mentions.length) { return; }
    var me = this.me;
    var wanted = new Set(m.mentions.map(function (login) { return login.toLowerCase(); }));
    var nodes = [];
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      if (walker.currentNode.nodeValue.indexOf('@') >= 0 && !walker.currentNode.parentNode.closest('code, pre, a')) { nodes.push(walker.currentNode); }
    }
    nodes.forEach(function (node) {
      var value = node.nodeValue;
      var pattern = /@([A-Za-z0-9][A-Za-z0-9._-]*)/g;
      var fragment = document.createDocumentFragment();
      var from = 0;
      var match;
      while ((match = pattern.exec(value)) !== null) {
        if (match.index > 0 && /[A-Za-z0-9._-]/.test(value.charAt(match.index - 1))) { continue; }   // an e-mail address
        var login = match[1];
        while (login && !wanted.has(login.toLowerCase())) { login = /[._-]$/.test(login) ? login.slice(0, -1) : ''; }
        if (!login) { continue; }
        fragment.appendChild(document.createTextNode(value.slice(from, match.index)));
        var span = document.createElement('span');
        span.className = 'jc-mention' + (login.toLowerCase() === me ? ' jc-mention-me' : '');
        span.textContent = '@' + login;
        fragment.appendChild(span);
        from = match.index + 1 + login.length;
        pattern.lastIndex = from;
      }
      if (from > 0) {
        fragment.appendChild(document.createTextNode(value.slice(from)));
        node.parentNode.replaceChild(fragment, node);
      }
    });
  };

  Chat.prototype.mentionsMe = function (m) {
    var me = this.me;
    return !!(m.mentions && m.mentions.some(function (login) { return login.toLowerCase() === me; }));
  };

  Chat.prototype.renderNewBelow = function () {
    var button = this.el.newBelow;
    button.hidden = this.newBelow === 0;
    if (this.newBelow) { button.textContent = this.text.plural(this.t.tNewBelow, this.newBelow) + ' ↓'; }
  };

  /**
   * The page before the oldest shown message (before=), keeping the reader's place while it is added above.
   * limit: more than a page when looking for a particular message. Resolves true when a page came.
   */
  Chat.prototype.loadOlder = function (limit) {
    var self = this;
    var id = this.current;
    var room = this.rooms.get(id);
    if (this.loadingOlder || !room || room.oldestSeq === null || room.oldestSeq <= 1 || Date.now() < (this.olderRetryAt || 0)) {
      if (room && room.oldestSeq !== null && room.oldestSeq <= 1) { room.hasOlder = false; this.renderHistoryEdge(room); }
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
          page.forEach(function (m) { self.store(m); });
          room.hasOlder = page.length >= size;
        } else {
          self.olderRetryAt = Date.now() + 3000;   // the server is unreachable: not on every scroll event
        }
        if (self.current === id) { self.renderMessages(true); }
        return !!page;
      });
  };

  /**
   * Shows a message (a reply's original, a search hit, a notification): opens its room, loads older pages
   * until it is there (within JUMP_MAX messages), brings it into view and highlights it for a moment.
   */
  Chat.prototype.jumpTo = function (id, seq) {
    var self = this;
    if (!this.rooms.has(id)) { return; }
    if (this.current !== id) { this.show(id); }
    var room = this.rooms.get(id);
    var token = {};
    var deadline = Date.now() + 15000;
    this.jumping = token;
    var step = function () {
      if (self.jumping !== token || self.current !== id) { return; }
      if (room.messages.has(seq)) { self.jumping = null; self.highlight(seq); return; }
      var waiting = room.lastSeq === null || self.loadingOlder || seq > room.maxSeq || Date.now() < (self.olderRetryAt || 0);
      if (Date.now() > deadline || !waiting && (room.oldestSeq === null || seq >= room.oldestSeq)) {
        self.jumping = null;
        self.showComposerError(self.t.tNotLoaded);
        return;
      }
      if (waiting) { setTimeout(step, 150); return; }
      if (room.oldestSeq - seq > JUMP_MAX) {
        self.jumping = null;
        self.showComposerError(self.t.tTooFarBack);
        return;
      }
      self.loadOlder(room.oldestSeq - seq + 10).then(function () { setTimeout(step, 0); });
    };
    step();
  };

  Chat.prototype.highlight = function (seq) {
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
  };

  Chat.prototype.submit = function () {
    var text = this.el.composerText.value.trim();
    if (this.current === null) { return; }
    var attachments = this.attached.get(this.current) || [];
    if (!text && !attachments.length) { return; }
    var clientId = newClientId();
    var p = {room: this.current, text: text};
    if (this.replyTo && this.replyTo.room === this.current) { p.replyTo = this.replyTo.seq; }
    if (attachments.length) { p.attachments = attachments; }
    this.pending[clientId] = p;
    savePending(this.pending);
    this.showPending(clientId, p);
    this.sendPending(clientId);
    this.el.composerText.value = '';
    this.attached.delete(this.current);
    this.replyTo = null;
    this.showComposerError('');
    this.renderComposerContext();
    this.closeSuggestions();
    this.scrollToEnd();
  };

  Chat.prototype.sendPending = function (clientId) {
    var p = this.pending[clientId];
    if (!p) { return; }
    var frame = {type: 'send', room: p.room, text: p.text, clientId: clientId};
    if (p.replyTo) { frame.replyTo = p.replyTo; }
    if (p.attachments) { frame.attachments = p.attachments.map(function (a) { return a.id; }); }
    this.send(frame);
  };

  Chat.prototype.showPending = function (clientId, p) {
    if (document.getElementById('pending-' + clientId)) { return; }
    var m = {room: p.room, author: this.me, authorName: this.names.get(this.me) || this.me, text: p.text, attachments: p.attachments};
    var original = p.replyTo && this.rooms.has(p.room) ? this.rooms.get(p.room).messages.get(p.replyTo) : null;
    if (p.replyTo) {
      m.replyTo = original ? {seq: p.replyTo, author: original.author, authorName: original.authorName, text: original.text, deleted: original.deleted}
        : {seq: p.replyTo, author: '', authorName: '', text: ''};
    }
    var li = this.render(m);
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
    Object.keys(this.pending).forEach(function (clientId) { self.sendPending(clientId); });
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
    if (error.clientId && this.actions[error.clientId]) { this.actionFailed(error); return; }
    if (!error.clientId && error.room && this.rooms.has(error.room) && this.rooms.get(error.room).syncing) {
      // A sync that failed (e.g. the database blinked): not waiting for it any more; asked again a little later.
      this.rooms.get(error.room).syncing = false;
      setTimeout(function () { if (self.rooms.has(error.room)) { self.sync(error.room); } }, 3000 + Math.random() * 2000);
      return;
    }
    if (!error.clientId || !this.pending[error.clientId]) { return; }
    var clientId = error.clientId;
    if (error.code === 'RATE_LIMITED' || error.code === 'UNAVAILABLE') {
      // Not stored: try again a little later with the same clientId.
      setTimeout(function () { self.sendPending(clientId); }, 3000);
      return;
    }
    this.learnStanding(error, this.pending[clientId].room);
    this.forgetPending(clientId);
    var el = document.getElementById('pending-' + clientId);
    if (el) {
      el.classList.remove('jc-pending');
      el.classList.add('jc-failed');
      el.querySelector('.jc-status').textContent = this.t.tFailed + ' ' + this.errorText(error);
    }
  };

  /** An error frame's code in the page's language (the server's English message when there is no text for it). */
  Chat.prototype.errorText = function (error) {
    if (error.code === 'MUTED' && error.until) { return format(this.t.tErrorMuted, this.untilText(error.until)); }
    return this.t[camel('t-error-' + String(error.code).toLowerCase().replace(/_/g, '-'))] || error.message || error.code;
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
    if (room.unread || room.mentions) { room.unread = 0; room.mentions = 0; this.renderRooms(); }
  };

  Chat.prototype.readElsewhere = function (frame) {
    var room = this.rooms.get(frame.room);
    if (room) {
      room.info.lastReadSeq = Math.max(room.info.lastReadSeq || 0, frame.seq);
      var unread = 0;
      var mentions = 0;
      room.messages.forEach(function (m, seq) {
        if (seq > frame.seq && m.author !== this.me) {
          unread++;
          if (this.mentionsMe(m)) { mentions++; }
        }
      }, this);
      room.unread = Math.min(room.unread, unread);
      room.mentions = Math.min(room.mentions, mentions);
      this.renderRooms();
    }
  };

  // ---- composer: keys, @ suggestions, replying ----

  Chat.prototype.composerKey = function (e) {
    var list = this.el.mentionList;
    if (!list.hidden) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') { e.preventDefault(); this.moveSuggestion(e.key === 'ArrowDown' ? 1 : -1); return; }
      if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && !e.isComposing) {
        var active = list.querySelector('[aria-selected=true]');
        if (active) { e.preventDefault(); this.pickSuggestion(active.dataset.login); return; }
      }
      if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); this.closeSuggestions(); return; }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); this.submit(); return; }
    if (e.key === 'ArrowUp' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && this.el.composerText.value === '') {
      var last = this.lastOwnMessage();
      if (last) { e.preventDefault(); this.startEdit(last.seq, 'composer'); }
      return;
    }
    if (e.key === 'Escape' && this.replyTo) { e.preventDefault(); e.stopPropagation(); this.cancelReply(); }
  };

  Chat.prototype.lastOwnMessage = function () {
    var room = this.rooms.get(this.current);
    if (!room) { return null; }
    var best = null;
    room.messages.forEach(function (m) {
      if (m.author === this.me && !m.deleted && (!best || m.seq > best.seq)) { best = m; }
    }, this);
    return best;
  };

  /** The @word being typed just before the caret, if any. */
  Chat.prototype.mentionQuery = function () {
    var box = this.el.composerText;
    if (box.selectionStart !== box.selectionEnd) { return null; }
    var before = box.value.slice(0, box.selectionStart);
    var match = /(?:^|[\s(])@([A-Za-z0-9._-]{0,32})$/.exec(before);
    return match ? {start: before.length - match[1].length - 1, end: box.selectionStart, prefix: match[1].toLowerCase()} : null;
  };

  /** People to mention: the room's members (loaded for the side panel); in general, a search of all users. */
  Chat.prototype.suggestMentions = function () {
    var self = this;
    var query = this.mentionQuery();
    var room = this.rooms.get(this.current);
    if (!query || !room) { this.closeSuggestions(); return; }
    var fits = function (people) {
      return people.filter(function (p) {
        return p.login !== self.me && (p.login.indexOf(query.prefix) === 0 || p.displayName.toLowerCase().indexOf(query.prefix) >= 0);
      }).sort(function (a, b) {
        return (b.login.indexOf(query.prefix) === 0) - (a.login.indexOf(query.prefix) === 0) || a.displayName.localeCompare(b.displayName);
      }).slice(0, SUGGESTIONS);
    };
    if (room.info.kind !== 'global') {
      var known = room.members || room.info.members;
      var found = known ? fits(known) : [];
      // A list loaded more than a few seconds ago that has nobody for this prefix may be stale: load it again.
      if (known && (found.length || Date.now() - (room.membersAt || 0) < 5000)) {
        this.showSuggestions(found);
        return;
      }
      // The members of this room, not anyone whose login starts the same: loaded, then suggested from.
      var id = this.current;
      if (room.membersLoading) { return; }
      room.membersLoading = true;
      this.api('GET', '/api/v1/rooms/' + id).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; })
        .then(function (detail) {
          room.membersLoading = false;
          if (detail && self.rooms.has(id)) {
            self.rooms.get(id).members = detail.members;
            self.rooms.get(id).membersAt = Date.now();
            if (self.current === id) { self.suggestMentions(); }
          }
        });
      return;
    }
    clearTimeout(this.suggestTimer);
    this.suggestTimer = setTimeout(function () {
      var asked = self.el.composerText.value + '|' + query.start;
      self.api('GET', '/api/v1/users?limit=' + (SUGGESTIONS + 1) + '&query=' + encodeURIComponent(query.prefix))
        .then(function (r) { return r.ok ? r.json() : []; })
        .catch(function () { return []; })
        .then(function (people) {
          var now = self.mentionQuery();
          if (now && self.el.composerText.value + '|' + now.start === asked) { self.showSuggestions(fits(people)); }
        });
    }, 150);
  };

  Chat.prototype.showSuggestions = function (people) {
    var self = this;
    var list = this.el.mentionList;
    list.textContent = '';
    if (!people.length) { this.closeSuggestions(); return; }
    people.forEach(function (p, i) {
      var li = document.createElement('li');
      li.id = 'mention-option-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(i === 0));
      li.dataset.login = p.login;
      li.appendChild(avatar(p.login, p.displayName));
      var name = document.createElement('span');
      name.textContent = p.displayName;
      var login = document.createElement('span');
      login.className = 'jc-login';
      login.textContent = ' @' + p.login;
      li.appendChild(name);
      li.appendChild(login);
      list.appendChild(li);
      self.names.set(p.login, p.displayName);
    });
    list.hidden = false;
    this.el.composerText.setAttribute('aria-activedescendant', 'mention-option-0');
    this.el.mentionStatus.textContent = this.text.plural(this.t.tSuggestions, people.length);
  };

  Chat.prototype.moveSuggestion = function (step) {
    var options = Array.from(this.el.mentionList.querySelectorAll('[role=option]'));
    var at = options.findIndex(function (o) { return o.getAttribute('aria-selected') === 'true'; });
    var next = (at + step + options.length) % options.length;
    options.forEach(function (o, i) { o.setAttribute('aria-selected', String(i === next)); });
    this.el.composerText.setAttribute('aria-activedescendant', options[next].id);
    options[next].scrollIntoView({block: 'nearest'});
  };

  Chat.prototype.pickSuggestion = function (login) {
    var query = this.mentionQuery();
    var box = this.el.composerText;
    if (query) {
      box.value = box.value.slice(0, query.start) + '@' + login + ' ' + box.value.slice(query.end);
      var caret = query.start + login.length + 2;
      box.setSelectionRange(caret, caret);
    }
    this.closeSuggestions();
    box.focus();
  };

  Chat.prototype.closeSuggestions = function () {
    clearTimeout(this.suggestTimer);
    if (this.el.mentionList.hidden) { return; }
    this.el.mentionList.hidden = true;
    this.el.mentionList.textContent = '';
    this.el.composerText.removeAttribute('aria-activedescendant');
    this.el.mentionStatus.textContent = '';
  };

  Chat.prototype.startReply = function (seq) {
    this.replyTo = {room: this.current, seq: seq};
    this.renderComposerContext();
    this.el.composerText.focus();
  };

  Chat.prototype.cancelReply = function () {
    this.replyTo = null;
    this.renderComposerContext();
  };

  /** What goes with the next message (the message answered, uploads), and errors, above the input. */
  Chat.prototype.renderComposerContext = function () {
    var self = this;
    var el = this.el;
    var room = this.rooms.get(this.current);
    var original = this.replyTo && room ? room.messages.get(this.replyTo.seq) : null;
    el.replyBar.hidden = !original;
    if (original) {
      el.replyText.textContent = '';
      var label = document.createElement('span');
      label.className = 'jc-reply-label';
      label.textContent = format(this.t.tReplyingTo, this.names.get(original.author) || original.authorName) + ' ';
      var start = document.createElement('span');
      start.className = 'jc-reply-start';
      this.showExcerpt(start, original.text);
      el.replyText.appendChild(label);
      el.replyText.appendChild(start);
    }
    var attached = this.attached.get(this.current) || [];
    el.attachedList.textContent = '';
    el.attachedList.hidden = !attached.length;
    attached.forEach(function (a) {
      var li = document.createElement('li');
      li.className = 'jc-chip';
      var name = document.createElement('span');
      name.appendChild(self.icon('attach'));
      name.appendChild(document.createTextNode(' ' + a.name + ' (' + self.text.size(a.size) + ')'));
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'jc-chip-remove';
      remove.dataset.removeAttachment = a.id;
      remove.textContent = '×';
      remove.setAttribute('aria-label', self.t.tRemoveAttachment + ' ' + a.name);
      remove.title = remove.getAttribute('aria-label');
      li.appendChild(name);
      li.appendChild(remove);
      el.attachedList.appendChild(li);
    });
    var up = this.uploading;
    el.upload.hidden = !up || up.job.room !== this.current;
    if (up) {
      el.uploadName.textContent = this.t.tUploading + ' ' + up.job.file.name;
      el.uploadProgress.value = Math.round(up.fraction * 100);
      el.uploadPercent.textContent = this.text.percent(up.fraction);
    }
    el.composerError.hidden = !el.composerError.textContent;
    el.composerContext.hidden = el.replyBar.hidden && el.attachedList.hidden && el.upload.hidden && el.composerError.hidden;
  };

  Chat.prototype.showComposerError = function (text) {
    var self = this;
    clearTimeout(this.composerErrorTimer);
    this.el.composerError.textContent = text;
    this.renderComposerContext();
    if (text) {
      this.composerErrorTimer = setTimeout(function () { self.el.composerError.textContent = ''; self.renderComposerContext(); }, 12000);
    }
  };

  // ---- message actions: the menu, editing, deleting, reactions ----

  Chat.prototype.messageClick = function (e) {
    var li = e.target.closest('li[data-seq]');
    if (!li) { return; }
    var seq = Number(li.dataset.seq);
    var m = this.rooms.get(this.current).messages.get(seq);
    if (!m) { return; }
    var target;
    if ((target = e.target.closest('.jc-menu-button'))) { this.toggleMenu(m, target); return; }
    if ((target = e.target.closest('.jc-add-reaction'))) { this.openPicker(m, target); return; }
    if ((target = e.target.closest('.jc-reaction'))) {
      this.react(m, target.dataset.emoji, target.dataset.unknown ? null : target.getAttribute('aria-pressed') !== 'true');
      return;
    }
    if ((target = e.target.closest('.jc-quote'))) { this.jumpTo(m.room, Number(target.dataset.jump)); return; }
    // A tap on a message on a touch screen opens its menu (no hover there).
    if (!m.deleted && !e.target.closest('a, button, img, textarea, input, .jc-editor')
        && matchMedia('(hover: none)').matches && !String(window.getSelection())) {
      var button = li.querySelector('.jc-menu-button');
      if (button) { this.toggleMenu(m, button); }
    }
  };

  /** Whether the reader may delete this message as its author (others' messages are a moderator's "Remove"). */
  Chat.prototype.mayDelete = function (m) {
    return m.author === this.me;
  };

  Chat.prototype.toggleMenu = function (m, opener) {
    var self = this;
    var menu = this.el.messageMenu;
    if (!menu.hidden && this.menuOpener === opener) { this.closeMenus(true); return; }
    this.closeMenus(false);
    menu.textContent = '';
    var item = function (action, label, handler, danger) {
      var li = document.createElement('li');
      li.setAttribute('role', 'none');
      var button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('role', 'menuitem');
      button.dataset.action = action;
      button.textContent = label;
      if (danger) { button.className = 'jc-danger'; }
      button.addEventListener('click', function () { handler(); });
      li.appendChild(button);
      menu.appendChild(li);
    };
    item('reply', this.t.tReply, function () { self.closeMenus(false); self.startReply(m.seq); });
    item('react', this.t.tReact, function () { self.closeMenus(false); self.openPicker(m, opener); });
    if (m.author === this.me) {
      item('edit', this.t.tEdit, function () { self.closeMenus(false); self.startEdit(m.seq, 'menu'); });
    }
    if (this.mayDelete(m)) {
      item('delete', this.t.tDelete, function () { self.closeMenus(false); self.deleteMessage(m, opener); }, true);
    }
    this.moderationItems(m, opener, item);
    this.openPopup(menu, opener);
  };

  Chat.prototype.openPicker = function (m, opener) {
    var self = this;
    var picker = this.el.emojiPicker;
    this.closeMenus(false);
    picker.textContent = '';
    var mine = new Set((m.reactions || []).filter(function (r) { return (r.users || []).indexOf(self.me) >= 0; })
      .map(function (r) { return r.emoji; }));
    var unknown = new Set((m.reactions || []).filter(function (r) {
      return (r.users || []).indexOf(self.me) < 0 && r.count > (r.users || []).length;
    }).map(function (r) { return r.emoji; }));
    EMOJI.forEach(function (emoji) {
      var button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('role', 'menuitemcheckbox');
      button.setAttribute('aria-checked', String(mine.has(emoji)));
      button.dataset.emoji = emoji;
      button.textContent = emoji;
      button.addEventListener('click', function () {
        self.closeMenus(true);
        self.react(m, emoji, unknown.has(emoji) ? null : !mine.has(emoji));
      });
      picker.appendChild(button);
    });
    this.openPopup(picker, opener);
  };

  /** Opens a menu next to the button that opened it (inside the window), focus on its first item. */
  Chat.prototype.openPopup = function (popup, opener) {
    this.menuOpener = opener;
    opener.setAttribute('aria-expanded', 'true');
    popup.hidden = false;
    var r = opener.getBoundingClientRect();
    var width = popup.offsetWidth;
    var height = popup.offsetHeight;
    var top = r.bottom + 4 + height > innerHeight ? Math.max(4, r.top - height - 4) : r.bottom + 4;
    var left = Math.min(Math.max(4, r.right - width), innerWidth - width - 4);
    popup.style.top = top + 'px';
    popup.style.left = left + 'px';
    var first = popup.querySelector('button');
    if (first) { first.focus(); }
  };

  /** Closes any open menu; back puts focus on the button that opened it (Escape, a choice made). */
  Chat.prototype.closeMenus = function (back) {
    var opener = this.menuOpener;
    var open = !this.el.messageMenu.hidden || !this.el.emojiPicker.hidden;
    this.el.messageMenu.hidden = true;
    this.el.emojiPicker.hidden = true;
    this.menuOpener = null;
    if (opener) {
      opener.setAttribute('aria-expanded', 'false');
      if (back && open && document.contains(opener)) { opener.focus(); }
    }
  };

  /** Arrow keys move between the items, Escape and Tab close. */
  Chat.prototype.menuKey = function (e, popup) {
    var items = Array.from(popup.querySelectorAll('button'));
    var at = items.indexOf(document.activeElement);
    var step = {ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1}[e.key];
    if (step) {
      e.preventDefault();
      items[(at + step + items.length) % items.length].focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items[e.key === 'Home' ? 0 : items.length - 1].focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.closeMenus(true);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      this.closeMenus(true);
    }
  };

  /** Sends an edit, deletion or reaction; an error answer comes back by its clientId. */
  Chat.prototype.act = function (frame, kind) {
    frame.clientId = newClientId();
    this.actions[frame.clientId] = {kind: kind, room: frame.room, seq: frame.seq};
    if (!this.send(frame)) {
      delete this.actions[frame.clientId];
      this.showComposerError(this.t.tNotNow);
      return null;
    }
    return frame.clientId;
  };

  Chat.prototype.actionFailed = function (error) {
    var action = this.actions[error.clientId];
    delete this.actions[error.clientId];
    this.learnStanding(error, action.room);
    var text = this.errorText(error);
    var editing = this.editing;
    if (action.kind === 'edit' && editing && editing.clientId === error.clientId) {
      editing.saving = null;
      editing.error = text;
      var m = this.rooms.get(editing.room) && this.rooms.get(editing.room).messages.get(editing.seq);
      if (m && editing.room === this.current) { this.refresh(m); }
      return;
    }
    this.showComposerError(text);
  };

  /** on: true / false, or null to let the server turn the reader's reaction over (when the page cannot tell). */
  Chat.prototype.react = function (m, emoji, on) {
    var frame = {type: 'react', room: m.room, seq: m.seq, emoji: emoji};
    if (on !== null) { frame.on = on; }
    this.act(frame, 'react');
  };

  Chat.prototype.deleteMessage = function (m, opener) {
    if (!confirm(this.t.tConfirmDeleteMessage)) {
      if (opener && document.contains(opener)) { opener.focus(); }
      return;
    }
    this.act({type: 'delete', room: m.room, seq: m.seq}, 'delete');
  };

  // ---- moderation: the reader's standing in a room, the moderator's menu items and dialog, a composer that cannot post ----

  /**
   * The reader's standing in a room (docs/api.md, "Moderation"): whether they moderate it (its owner, one of its
   * moderators, an administrator) and, when they cannot post now, why: 'archived', 'muted' (until when) or
   * 'announcement'. Worked out from the room's own fields, which its room frames keep current (hello's canPost
   * is the same rule at the time of hello).
   */
  Chat.prototype.standing = function (info) {
    var moderators = info.moderators;
    var moderates = info.kind !== 'direct' && (this.admin || info.owner === this.me
      || (moderators ? moderators.indexOf(this.me) >= 0 : info.canModerate === true));
    var until = info.mutedUntil ? Date.parse(info.mutedUntil) : 0;
    var reason = info.archived ? 'archived' : until > Date.now() ? 'muted' : info.announcement && !moderates ? 'announcement' : null;
    return {moderates: moderates, reason: reason, until: reason === 'muted' ? until : 0};
  };

  /** When the reader cannot post in the shown room, a notice says why in place of the input (and when a mute ends). */
  Chat.prototype.renderComposerState = function () {
    var self = this;
    var el = this.el;
    var room = this.rooms.get(this.current);
    var standing = room ? this.standing(room.info) : {reason: null, until: 0};
    var readOnly = standing.reason !== null;
    var text = {muted: format(this.t.tMutedNotice, this.untilText(standing.until)), announcement: this.t.tAnnouncementNotice,
      archived: this.t.tArchivedNotice}[standing.reason] || '';
    if (el.composerNotice.textContent !== text) { el.composerNotice.textContent = text; }
    el.composerNotice.hidden = !readOnly;
    el.composer.classList.toggle('jc-read-only', readOnly);
    [el.composerText, el.attach, el.send].forEach(function (part) { part.hidden = readOnly; });
    if (readOnly) { this.closeSuggestions(); }
    clearTimeout(this.muteTimer);
    if (standing.until) {
      // The input comes back by itself when the mute ends (a timer cannot wait longer than about 24 days).
      this.muteTimer = setTimeout(function () { self.renderComposerState(); }, Math.min(standing.until - Date.now() + 500, 2000000000));
    }
  };

  /** A time to come: the time alone today, else the day and time. */
  Chat.prototype.untilText = function (until) {
    var d = new Date(until);
    return d.toDateString() === new Date().toDateString() ? this.text.time(d) : this.text.shortDateTime(d);
  };

  /** A refusal (MUTED, ARCHIVED, ANNOUNCEMENT_ONLY) tells of a standing the page had not heard of yet: the composer follows. */
  Chat.prototype.learnStanding = function (error, roomId) {
    var room = this.rooms.get(roomId);
    if (!room) { return; }
    if (error.code === 'MUTED' && error.until) {
      room.info.mutedUntil = error.until;
    } else if (error.code === 'ARCHIVED') {
      room.info.archived = true;
    } else if (error.code === 'ANNOUNCEMENT_ONLY') {
      room.info.announcement = true;
    } else {
      return;
    }
    if (roomId === this.current) { this.renderComposerState(); }
  };

  /** The menu's items for someone else's message: a moderator removes, mutes and (public rooms) bans; everyone reports. */
  Chat.prototype.moderationItems = function (m, opener, item) {
    var self = this;
    var info = this.rooms.get(m.room).info;
    if (m.author === this.me) { return; }
    var open = function (kind) { return function () { self.closeMenus(false); self.openModerationDialog(kind, m, opener); }; };
    if (this.standing(info).moderates) {
      item('remove', this.t.tModRemove, open('remove'), true);
      if (m.author !== info.owner) {
        item('mute', this.t.tModMute, open('mute'));
        if (info.kind === 'public') { item('ban', this.t.tModBan, open('ban'), true); }
      }
    }
    item('report', this.t.tModReport, open('report'));
  };

  /** One in-page dialog asks before removing or banning, and for a mute's length or a report's reason. */
  Chat.prototype.openModerationDialog = function (kind, m, opener) {
    var el = this.el;
    var t = this.t;
    var who = this.names.get(m.author) || m.authorName;
    this.moderating = {kind: kind, room: m.room, seq: m.seq, author: m.author, name: who, opener: opener, busy: false};
    el.moderationTitle.textContent = format({remove: t.tModRemoveTitle, mute: t.tModMuteTitle, ban: t.tModBanTitle, report: t.tModReportTitle}[kind], who);
    el.moderationText.textContent = format({remove: t.tModRemoveText, mute: t.tModMuteText, ban: t.tModBanText, report: t.tModReportText}[kind], who);
    var excerpt = document.createElement('blockquote');
    excerpt.className = 'jc-moderation-excerpt';
    this.showExcerpt(excerpt, m.text);
    el.moderationText.appendChild(excerpt);
    el.moderationDurations.hidden = kind !== 'mute';
    el.moderationDurations.querySelector('input').checked = true;
    el.moderationReasonField.hidden = kind !== 'report';
    el.moderationReason.value = '';
    el.moderationError.textContent = '';
    el.moderationConfirm.textContent = {remove: t.tModRemoveButton, mute: t.tModMuteButton, ban: t.tModBanButton, report: t.tModReportButton}[kind];
    el.moderationConfirm.classList.toggle('jc-danger-button', kind === 'remove' || kind === 'ban');
    el.moderationConfirm.disabled = false;
    el.moderationDialog.showModal();
    // Removing and banning start on Cancel: Enter alone does nothing that cannot be undone.
    ({mute: el.moderationDurations.querySelector('input'), report: el.moderationReason}[kind] || el.moderationCancel).focus();
  };

  /** Does what the dialog asked: a removal is a delete frame (the server marks it a moderator's), the rest REST. */
  Chat.prototype.confirmModeration = function () {
    var self = this;
    var el = this.el;
    var job = this.moderating;
    if (!job || job.busy) { return; }
    if (job.kind === 'remove') {
      this.act({type: 'delete', room: job.room, seq: job.seq}, 'delete');
      el.moderationDialog.close();
      return;
    }
    var path = '/api/v1/rooms/' + job.room;
    var request = job.kind === 'mute'
      ? this.api('POST', path + '/mutes', {login: job.author, minutes: Number(el.moderationDurations.querySelector('input:checked').value)})
      : job.kind === 'ban' ? this.api('POST', path + '/bans', {login: job.author})
        : this.api('POST', path + '/messages/' + job.seq + '/report', {reason: el.moderationReason.value.trim()});
    job.busy = true;
    el.moderationConfirm.disabled = true;
    request.then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (self.moderating !== job) { return; }
        if (r.ok) {
          el.moderationDialog.close();
          self.showStatus(format({mute: self.t.tModMuted, ban: self.t.tModBanned, report: self.t.tModReported}[job.kind], job.name,
            body.until ? self.untilText(body.until) : ''));
          return;
        }
        el.moderationError.textContent = body.detail || (body.errors ? body.errors.map(function (e) { return e.message; }).join(' ') : body.title)
          || String(r.status);
      });
    }).catch(function () {
      if (self.moderating === job) { el.moderationError.textContent = self.t.tNotNow; }
    }).then(function () {
      job.busy = false;
      el.moderationConfirm.disabled = false;
    });
  };

  /** A short confirmation that something was done, read out by screen readers, gone after a while. */
  Chat.prototype.showStatus = function (text) {
    var status = this.el.chatStatus;
    clearTimeout(this.statusTimer);
    status.textContent = text;
    status.hidden = false;
    this.statusTimer = setTimeout(function () { status.hidden = true; status.textContent = ''; }, 6000);
  };

  /** Edits a message in place: Enter saves, Escape cancels; returnTo says where focus goes afterwards. */
  Chat.prototype.startEdit = function (seq, returnTo) {
    var room = this.rooms.get(this.current);
    var m = room && room.messages.get(seq);
    if (!m || m.author !== this.me || m.deleted) { return; }
    this.editing = {room: this.current, seq: seq, draft: m.text, saving: null, clientId: null, error: '', returnTo: returnTo};
    this.refresh(m);
    var box = document.getElementById('edit-text');
    if (box) {
      box.focus();
      box.setSelectionRange(box.value.length, box.value.length);
      box.closest('li').scrollIntoView({block: 'nearest'});
    }
  };

  Chat.prototype.editor = function () {
    var self = this;
    var editing = this.editing;
    var wrap = document.createElement('div');
    wrap.className = 'jc-editor';
    var label = document.createElement('label');
    label.className = 'jc-visually-hidden';
    label.htmlFor = 'edit-text';
    label.textContent = this.t.tEditLabel;
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
    hint.textContent = this.t.tEditHint;
    var status = document.createElement('span');
    status.className = editing.error ? 'jc-error' : 'jc-hint';
    status.setAttribute('role', editing.error ? 'alert' : 'status');
    status.textContent = editing.error || (editing.saving !== null ? this.t.tSaving : '');
    var cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'jc-link-button';
    cancel.dataset.focusKey = 'edit-cancel';
    cancel.textContent = this.t.tCancel;
    cancel.addEventListener('click', function () { self.cancelEdit(); });
    var save = document.createElement('button');
    save.type = 'button';
    save.className = 'jc-link-button jc-edit-save';
    save.dataset.focusKey = 'edit-save';
    save.textContent = this.t.tSave;
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
  };

  Chat.prototype.saveEdit = function () {
    var editing = this.editing;
    if (!editing || editing.saving !== null) { return; }
    var room = this.rooms.get(editing.room);
    var m = room && room.messages.get(editing.seq);
    if (!m) { this.editing = null; return; }
    var text = editing.draft.trim();
    if (text === m.text) { this.cancelEdit(); return; }
    editing.error = '';
    var clientId = this.act({type: 'edit', room: editing.room, seq: editing.seq, text: text}, 'edit');
    if (clientId) {
      editing.saving = text;
      editing.clientId = clientId;
    } else {
      editing.error = this.t.tNotNow;
    }
    this.refresh(m);
  };

  Chat.prototype.cancelEdit = function () {
    var editing = this.editing;
    if (!editing) { return; }
    this.editing = null;
    var m = this.rooms.get(editing.room) && this.rooms.get(editing.room).messages.get(editing.seq);
    var li = m && this.el.messageList.querySelector('li[data-seq="' + m.seq + '"]');
    var hadFocus = li && li.contains(document.activeElement);
    if (m && editing.room === this.current) { this.refresh(m); }
    if (editing.returnTo === 'composer' || !hadFocus) {
      this.el.composerText.focus();
    } else {
      var again = this.el.messageList.querySelector('li[data-seq="' + m.seq + '"] .jc-menu-button');
      if (again) { again.focus(); }
    }
  };

  // ---- notifications and the tab title ----

  Chat.prototype.renderNotifyControl = function (denied) {
    var supported = 'Notification' in window;
    this.el.notify.hidden = !supported || window.Notification.permission !== 'default';
    this.el.notifyHint.hidden = !denied;
  };

  /** Asks for permission only here, on the user's click. */
  Chat.prototype.enableNotifications = function () {
    var self = this;
    var N = window.Notification;
    if (!N) { return; }
    var done = function (permission) { self.renderNotifyControl(permission === 'denied'); };
    var asked = N.requestPermission(done);
    if (asked && asked.then) { asked.then(done); }
  };

  /** While the tab is hidden, a direct message or a mention of the reader counts in the title and notifies. */
  Chat.prototype.notify = function (m, room) {
    var self = this;
    if (!document.hidden || room.syncing) { return; }
    var direct = room.info.kind === 'direct';
    if (!direct && !this.mentionsMe(m)) { return; }
    this.hiddenCount++;
    this.renderTitle();
    var N = window.Notification;
    if (!N || N.permission !== 'granted') { return; }
    var author = this.names.get(m.author) || m.authorName;
    var title = direct ? author : format(this.t.tNotifyMention, author, this.roomTitle(room.info));
    var body = m.text ? (m.text.length > 200 ? m.text.slice(0, 199) + '…' : m.text)
      : (m.attachments || []).map(function (a) { return '📎 ' + a.name; }).join(', ');
    try {
      var note = new N(title, {body: body, tag: 'jointchat-room-' + m.room});
      note.onclick = function () {
        window.focus();
        self.jumpTo(m.room, m.seq);
        if (note.close) { note.close(); }
      };
    } catch (e) {
      // Some browsers only notify from a service worker; the title still counts.
    }
  };

  Chat.prototype.renderTitle = function () {
    document.title = this.hiddenCount ? '(' + this.text.number(this.hiddenCount) + ') ' + this.baseTitle : this.baseTitle;
  };

  // ---- search ----

  /** On a phone the search box hides behind an icon. */
  Chat.prototype.toggleSearchBox = function () {
    var root = document.getElementById('chat');
    var open = !root.classList.contains('jc-search-open');
    root.classList.toggle('jc-search-open', open);
    this.el.searchToggle.setAttribute('aria-expanded', String(open));
    if (open) { this.el.searchInput.focus(); } else { this.closeSearch(false); }
  };

  /** Runs the search in the box (more: the next page of the same search). */
  Chat.prototype.runSearch = function (more) {
    var self = this;
    var el = this.el;
    var search = this.search;
    if (!more) {
      var q = el.searchInput.value.trim();
      if (!q) { return; }
      search.q = q;
      search.room = el.searchRoomOnly.checked && this.current !== null ? this.current : null;
      search.next = null;
      search.count = 0;
      el.searchResults.textContent = '';
    }
    var token = search.token = {};
    el.searchPanel.hidden = false;
    el.searchPanel.classList.remove('jc-search-failed');
    el.searchProgress.hidden = false;
    el.searchResults.setAttribute('aria-busy', 'true');
    el.searchMore.hidden = true;
    el.searchStatus.textContent = this.t.tSearching;
    var path = '/api/v1/search/messages?limit=20&q=' + encodeURIComponent(search.q)
      + (search.room !== null ? '&room=' + search.room : '') + (more && search.next ? '&before=' + encodeURIComponent(search.next) : '');
    var finish = function () {
      el.searchProgress.hidden = true;
      el.searchResults.removeAttribute('aria-busy');
    };
    this.api('GET', path).then(function (r) {
      if (search.token !== token) { return null; }
      if (!r.ok) {
        return r.json().catch(function () { return {}; }).then(function (problem) {
          if (search.token !== token) { return; }
          finish();
          var detail = problem.errors ? problem.errors.map(function (e) { return e.message; }).join(' ') : (problem.detail || problem.title || '');
          el.searchPanel.classList.add('jc-search-failed');
          el.searchStatus.textContent = self.t.tSearchFailed + (detail ? ' ' + detail : '');
        });
      }
      return r.json().then(function (page) {
        if (search.token !== token) { return; }
        finish();
        page.items.forEach(function (hit) { el.searchResults.appendChild(self.renderHit(hit)); });
        search.count += page.items.length;
        search.next = page.next === undefined ? null : page.next;
        el.searchMore.hidden = search.next === null;
        el.searchStatus.textContent = search.count ? self.text.plural(self.t.tSearchCount, search.count) + (search.next !== null ? '+' : '')
          : self.t.tSearchNone;
        if (!more && window.matchMedia('(max-width: 900px)').matches) { el.searchClose.focus(); }
      });
    }).catch(function () {
      if (search.token !== token) { return; }
      finish();
      el.searchPanel.classList.add('jc-search-failed');
      el.searchStatus.textContent = self.t.tSearchFailed;
    });
  };

  /** A hit: room, author, time, and its text with the matched words marked (built as text, never as HTML). */
  Chat.prototype.renderHit = function (hit) {
    var li = document.createElement('li');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'jc-hit';
    button.dataset.hitRoom = hit.room;
    button.dataset.hitSeq = hit.seq;
    var meta = document.createElement('span');
    meta.className = 'jc-hit-meta';
    var known = this.rooms.get(hit.room);
    var roomName = document.createElement('span');
    roomName.className = 'jc-hit-room';
    if (known) { this.showRoomTitle(roomName, known.info); } else { roomName.textContent = '# ' + hit.roomName; }
    var author = document.createElement('span');
    author.className = 'jc-hit-author';
    author.textContent = this.names.get(hit.author) || hit.authorName;
    var time = document.createElement('time');
    time.dateTime = hit.sentAt;
    time.textContent = this.text.shortDateTime(new Date(hit.sentAt));
    time.title = this.text.dateTime(new Date(hit.sentAt));
    meta.appendChild(roomName);
    meta.appendChild(document.createTextNode(' · '));
    meta.appendChild(author);
    meta.appendChild(document.createTextNode(' · '));
    meta.appendChild(time);
    var text = document.createElement('span');
    text.className = 'jc-hit-text';
    markRanges(text, hit.text || '', hit.highlights || []);
    button.appendChild(meta);
    button.appendChild(text);
    li.appendChild(button);
    return li;
  };

  Chat.prototype.openHit = function (room, seq) {
    if (window.matchMedia('(max-width: 900px)').matches) { this.closeSearch(true); }
    this.jumpTo(room, seq);
  };

  /** Closes the results; focus goes back to the box, unless a hit was chosen (then it goes to the message). */
  Chat.prototype.closeSearch = function (chosen) {
    var wasOpen = !this.el.searchPanel.hidden;
    this.search.token = null;
    this.el.searchPanel.hidden = true;
    this.el.searchProgress.hidden = true;
    if (wasOpen && !chosen) { this.el.searchInput.focus(); }
  };

  // ---- files ----

  Chat.prototype.queueFiles = function (files) {
    var self = this;
    if (this.current === null) { return; }
    Array.prototype.forEach.call(files, function (file) { self.uploads.push({file: file, room: self.current}); });
    this.el.attachInput.value = '';
    this.showComposerError('');
    this.nextUpload();
  };

  /** Uploads the next file as the raw body (XMLHttpRequest, for its progress), then offers it for the next message. */
  Chat.prototype.nextUpload = function () {
    var self = this;
    if (this.uploading || !this.uploads.length) { this.renderComposerContext(); return; }
    var job = this.uploads.shift();
    var xhr = new XMLHttpRequest();
    var up = this.uploading = {xhr: xhr, job: job, fraction: 0};
    xhr.open('POST', this.context + '/api/v1/rooms/' + job.room + '/attachments?name=' + encodeURIComponent(job.file.name));
    xhr.setRequestHeader('Content-Type', job.file.type || 'application/octet-stream');
    xhr.setRequestHeader('Accept-Language', this.lang);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable && self.uploading === up) { up.fraction = e.loaded / e.total; self.renderComposerContext(); }
    });
    var done = function () {
      if (self.uploading === up) { self.uploading = null; }
      self.nextUpload();
    };
    xhr.addEventListener('load', function () {
      if (xhr.status === 201) {
        var attachment;
        try { attachment = JSON.parse(xhr.responseText); } catch (e) { attachment = null; }
        if (attachment) {
          var list = self.attached.get(job.room) || [];
          list.push(attachment);
          self.attached.set(job.room, list);
        }
      } else {
        self.showComposerError(job.file.name + ': ' + problemText(xhr, self.t.tUploadFailed));
      }
      done();
    });
    xhr.addEventListener('error', function () { self.showComposerError(job.file.name + ': ' + self.t.tUploadFailed); done(); });
    xhr.addEventListener('abort', done);
    xhr.send(job.file);
    this.renderComposerContext();
  };

  Chat.prototype.cancelUploads = function () {
    this.uploads = [];
    var up = this.uploading;
    this.uploading = null;
    if (up) { up.xhr.abort(); }
    this.renderComposerContext();
  };

  Chat.prototype.detach = function (id) {
    var list = (this.attached.get(this.current) || []).filter(function (a) { return a.id !== id; });
    if (list.length) { this.attached.set(this.current, list); } else { this.attached.delete(this.current); }
    this.renderComposerContext();
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
      self.showRoomTitle(label, room.info);
      button.appendChild(label);
      if (room.unread > 0 && id !== self.current) {
        var badge = document.createElement('span');
        badge.className = 'jc-unread';
        badge.textContent = room.unread > 99 ? '99+' : String(room.unread);
        badge.title = self.text.plural(self.t.tUnread, room.unread);
        badge.setAttribute('aria-label', badge.title);
        button.appendChild(badge);
      }
      if (room.mentions > 0 && id !== self.current) {
        var mentions = document.createElement('span');
        mentions.className = 'jc-mention-badge';
        mentions.textContent = '@' + (room.mentions > 99 ? '99+' : String(room.mentions));
        mentions.title = self.text.plural(self.t.tMentions, room.mentions);
        mentions.setAttribute('aria-label', mentions.title);
        button.appendChild(mentions);
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
    return (info.kind === 'private' ? '' : '# ') + info.name;
  };

  /** The room's title in an element: a private room's name follows a lock. */
  Chat.prototype.showRoomTitle = function (element, info) {
    element.textContent = this.roomTitle(info);
    if (info.kind === 'private') {
      element.insertBefore(document.createTextNode(' '), element.firstChild);
      element.insertBefore(this.icon('lock'), element.firstChild);
    }
  };

  /** A message's first line in an element; for a message of files only, the attachment icon and the word for them. */
  Chat.prototype.showExcerpt = function (element, text) {
    element.textContent = firstLine(text) || this.t.tAttachments;
    if (!firstLine(text)) { element.insertBefore(this.icon('attach'), element.firstChild); }
  };

  /** One of the page's drawn icons (resources/icons.svg), hidden from screen readers: the text beside it says it. */
  Chat.prototype.icon = function (name) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', 'jc-icon');
    svg.setAttribute('aria-hidden', 'true');
    var use = document.createElementNS(ns, 'use');
    use.setAttribute('href', this.icons + '#' + name);
    svg.appendChild(use);
    return svg;
  };

  Chat.prototype.renderHeader = function () {
    var info = this.rooms.get(this.current).info;
    this.showRoomTitle(this.el.roomName, info);
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
    this.renderComposerState();
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
      self.rooms.get(id).members = detail.members;   // for @ suggestions
      self.rooms.get(id).membersAt = Date.now();
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
    if (frame.event === 'deleted' || (frame.event === 'left' || frame.event === 'removed' || frame.event === 'banned') && frame.login === this.me) {
      this.rooms.delete(id);
      if (this.current === id) {
        this.current = null;
        var first = this.rooms.keys().next();
        if (!first.done) { this.show(first.value); }
      }
      this.renderRooms();
      return;
    }
    var room = this.upsertRoom(frame.room);
    var membership = frame.event === 'joined' || frame.event === 'added' || frame.event === 'left' || frame.event === 'removed' || frame.event === 'banned';
    if (membership) { delete room.members; }   // the @ suggestions' list is loaded again when next needed
    if (frame.event === 'unmuted' && frame.login === this.me) { delete room.info.mutedUntil; }
    this.renderRooms();
    if (id === this.current) {
      this.renderHeader();
      if (frame.event !== 'updated' || !this.el.membersPanel.hidden) { this.loadMembers(); }
      if (membership) { this.loadOnline(true); }
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
    this.shortDateTimes = new Intl.DateTimeFormat(lang, {day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit'});
    this.shortDateTimesOfOtherYears = new Intl.DateTimeFormat(lang, {day: 'numeric', month: 'short', year: 'numeric'});
    this.relative = new Intl.RelativeTimeFormat(lang, {numeric: 'auto'});
  }

  Texts.prototype.number = function (n) { return this.numbers.format(n); };
  Texts.prototype.time = function (d) { return this.times.format(d); };
  Texts.prototype.date = function (d) { return this.dates.format(d); };
  Texts.prototype.dateTime = function (d) { return this.dateTimes.format(d); };
  /** Short enough for a line beside a room and a name on a phone: the day and time, or the date in another year. */
  Texts.prototype.shortDateTime = function (d) {
    return (d.getFullYear() === new Date().getFullYear() ? this.shortDateTimes : this.shortDateTimesOfOtherYears).format(d);
  };

  /** A file size as people read it: "830 B", "12.4 kB", "3.1 MB". */
  Texts.prototype.size = function (bytes) {
    var units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];
    var i = 0;
    var n = bytes;
    while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
    try {
      // Bytes narrow ("830B" reads oddly short in English: a space is kept), the rest short ("12.4 kB").
      return new Intl.NumberFormat(this.lang, {style: 'unit', unit: units[i], unitDisplay: i ? 'short' : 'narrow', maximumFractionDigits: i ? 1 : 0})
        .format(n).replace(/(\d)([^\d\s.,])/, '$1 $2');
    } catch (e) {
      return this.number(Math.round(n * 10) / 10) + ' ' + ['B', 'kB', 'MB', 'GB'][i];
    }
  };

  Texts.prototype.percent = function (fraction) {
    return new Intl.NumberFormat(this.lang, {style: 'percent', maximumFractionDigits: 0}).format(fraction);
  };

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

  /** Appends text to a node with the ranges [[start, end]…] (UTF-16 offsets) in <mark>; long text shows around the first. */
  function markRanges(node, text, ranges) {
    var sorted = ranges.filter(function (r) { return r[1] > r[0]; }).sort(function (a, b) { return a[0] - b[0]; });
    var from = 0;
    var to = text.length;
    if (text.length > 280) {
      from = sorted.length ? Math.max(0, sorted[0][0] - 60) : 0;
      to = Math.min(text.length, from + 280);
    }
    if (from > 0) { node.appendChild(document.createTextNode('…')); }
    var at = from;
    sorted.forEach(function (r) {
      var start = Math.max(r[0], at);
      var end = Math.min(r[1], to);
      if (start >= end) { return; }
      node.appendChild(document.createTextNode(text.slice(at, start)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(start, end);
      node.appendChild(mark);
      at = end;
    });
    node.appendChild(document.createTextNode(text.slice(at, to)));
    if (to < text.length) { node.appendChild(document.createTextNode('…')); }
  }

  /** A problem+json answer as one line: its title and detail or field errors. */
  function problemText(xhr, fallback) {
    try {
      var problem = JSON.parse(xhr.responseText);
      var detail = problem.errors ? problem.errors.map(function (e) { return e.message; }).join(' ') : (problem.detail || '');
      return [problem.title, detail].filter(Boolean).join(' ') || fallback;
    } catch (e) {
      return fallback + ' (' + xhr.status + ')';
    }
  }

  /** Whether message a is a later state than b (edits, deletions and reactions raise the version). */
  function newer(a, b) { return (a.version || 0) > (b.version || 0); }

  /** The first line of a text, shortened for a quote or a preview. */
  function firstLine(text) {
    var line = String(text || '').split('\n')[0].trim();
    return line.length > 120 ? line.slice(0, 119) + '…' : line;
  }

  /** Puts the arguments in for {0}, {1}, … (in one pass: a name that contains "{1}" stays as it is). */
  function format(pattern) {
    var args = arguments;
    return String(pattern).replace(/\{(\d)\}/g, function (whole, i) { return args[Number(i) + 1] !== undefined ? args[Number(i) + 1] : whole; });
  }

  function cssString(value) { return String(value).replace(/["\\]/g, '\\$&'); }

  function newClientId() { return 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 10); }

  function camel(id) { return id.replace(/-([a-z])/g, function (x, c) { return c.toUpperCase(); }); }

  function loadPending() {
    try { return JSON.parse(sessionStorage.getItem(PENDING_KEY)) || {}; } catch (e) { return {}; }
  }

  function savePending(pending) {
    try { sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending)); } catch (e) { /* storage full or off */ }
  }
}());
