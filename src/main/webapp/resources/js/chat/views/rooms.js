/**
 * The room and direct-message lists with their badges, the header, showing a room, creating one, opening a
 * direct conversation. The lists redraw on the store's `rooms` event; showing a room tells the other views.
 */
import {PAGE} from '../limits.js';

/**
 * deps: {el, store, text, api, me, context, labels, sync(room), people, presence, members, drawers, composer, editing, menu,
 * suggestions, list, addPeople, threads (state/threads.js, optional), threadPanel (optional), pins (views/pins.js),
 * drafts (optional)}. Returns {render(), renderHeader(), show(room), openDirect(login), remembered()}.
 */
export function createRooms(deps) {
  var el = deps.el;
  var store = deps.store;
  var text = deps.text;
  var api = deps.api;
  var me = deps.me;

  // A direct message's header (issue 21, item 5): the other person, their presence and a link to their profile,
  // in place of a member count, settings and "Leave", which mean nothing between two people.
  var peerState = document.createElement('span');
  peerState.id = 'dm-presence';
  peerState.className = 'jc-topic jc-dm-presence';
  peerState.hidden = true;
  el.roomTopic.parentNode.insertBefore(peerState, el.roomTopic.nextSibling);
  var peerLink = document.createElement('a');
  peerLink.id = 'dm-profile';
  peerLink.className = 'jc-link-button jc-dm-profile';
  peerLink.textContent = text.t('chat.viewProfile');
  peerLink.hidden = true;
  el.membersToggle.parentNode.insertBefore(peerLink, el.membersToggle);

  function renderPeer() {
    var room = store.current !== null && store.rooms.get(store.current);
    var info = room ? room.info : {};
    var peer = info.kind === 'direct' && info.members ? info.members.find(function (m) { return m.login !== me; }) : null;
    peerLink.hidden = !peer;
    peerState.hidden = !peer;
    if (!peer) { return; }
    peerLink.href = deps.context + '/app/profile.xhtml?login=' + encodeURIComponent(peer.login);
    peerLink.dataset.profile = peer.login;   // opens the profile card (a new tab still opens the page)
    peerLink.setAttribute('aria-label', text.t('chat.viewProfile') + ': ' + (store.names.get(peer.login) || peer.displayName));
    peerLink.textContent = text.t('chat.viewProfile');
    var p = deps.presence.of.get(peer.login);
    peerState.textContent = '';
    peerState.appendChild(deps.people.presenceDot(peer.login));
    peerState.appendChild(deps.people.statusBadge(peer.login));   // status emoji (issue 22, item 4)
    peerState.appendChild(document.createTextNode(p && p.online ? text.t('profile.onlineNow')
      : p && p.lastSeen ? text.t('chat.lastSeen') + ' ' + text.ago(new Date(p.lastSeen)) : text.t('chat.directWith')));
  }

  function render() {
    renderPeer();
    el.roomList.textContent = '';
    el.directList.textContent = '';
    store.rooms.forEach(function (room, id) {
      var li = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'jc-room-button' + (id === store.current ? ' jc-current' : '');
      button.dataset.room = id;
      if (id === store.current) { button.setAttribute('aria-current', 'true'); }
      if (room.info.kind === 'direct' && room.info.members) {
        var peer = room.info.members.find(function (m) { return m.login !== me; });
        if (peer) { button.appendChild(deps.people.presenceDot(peer.login)); }
      }
      var label = document.createElement('span');
      label.className = 'jc-room-label';
      deps.labels.showRoomTitle(label, room.info);
      button.appendChild(label);
      if (room.unread > 0 && id !== store.current) {
        var badge = document.createElement('span');
        badge.className = 'jc-unread';
        badge.textContent = room.unread > 99 ? '99+' : String(room.unread);
        badge.title = text.plural(text.t('chat.unread'), room.unread);
        badge.setAttribute('aria-label', badge.title);
        button.appendChild(badge);
      }
      if (room.mentions > 0 && id !== store.current) {
        var mentions = document.createElement('span');
        mentions.className = 'jc-mention-badge';
        mentions.textContent = '@' + (room.mentions > 99 ? '99+' : String(room.mentions));
        mentions.title = text.plural(text.t('chat.mentions'), room.mentions);
        mentions.setAttribute('aria-label', mentions.title);
        button.appendChild(mentions);
      }
      // Threads (issue 22, item 1): a followed thread here has unread replies, also when the room itself has none.
      if (deps.threads && deps.threads.unreadIn(id) > 0) {
        var mark = document.createElement('span');
        mark.className = 'jc-thread-mark';
        mark.title = text.t('chat.thread.newReplies');
        var dot = document.createElement('span');
        dot.className = 'jc-thread-dot';
        dot.setAttribute('aria-hidden', 'true');
        var words = document.createElement('span');
        words.className = 'jc-visually-hidden';
        words.textContent = text.t('chat.thread.newReplies');
        mark.appendChild(dot);
        mark.appendChild(words);
        button.appendChild(mark);
      }
      if (deps.drafts && deps.drafts.has(id) && id !== store.current) {
        // Drafts (issue 22, item 6): a half-written message waits in this room.
        var draft = document.createElement('span');
        draft.className = 'jc-draft-mark';
        draft.textContent = text.t('chat.draft');
        button.appendChild(draft);
      }
      button.addEventListener('click', function () { show(id); });
      li.appendChild(button);
      (room.info.kind === 'direct' ? el.directList : el.roomList).appendChild(li);
    });
    if (!el.directList.children.length) {
      var none = document.createElement('li');
      none.className = 'jc-hint jc-list-empty';
      none.textContent = text.t('rooms.noDirect');
      el.directList.appendChild(none);
    }
  }

  function renderHeader() {
    var info = store.rooms.get(store.current).info;
    deps.labels.showRoomTitle(el.roomName, info);
    el.roomTopic.textContent = info.topic || '';
    el.roomTopic.hidden = !info.topic || info.kind === 'direct';
    var direct = info.kind === 'direct';
    el.membersToggle.hidden = direct;
    if (direct && !el.membersPanel.hidden) {
      el.membersPanel.hidden = true;
      el.membersToggle.setAttribute('aria-expanded', 'false');
      deps.people.showingMembers([]);
    }
    var count = info.memberCount !== undefined && info.memberCount !== null;
    // Until the count is known the button says "Members" rather than a placeholder number.
    el.membersToggle.textContent = count ? text.plural(text.t('rooms.memberCount'), info.memberCount) : el.membersPanel.querySelector('h2').textContent;
    var owner = info.owner === me && info.kind !== 'global' && info.kind !== 'direct';
    var settings = deps.context + '/app/room.xhtml?id=' + info.id;
    el.roomSettings.href = settings;
    el.roomSettings.hidden = info.kind === 'direct';
    el.membersSettings.href = settings;
    el.membersSettings.hidden = info.kind === 'direct';
    if (deps.pins) { deps.pins.renderHeader(); }   // "Pinned n" (issue 22, item 2)
    el.addMember.hidden = !owner;
    deps.addPeople.renderEmptyState(info);   // a room that is only its reader offers "Add people" (views/addPeople.js)
    el.leaveRoom.hidden = info.kind === 'global' || direct;
    el.roomError.textContent = '';
    renderPeer();
    deps.composer.renderState();
  }

  /** Shows a room: loads its newest page the first time, otherwise syncs what it missed. */
  function show(id) {
    var room = store.rooms.get(id);
    if (!room) { return; }
    var switched = store.select(id);
    sessionStorage.setItem('jointchat.room', String(id));
    deps.drawers.close();
    if (switched) {
      // What belonged to the room shown before goes: its reply, edit, menu, suggestions, "new below", typing.
      deps.editing.roomSwitched(id);
      deps.menu.close(false);
      deps.suggestions.close();
      deps.composer.roomSwitched(id);
      deps.list.roomSwitched();
      deps.people.clearTyping();
      if (deps.threadPanel) { deps.threadPanel.roomSwitched(id); }   // a thread of the old room closes (issue 22, item 1)
    }
    renderHeader();
    render();
    deps.list.render(!switched);
    deps.members.load();   // the member count in the header, and the members panel when open
    deps.people.loadOnline(true);
    if (askedMessage && askedMessage.room === id) {   // ?room=ID&seq=N: a missed-message e-mail's link (issue 23)
      var seq = askedMessage.seq;
      askedMessage = null;
      setTimeout(function () { deps.list.jumpTo(id, seq); }, 0);
    }
    if (!room.loaded) {
      store.startLoading(room);
      api('GET', '/api/v1/rooms/' + id + '/messages?limit=' + PAGE).then(function (r) { return r.ok ? r.json() : []; })
        .catch(function () { return []; })
        .then(function (page) {
          store.keepFirstPage(room, page, PAGE);
          if (store.current === id) { deps.list.render(false); deps.list.markRead(); }
          deps.sync(id);
        });
    } else {
      deps.sync(id);
      if (deps.list.isAtEnd()) { deps.list.markRead(); }
    }
    if (!matchMedia('(pointer: coarse)').matches) { el.composerText.focus(); }
  }

  /** A new room (renaming and the rest of a room's settings are on its settings page). */
  function openRoomDialog() {
    el.roomFormName.value = '';
    el.roomFormTopic.value = '';
    el.roomFormError.textContent = '';
    el.roomDialog.showModal();
    el.roomFormName.focus();
  }

  function saveRoom() {
    var body = {name: el.roomFormName.value, topic: el.roomFormTopic.value,
      visibility: el.roomForm.querySelector('input[name=visibility]:checked').value};
    api('POST', '/api/v1/rooms', body).then(function (r) {
      if (!r.ok) {
        return r.json().then(function (problem) {
          el.roomFormError.textContent = problem.errors ? problem.errors.map(function (e) { return e.message; }).join(' ') : problem.title;
        });
      }
      return r.json().then(function (room) {
        el.roomDialog.close();
        store.upsertRoom(room);
        render();
        show(room.id);
      });
    });
  }

  function openDirect(login) {
    api('POST', '/api/v1/direct/' + encodeURIComponent(login)).then(function (r) {
      if (!r.ok) { return; }
      r.json().then(function (room) {
        el.profileDialog.close();
        store.upsertRoom(room);
        render();
        show(room.id);
      });
    });
  }

  store.on('rooms', render);
  el.newRoom.addEventListener('click', function () { deps.drawers.close(); openRoomDialog(); });
  el.roomFormCancel.addEventListener('click', function () { el.roomDialog.close(); });
  el.roomForm.addEventListener('submit', function (e) { e.preventDefault(); saveRoom(); });
  // A room asked for in the address (?room=ID, from the room directory or settings) is opened once known.
  var asked = Number(new URLSearchParams(location.search).get('room'));
  // A message asked for too (?room=ID&seq=N, the links of missed-message e-mail, issue 23): brought into view once its room shows.
  var askedSeq = Number(new URLSearchParams(location.search).get('seq'));
  var askedMessage = asked && askedSeq > 0 ? {room: asked, seq: askedSeq} : null;
  if (asked) {
    sessionStorage.setItem('jointchat.room', String(asked));
    history.replaceState(null, '', location.pathname);
  }

  return {render: render, renderHeader: renderHeader, show: show, openDirect: openDirect,
    remembered: function () { return Number(sessionStorage.getItem('jointchat.room')); }};
}
