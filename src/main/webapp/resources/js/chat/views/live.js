/**
 * What the page shows when frames change what it knows: protocol/receive.js changes the store, then calls these
 * callbacks (the receiver's view), each of which hands on to the views that own what changed. Also the
 * connection banner and the check that the reader is still signed in.
 */

/** deps: {el, api, context}. Returns {show(text), hide(), checkSignedIn()}. */
export function createConnectionBanner(deps) {
  var banner = deps.el.banner;
  return {
    show: function (line) {
      banner.textContent = line;
      banner.hidden = false;
    },
    hide: function () { banner.hidden = true; },
    /** A refused handshake may mean the session ended: then sign in again (unsent messages wait in sessionStorage). */
    checkSignedIn: function () {
      deps.api('GET', '/api/v1/users/me').then(function (response) {
        if (response.status === 401) {
          location.href = deps.context + '/login.xhtml?next=' + encodeURIComponent(location.pathname.substring(deps.context.length));
        }
      }).catch(function () { /* server down: keep retrying */ });
    }
  };
}

/**
 * The receiver's view, built from the views' interfaces.
 * v: {el, store, labels, greeted() (the socket's), banner, editing, list, composer, outgoing, people, rooms, members, notifications,
 * pins, drafts (optional)}.
 */
export function createLiveView(v) {
  var store = v.store;
  return {
    /** hello: a new socket; an edit being saved on the old one is not any more. */
    connected: function () {
      if (v.drafts) { v.drafts.load(); }   // drafts (issue 22, item 6): what changed while offline
      v.editing.connected();
      if (v.pins) { v.pins.connected(); }   // pins, issue 22
      if (v.receipts) { v.receipts.connected(); }   // read receipts (issue 22, item 3): asked again
      v.greeted();
      v.banner.hide();
    },
    rememberedRoom: v.rooms.remembered,
    show: v.rooms.show,
    updateWatch: v.people.updateWatch,
    notify: v.notifications.notify,
    refresh: v.list.refresh,
    refreshReplies: v.list.refreshReplies,
    showNew: v.list.showNew,
    markRead: v.list.markRead,
    stoppedTyping: v.people.stoppedTyping,
    typing: v.people.typing,
    acked: v.outgoing.acked,
    sendFailed: v.outgoing.sendFailed,
    renderComposerState: v.composer.renderState,
    pinsChanged: function (m) { if (v.pins) { v.pins.changed(m); } },   // pins, issue 22
    draftChanged: function (frame) { if (v.drafts) { v.drafts.received(frame); } },
    seen: function (frame) { if (v.receipts) { v.receipts.seen(frame); } },   // read receipts (issue 22, item 3)

    /** A held message changed (edited, deleted, reacted to): the edit box closes when it was this edit, the view follows. */
    messageChanged: function (m, held) {
      v.editing.changed(m, held);
      if (m.room === store.current) { v.list.refresh(m); }
      v.composer.messageChanged(m);
    },

    /** An edit, deletion or reaction was refused (receive.js has forgotten it and learnt the standing it tells of). */
    actionFailed: function (error, action) {
      var why = v.labels.errorText(error);
      if (action.kind === 'edit' && v.editing.failed(error, why)) { return; }
      v.composer.showError(why);
    },

    currentRoomChanged: function (frame, membership) {
      v.rooms.renderHeader();
      if (frame.event !== 'updated' || !v.el.membersPanel.hidden) { v.members.load(); }
      if (membership) { v.people.loadOnline(true); }
    },

    presenceChanged: function (listChanged) {
      if (listChanged) { v.people.renderOnline(); }
      v.rooms.render();
      v.people.renderProfilePresence();
      v.people.renderMemberDots();
    },

    onlineCountChanged: function (next) {
      if (next === 'reload') { v.people.loadOnline(true); } else { v.people.renderOnline(); }
    },

    profileChanged: function (user, inOnlineList) {
      if (inOnlineList) { v.people.renderOnline(); }
      v.rooms.render();
      if (store.current !== null) { v.list.render(true); v.rooms.renderHeader(); }
    }
  };
}
