import {inMainList} from '../state/threads.js';

/**
 * The one place where frames from /ws (docs/protocol.md) become state changes: it updates the store, the outbox
 * and presence, then tells the view what to show. The view is an object of callbacks (views/live.js in the browser, a
 * recorder in the unit tests); every callback is optional. Guarantees the reader can trust: a message stays
 * "sending" until its ack; on reconnect every loaded room syncs from the last seq held without a gap (and the
 * highest version complete), and unacked messages are resent with the same clientId: nothing lost, nothing twice.
 *
 * deps: {store, outbox, presence, send(frame) -> boolean, view, later(fn, ms) (setTimeout by default),
 * threads (state/threads.js Threads; optional), receipts (state/receipts.js, optional)}
 */
export function createReceiver(deps) {
  var store = deps.store;
  var outbox = deps.outbox;
  var presence = deps.presence;
  var threads = deps.threads || null;
  var send = deps.send;
  var later = deps.later || function (fn, ms) { return setTimeout(fn, ms); };
  var view = deps.view || {};
  var tell = function (name) {
    var args = Array.prototype.slice.call(arguments, 1);
    return typeof view[name] === 'function' ? view[name].apply(view, args) : undefined;
  };

  /** Asks for what a loaded room missed; the room is syncing until its synced frame (or an error) comes. */
  function sync(id) {
    var frame = store.syncFrame(id);
    if (frame && send(frame)) { store.rooms.get(id).syncing = true; }
  }

  var handlers = {
    /** Drafts (issue 22, item 6): the reader's draft changed in another tab or on another device. */
    draft: function (frame) { tell('draftChanged', frame); },

    hello: function (frame) {
      outbox.actions = {};   // answers to frames of the old socket will not come
      tell('connected', frame);
      store.onlineTotal = frame.onlineCount;
      store.admin = !!(frame.user && frame.user.admin);
      presence.watched = '';   // a new socket watches nobody yet
      var known = new Set();
      frame.rooms.forEach(function (info) { known.add(info.id); store.upsertRoom(info); });
      store.keepOnly(known);
      if (threads) { threads.fromHello(frame.rooms); tell('threadsGreeted'); }   // issue 22, item 1: followed threads' news
      store.emit('rooms');
      var wanted = store.current !== null && store.rooms.has(store.current) ? store.current : tell('rememberedRoom');
      if (!store.rooms.has(wanted)) {
        wanted = frame.rooms.length ? frame.rooms[0].id : null;
      }
      // Rooms already loaded catch up with sync; the shown room loads (or syncs) when shown, others when opened.
      store.rooms.forEach(function (room, id) {
        room.syncing = false;   // a sync asked for on the old socket ends with it
        if (room.loaded && id !== wanted) { sync(id); }
      });
      if (wanted !== null) { tell('show', wanted); }
      tell('updateWatch');
      outbox.resendAll(send);
    },

    message: function (m) {
      var room = store.rooms.get(m.room);
      if (!room) { return; }
      // A system line ("Alice added Bob") is part of the history but nobody's unread message or notification.
      var others = store.fresh(room, m) && m.author !== store.me && m.kind !== 'system';
      // Threads (issue 22, item 1): a reply goes to its open thread; a thread-only reply stays out of the room's main
      // list and its unread counts (its thread counts it: `thread` frames), but a mention in it still notifies.
      if (m.thread) { tell('threadReply', m); }
      var mainList = inMainList(m);
      if (!room.loaded && m.room !== store.current) {
        if (others && mainList) { store.countUnread(room, m); }
        if (others) { tell('notify', m, room); }
        return;
      }
      store.noteVersion(room, m.version);
      var stored = store.keep(m);
      if (stored === 'changed') {
        outbox.forget(m.clientId);
        if (m.room === store.current) { tell('refresh', room.messages.get(m.seq)); }
        return;
      }
      if (!stored) { return; }
      m = room.messages.get(m.seq);
      outbox.forget(m.clientId);
      tell('stoppedTyping', m.room, m.author);
      if (!mainList) {
        if (others) { tell('notify', m, room); }
        return;
      }
      if (m.room === store.current) {
        // The view shows it; it is read at once when the reader sees the end of the room in a focused tab.
        if (tell('showNew', m)) {
          tell('markRead');
        } else if (others) {
          store.countUnread(room, m);
        }
      } else if (others && m.seq > (room.info.lastReadSeq || 0)) {
        store.countUnread(room, m);
      }
      if (others) { tell('notify', m, room); }
    },

    changed: function (m) {
      outbox.answered(m.room, m.seq);
      tell('threadChanged', m);   // a reply of the open thread, or its root (issue 22, item 1)
      tell('pinsChanged', m);   // pins (issue 22, item 2): also of messages the page does not hold
      var change = store.change(m);
      if (!change) { return; }
      if (change.result === 'kept') {
        tell('refreshReplies', store.rooms.get(m.room), m.seq);
      } else {
        tell('messageChanged', m, change.held);
      }
    },

    synced: function (frame) { store.synced(frame.room, frame.lastVersion); },

    ack: function (ack) {
      outbox.forget(ack.clientId);
      tell('acked', ack.clientId);
    },

    error: function (error) {
      var action = outbox.refused(error.clientId);
      if (action) {
        if (store.learnStanding(error, action.room) && action.room === store.current) { tell('renderComposerState'); }
        tell('actionFailed', error, action);
        return;
      }
      var room = error.room && store.rooms.get(error.room);
      if (!error.clientId && room && room.syncing) {
        // A sync that failed (e.g. the database blinked): not waiting for it any more; asked again a little later.
        room.syncing = false;
        later(function () { if (store.rooms.has(error.room)) { sync(error.room); } }, 3000 + Math.random() * 2000);
        return;
      }
      if (!error.clientId || !outbox.has(error.clientId)) { return; }
      var clientId = error.clientId;
      if (error.code === 'RATE_LIMITED' || error.code === 'UNAVAILABLE') {
        // Not stored: try again a little later with the same clientId.
        later(function () { var frame = outbox.frameFor(clientId); if (frame) { send(frame); } }, 3000);
        return;
      }
      var roomId = outbox.pending[clientId].room;
      if (store.learnStanding(error, roomId) && roomId === store.current) { tell('renderComposerState'); }
      outbox.forget(clientId);
      tell('sendFailed', clientId, error);
    },

    room: function (frame) {
      var id = frame.room.id;
      var me = store.me;
      if (frame.event === 'deleted' || (frame.event === 'left' || frame.event === 'removed' || frame.event === 'banned') && frame.login === me) {
        store.rooms.delete(id);
        if (store.current === id) {
          store.current = null;
          var first = store.rooms.keys().next();
          if (!first.done) { tell('show', first.value); }
        }
        store.emit('rooms');
        return;
      }
      var room = store.upsertRoom(frame.room);
      var membership = ['joined', 'added', 'left', 'removed', 'banned'].indexOf(frame.event) >= 0;
      if (membership) { delete room.members; }   // the @ suggestions' list is loaded again when next needed
      if (frame.event === 'unmuted' && frame.login === me) { delete room.info.mutedUntil; }
      store.emit('rooms');
      if (id === store.current) { tell('currentRoomChanged', frame, membership); }
    },

    /** Threads (issue 22, item 1): one of the reader's threads has news (replies, unread, following). */
    thread: function (frame) {
      if (threads) { threads.apply(frame); }
      store.emit('rooms');
      tell('threadActivity', frame);
    },

    read: function (frame) { store.readElsewhere(frame.room, frame.seq); },

    presence: function (frame) {
      var listChanged = presence.apply(frame, store.names);
      tell('presenceChanged', listChanged);
    },

    online: function (frame) {
      var next = presence.countChanged(frame, store.current);
      if (next) { tell('onlineCountChanged', next); }
    },

    typing: function (frame) {
      if (frame.room === store.current && frame.login !== store.me) { tell('typing', frame); }
    },

    /** Scheduled messages (issue 22, item 7): one of the reader's changed; views/scheduling.js listens. */
    scheduled: function (frame) { store.emit('scheduled', frame); },

    // Read receipts (issue 22, item 3): a member read on; state/receipts.js keeps it, views/receipts.js shows it.
    seen: function (frame) {
      if (deps.receipts && deps.receipts.noteSeen(frame)) { tell('seen', frame); }
    },

    profile: function (frame) {
      var u = frame.user;
      store.names.set(u.login, u.displayName);
      tell('profileChanged', u, presence.rename(u.login, u.displayName));
    }
  };

  return {
    sync: sync,
    receive: function (frame) {
      var handler = Object.prototype.hasOwnProperty.call(handlers, frame.type) ? handlers[frame.type] : null;
      if (handler) { handler(frame); }
    }
  };
}
