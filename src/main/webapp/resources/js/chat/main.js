/*
 * JointChat's chat page (app/home.xhtml) over /ws (docs/protocol.md) and the REST API (docs/api.md), as native ES
 * modules (docs/architecture.md, "The chat page"). This file only wires: it creates the store, the outbox, presence and the socket,
 * then the views in dependency order (each a factory that takes what it needs, keeps its own state, wires its own
 * listeners and returns a small interface), then the receiver with the views' callbacks (views/live.js).
 *
 * A frame's one path: net/socket.js parses it -> protocol/receive.js changes state/store.js, state/outbox.js and
 * state/presence.js -> it calls the receiver's view (views/live.js), which hands on to the views that own what
 * changed; the store's `rooms` event redraws the room list.
 *
 * Test hook, window.jointChat (browser tests only read and poke through it; users never need it):
 *   store, outbox, presence, statuses   the page's state (read it; e.g. store.rooms.get(store.current).messages)
 *   rooms, current            shortcuts for store.rooms and store.current
 *   send(frame)               sends a raw frame on the open socket; false when not connected
 *   sendMessage(room, text, clientId)  sends a message as the composer would (pending bubble, outbox, resend)
 *   dropConnection(hold)      closes the socket as a network failure would; hold: the reconnect waits
 *   reconnectHeld()           whether a held reconnect is waiting;  releaseReconnect()  lets it go
 *   page                      the views' interfaces by name (e.g. page.suggestions.suggest()) for diagnostics
 *   threads                   followed threads and their unread replies (state/threads.js; issue 22, item 1)
 */
import {Texts, readTexts} from './i18n/texts.js';
import {Store} from './state/store.js';
import {Outbox} from './state/outbox.js';
import {Presence} from './state/presence.js';
import {createReceiver} from './protocol/receive.js';
import {Socket} from './net/socket.js';
import {createApi} from './net/api.js';
import {elements} from './ui/dom.js';
import {createLabels} from './ui/labels.js';
import {createConnectionBanner, createLiveView} from './views/live.js';
import {createNotifications} from './views/notifications.js';
import {createDrawers} from './views/drawers.js';
import {createPeople} from './views/people.js';
import {createMembers} from './views/members.js';
import {createSuggestions} from './views/suggestions.js';
import {createEditing} from './views/editing.js';
import {createMessageItem} from './views/messageItem.js';
import {createOutgoing} from './views/outgoing.js';
import {createUploads} from './views/uploads.js';
import {createComposer} from './views/composer.js';
import {createMessageList} from './views/messageList.js';
import {createModeration} from './views/moderation.js';
import {createMessageMenu} from './views/messageMenu.js';
import {createSearch} from './views/search.js';
import {createRooms} from './views/rooms.js';
import {createDeleteUndo} from './views/deleteUndo.js';
import {createImageViewer} from './views/imageViewer.js';
import {createConfirmDialog} from './ui/confirmDialog.js';
import {createAddPeople} from './views/addPeople.js';
// Threads (issue 22, item 1)
import {Threads} from './state/threads.js';
import {createThreadLine} from './views/threadLine.js';
import {createThreadPanel} from './views/threadPanel.js';
import {createThreadsView} from './views/threadsView.js';
import {createPins} from './views/pins.js';   // issue 22, item 2
import {createScheduling} from './views/scheduling.js';
import {createDrafts} from './views/drafts.js';
import {createForward} from './views/forward.js';
import {Receipts} from './state/receipts.js';   // read receipts (issue 22, item 3)
import {createReceipts} from './views/receipts.js';
// Status and do-not-disturb (issue 22, item 4)
import {Statuses} from './state/statuses.js';
import {createStatus} from './views/status.js';

/** Builds the page on its root element; returns the test hook and what connects the socket. */
function startChat(root) {
  var context = root.dataset.context || '';
  var me = root.dataset.me;
  var lang = document.documentElement.lang || 'en';
  var text = new Texts(lang, readTexts(document, 'chat-texts'));
  var api = createApi(context, lang);
  var store = new Store(me);
  if (root.dataset.meName) { store.names.set(me, root.dataset.meName); }   // "@me" in a message reads as the reader's name
  var outbox = new Outbox(window.sessionStorage);
  var presence = new Presence();
  var threads = new Threads();
  var statuses = new Statuses(me);   // status and do-not-disturb (issue 22, item 4)
  var status = null;
  var el = elements(document);
  var receiver = null;
  var banner = createConnectionBanner({el: el, api: api, context: context});
  var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + context + '/ws';
  var socket = new Socket(url, {
    connecting: function () { banner.show(text.t('chat.connecting')); },
    frame: function (frame) { receiver.receive(frame); status.receive(frame); },
    closed: function (how) {
      banner.show(text.t('chat.offline'));
      if (!how.opened) { banner.checkSignedIn(); }
    }
  });
  var send = function (frame) { return socket.send(frame); };
  var labels = createLabels({store: store, text: text, me: me, icons: root.dataset.icons});

  // The views, leaves first; each gets what it uses and no more. A view created before one it calls gets a
  // function that reaches it once it exists (rooms, the message list and the composer call each other: showing
  // a room, jumping to a message, the error line above the input; and act, sending an edit, delete or reaction).
  var rooms, list, composer, outgoing;
  var show = function (id) { rooms.show(id); };
  var jumpTo = function (id, seq) { list.jumpTo(id, seq); };
  var showError = function (line) { composer.showError(line); };
  var act = function (frame, kind) { return outgoing.act(frame, kind); };

  var confirmDialog = createConfirmDialog({text: text, root: root});
  var deleteUndo = null;
  var viewer = createImageViewer({text: text, root: root});
  var notifications = createNotifications({el: el, store: store, text: text, labels: labels, jumpTo: jumpTo,
    held: function () { return status.held(); }});
  var drawers = createDrawers({el: el});
  var people = createPeople({el: el, store: store, presence: presence, text: text, api: api, me: me, context: context, send: send,
    drawers: drawers, openDirect: function (login) { rooms.openDirect(login); },
    statuses: statuses, statusBadge: function (login, withDnd) { return status.badge(login, withDnd); },
    profileShown: function (p) { status.profileShown(p); }});
  status = createStatus({el: el, statuses: statuses, text: text, api: api, me: me, root: root, repaintDots: people.repaintDots});
  var members = createMembers({el: el, store: store, text: text, api: api, me: me, people: people, drawers: drawers,
    renderHeader: function () { rooms.renderHeader(); }, confirm: confirmDialog});
  var addPeople = createAddPeople({el: el, store: store, text: text, api: api, me: me, reloadMembers: function () { members.load(); }});
  var suggestions = createSuggestions({el: el, store: store, text: text, api: api, me: me});
  var editing = createEditing({el: el, store: store, text: text, me: me, act: act, refresh: function (m) { list.refresh(m); }});
  var item = createMessageItem({store: store, text: text, me: me, context: context, labels: labels, editing: editing,
    deletePending: function (m) { return deleteUndo !== null && deleteUndo.isPending(m); }, viewImage: viewer.open,
    threadLine: createThreadLine({store: store, text: text})});
  outgoing = createOutgoing({el: el, store: store, outbox: outbox, text: text, me: me, send: send, labels: labels,
    renderItem: item.render, showError: showError});
  var uploads = createUploads({el: el, store: store, text: text, labels: labels, context: context, lang: lang, showError: showError,
    changed: function () { composer.renderContext(); }});
  // Drafts and forwarding (issue 22, items 6 and 5).
  var drafts = createDrafts({api: api, context: context, lang: lang, changed: function () { if (rooms) { rooms.render(); } }});
  var forward = createForward({store: store, text: text, api: api, labels: labels, context: context, root: root, show: show});
  composer = createComposer({el: el, store: store, text: text, labels: labels, send: send, uploads: uploads, suggestions: suggestions,
    startEdit: editing.start, sendMessage: outgoing.sendMessage, scrollToEnd: function () { list.scrollToEnd(); }, drafts: drafts});
  list = createMessageList({el: el, store: store, outbox: outbox, text: text, api: api, item: item, showPending: outgoing.showPending,
    showError: showError, show: show, openThread: function (room, rootSeq) { threadPanel.open(room, rootSeq); }});
  deleteUndo = createDeleteUndo({el: el, store: store, text: text, act: act, refresh: function (m) { list.refresh(m); }, root: root});
  var receipts = new Receipts(me);   // read receipts (issue 22, item 3): written by receive.js, shown by views/receipts.js
  var seenBy = createReceipts({el: el, store: store, receipts: receipts, text: text, api: api, root: root});
  var moderation = createModeration({el: el, store: store, text: text, api: api, labels: labels, act: act});
  // Threads (issue 22, item 1): the panel and the Threads view share the right-hand column (a full-screen view on a phone).
  var threadsView;
  var search = createSearch({el: el, store: store, text: text, api: api, labels: labels, jumpTo: jumpTo});
  // Pins (issue 22, item 2). The pins list, search results, a thread and the Threads view share the right-hand column
  // (a full-screen view on a phone): opening one closes the others.
  var pins = createPins({store: store, text: text, api: api, labels: labels, jumpTo: jumpTo,
    closeSearch: function (chosen) { search.close(chosen); threadPanel.close(false); threadsView.close(false); }});
  var threadPanel = createThreadPanel({el: el, store: store, threads: threads, text: text, api: api, me: me, item: item, outbox: outbox,
    send: send, sendMessage: outgoing.sendMessage, show: show, root: root, labels: labels, drafts: drafts,
    closeSearch: function () { search.close(true); pins.close(true); }, backToList: function (opener) { threadsView.backToList(opener); }});
  threadsView = createThreadsView({el: el, store: store, threads: threads, text: text, api: api, labels: labels, drawers: drawers, root: root,
    openThread: threadPanel.open, closeSearch: function () { search.close(true); pins.close(true); }, closeThread: function () { threadPanel.close(false); }});
  el.searchForm.addEventListener('submit', function () { threadPanel.close(false); threadsView.close(false); });
  var menu = createMessageMenu({el: el, store: store, text: text, me: me, act: act, startReply: composer.startReply,
    startEdit: editing.start, jumpTo: jumpTo, openModeration: moderation.open, deleteWithUndo: deleteUndo.start,
    openThread: threadPanel.open, mayPin: pins.mayPin, forward: forward.open, seenBy: seenBy});
  menu.watch(threadPanel.rootList, threadPanel.find);
  menu.watch(threadPanel.list, threadPanel.find);
  rooms = createRooms({el: el, store: store, text: text, api: api, me: me, context: context, labels: labels,
    sync: function (id) { receiver.sync(id); }, people: people, presence: presence, members: members, drawers: drawers, composer: composer,
    editing: editing, menu: menu, suggestions: suggestions, list: list, addPeople: addPeople, threads: threads, threadPanel: threadPanel, pins: pins,
    drafts: drafts});

  // Scheduled messages (issue 22, item 7): the composer's Schedule button, the room's list.
  var scheduling = createScheduling({el: el, store: store, text: text, api: api, labels: labels, uploads: uploads,
    confirm: confirmDialog, root: root});

  var liveView = createLiveView({el: el, store: store, labels: labels, greeted: function () { socket.greeted(); }, banner: banner,
    editing: editing, list: list, composer: composer, outgoing: outgoing, people: people, rooms: rooms, members: members,
    notifications: notifications, pins: pins, drafts: drafts, receipts: seenBy});
  // Threads (issue 22, item 1): replies and changes for the open thread, the followed list after hello.
  Object.assign(liveView, {threadReply: threadPanel.reply, threadChanged: threadPanel.changed, threadActivity: threadPanel.activity,
    threadsGreeted: function () { threadsView.load(false); }});
  receiver = createReceiver({store: store, outbox: outbox, presence: presence, send: send, threads: threads, receipts: receipts,
    view: liveView});

  var page = {notifications: notifications, drawers: drawers, people: people, members: members, suggestions: suggestions,
    editing: editing, messageItem: item, outgoing: outgoing, uploads: uploads, composer: composer, messageList: list,
    moderation: moderation, messageMenu: menu, search: search, rooms: rooms, confirmDialog: confirmDialog, deleteUndo: deleteUndo,
    imageViewer: viewer, addPeople: addPeople, threadPanel: threadPanel, threadsView: threadsView, pins: pins,
    scheduling: scheduling, drafts: drafts, forward: forward,
    receipts: seenBy, status: status};
  return {hook: testHook(page, {store: store, outbox: outbox, presence: presence, socket: socket, send: send, outgoing: outgoing, threads: threads,
    statuses: statuses}),
    connect: function () { socket.connect(); }};
}

/** The documented test hook (see the comment at the top). */
function testHook(page, parts) {
  var store = parts.store;
  return {
    page: page,
    store: store,
    outbox: parts.outbox,
    presence: parts.presence,
    threads: parts.threads,
    statuses: parts.statuses,
    get rooms() { return store.rooms; },
    get current() { return store.current; },
    send: parts.send,
    sendMessage: function (room, text, clientId) { parts.outgoing.sendMessage(clientId, {room: room, text: text}); },
    dropConnection: function (hold) { parts.socket.drop(hold); },
    reconnectHeld: function () { return parts.socket.holding(); },
    releaseReconnect: function () { parts.socket.release(); }
  };
}

// A module runs once the document is parsed.
var root = document.getElementById('chat');
if (root) {
  var chat = startChat(root);
  window.jointChat = chat.hook;
  chat.connect();
}
