/*
 * JointChat's chat page (app/home.xhtml) over /ws (docs/protocol.md) and the REST API (docs/api.md), as native ES
 * modules (docs/page-modules.md). This file only wires: it creates the store, the outbox, presence, the socket and
 * the receiver, mixes the views into one page object, and connects the page's controls to the views' methods.
 *
 * A frame's one path: net/socket.js parses it -> protocol/receive.js changes state/store.js, state/outbox.js and
 * state/presence.js -> it calls the page's view callbacks (views/live.js), which render from the store.
 *
 * Test hook, window.jointChat (browser tests only read and poke through it; users never need it):
 *   store, outbox, presence   the page's state (read it; e.g. store.rooms.get(store.current).messages)
 *   rooms, current            shortcuts for store.rooms and store.current
 *   send(frame)               sends a raw frame on the open socket; false when not connected
 *   sendMessage(room, text, clientId)  sends a message as the composer would (pending bubble, outbox, resend)
 *   dropConnection(hold)      closes the socket as a network failure would; hold: the reconnect waits
 *   reconnectHeld()           whether a held reconnect is waiting;  releaseReconnect()  lets it go
 *   page                      the page object (views' methods, e.g. page.suggestMentions()) for diagnostics
 */
import {ONLINE_REFRESH_MS, TOP_LOAD_PX} from './limits.js';
import {Texts, readTexts} from './i18n/texts.js';
import {Store} from './state/store.js';
import {Outbox} from './state/outbox.js';
import {Presence} from './state/presence.js';
import {createReceiver} from './protocol/receive.js';
import {Socket} from './net/socket.js';
import {createApi} from './net/api.js';
import {elements} from './ui/dom.js';
import {live} from './views/live.js';
import {messageItem} from './views/messageItem.js';
import {messageList} from './views/messageList.js';
import {outgoing} from './views/outgoing.js';
import {composer} from './views/composer.js';
import {suggestions} from './views/suggestions.js';
import {messageMenu} from './views/messageMenu.js';
import {moderation} from './views/moderation.js';
import {editing} from './views/editing.js';
import {notifications} from './views/notifications.js';
import {search} from './views/search.js';
import {uploads} from './views/uploads.js';
import {rooms} from './views/rooms.js';
import {drawers} from './views/drawers.js';
import {members} from './views/members.js';
import {people} from './views/people.js';

function ChatPage(root) {
  var self = this;
  this.context = root.dataset.context || '';
  this.icons = root.dataset.icons;
  this.me = root.dataset.me;
  this.lang = document.documentElement.lang || 'en';
  this.text = new Texts(this.lang, readTexts(document, 'chat-texts'));
  this.api = createApi(this.context, this.lang);
  this.store = new Store(this.me);
  this.outbox = new Outbox(window.sessionStorage);
  this.presence = new Presence();
  var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + this.context + '/ws';
  this.socket = new Socket(url, {
    connecting: function () { self.showBanner(self.text.t('chat.connecting')); },
    frame: function (frame) { self.receiver.receive(frame); },
    closed: function (how) {
      self.showBanner(self.text.t('chat.offline'));
      if (!how.opened) { self.checkSignedIn(); }
    }
  });
  this.receiver = createReceiver({store: this.store, outbox: this.outbox, presence: this.presence, view: this,
    send: function (frame) { return self.socket.send(frame); }});
  this.store.on('rooms', function () { self.renderRooms(); });
  this.newBelow = 0;             // messages that arrived while the reader was scrolled up
  this.typingTimers = new Map();
  this.typingNames = new Map();
  this.baseTitle = document.title;
  this.hiddenCount = 0;          // direct messages and mentions that arrived while the tab was hidden
  this.editing = null;           // {room, seq, draft, saving, clientId, error}: the message edited in place
  this.replyTo = null;           // {room, seq}: the message the composer answers
  this.uploads = [];             // files waiting to be uploaded, one at a time
  this.uploading = null;         // {xhr, job, fraction}
  this.attached = new Map();     // room id -> [attachment]: uploaded, to go with the next message
  this.membersLoading = new Set();   // rooms whose members are being loaded for @ suggestions
  this.highlighted = null;       // {seq, until}: a message jumped to
  this.search = {q: '', room: null, next: null, token: null, count: 0};
  this.el = elements(document);
}

Object.assign(ChatPage.prototype, live, messageItem, messageList, outgoing, composer, suggestions, messageMenu, moderation,
  editing, notifications, search, uploads, rooms, drawers, members, people);

/** Connects the page's controls to the views, then the socket. */
ChatPage.prototype.start = function () {
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
        if (self.store.current !== null && self.isAtEnd()) { self.markRead(); }
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
    setInterval(function () { if (!document.hidden && self.presence.panel.next) { self.loadOnline(true); } }, ONLINE_REFRESH_MS);
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
    this.socket.connect();
};

/** The documented test hook (see the comment at the top). */
function testHook(page) {
  return {
    page: page,
    store: page.store,
    outbox: page.outbox,
    presence: page.presence,
    get rooms() { return page.store.rooms; },
    get current() { return page.store.current; },
    send: function (frame) { return page.send(frame); },
    sendMessage: function (room, text, clientId) { page.sendMessage(clientId, {room: room, text: text}); },
    dropConnection: function (hold) { page.socket.drop(hold); },
    reconnectHeld: function () { return page.socket.holding(); },
    releaseReconnect: function () { page.socket.release(); }
  };
}

// A module runs once the document is parsed.
var root = document.getElementById('chat');
if (root) {
  var page = new ChatPage(root);
  window.jointChat = testHook(page);
  page.start();
}
