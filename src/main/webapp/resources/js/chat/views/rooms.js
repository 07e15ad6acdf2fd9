/** The room and direct-message lists, the header, showing a room, creating one. */
import {firstLine} from '../i18n/texts.js';
import {PAGE} from '../limits.js';

/* Methods of the chat page (main.js mixes them in): `this` is the page. */
export const rooms = {
  renderRooms() {
    var self = this;
    this.el.roomList.textContent = '';
    this.el.directList.textContent = '';
    this.store.rooms.forEach(function (room, id) {
      var li = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'jc-room-button' + (id === self.store.current ? ' jc-current' : '');
      button.dataset.room = id;
      if (id === self.store.current) { button.setAttribute('aria-current', 'true'); }
      if (room.info.kind === 'direct' && room.info.members) {
        var peer = room.info.members.find(function (m) { return m.login !== self.me; });
        if (peer) { button.appendChild(self.presenceDot(peer.login)); }
      }
      var label = document.createElement('span');
      label.className = 'jc-room-label';
      self.showRoomTitle(label, room.info);
      button.appendChild(label);
      if (room.unread > 0 && id !== self.store.current) {
        var badge = document.createElement('span');
        badge.className = 'jc-unread';
        badge.textContent = room.unread > 99 ? '99+' : String(room.unread);
        badge.title = self.text.plural(self.text.t('chat.unread'), room.unread);
        badge.setAttribute('aria-label', badge.title);
        button.appendChild(badge);
      }
      if (room.mentions > 0 && id !== self.store.current) {
        var mentions = document.createElement('span');
        mentions.className = 'jc-mention-badge';
        mentions.textContent = '@' + (room.mentions > 99 ? '99+' : String(room.mentions));
        mentions.title = self.text.plural(self.text.t('chat.mentions'), room.mentions);
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
      none.textContent = this.text.t('rooms.noDirect');
      this.el.directList.appendChild(none);
    }
  },

  roomTitle(info) {
    if (info.kind === 'direct' && info.members) {
      var me = this.me;
      var peer = info.members.find(function (m) { return m.login !== me; }) || info.members[0];
      return this.store.names.get(peer.login) || peer.displayName;
    }
    return (info.kind === 'private' ? '' : '# ') + info.name;
  },

  /** The room's title in an element: a private room's name follows a lock. */
  showRoomTitle(element, info) {
    element.textContent = this.roomTitle(info);
    if (info.kind === 'private') {
      element.insertBefore(document.createTextNode(' '), element.firstChild);
      element.insertBefore(this.icon('lock'), element.firstChild);
    }
  },

  /** A message's first line in an element; for a message of files only, the attachment icon and the word for them. */
  showExcerpt(element, text) {
    element.textContent = firstLine(text) || this.text.t('chat.attachments');
    if (!firstLine(text)) { element.insertBefore(this.icon('attach'), element.firstChild); }
  },

  /** One of the page's drawn icons (resources/icons.svg), hidden from screen readers: the text beside it says it. */
  icon(name) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', 'jc-icon');
    svg.setAttribute('aria-hidden', 'true');
    var use = document.createElementNS(ns, 'use');
    use.setAttribute('href', this.icons + '#' + name);
    svg.appendChild(use);
    return svg;
  },

  renderHeader() {
    var info = this.store.rooms.get(this.store.current).info;
    this.showRoomTitle(this.el.roomName, info);
    this.el.roomTopic.textContent = info.topic || '';
    this.el.roomTopic.hidden = !info.topic;
    var count = info.memberCount !== undefined && info.memberCount !== null;
    // Until the count is known the button says "Members" rather than a placeholder number.
    this.el.membersToggle.textContent = count ? this.text.plural(this.text.t('rooms.memberCount'), info.memberCount) : this.el.membersPanel.querySelector('h2').textContent;
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
  },

  /** Shows a room: loads its newest page the first time, otherwise syncs what it missed. */
  show(id) {
    var self = this;
    var room = this.store.rooms.get(id);
    if (!room) { return; }
    var switched = this.store.select(id);
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
      this.store.startLoading(room);
      this.api('GET', '/api/v1/rooms/' + id + '/messages?limit=' + PAGE).then(function (r) { return r.ok ? r.json() : []; })
        .catch(function () { return []; })
        .then(function (page) {
          self.store.keepFirstPage(room, page, PAGE);
          if (self.store.current === id) { self.renderMessages(false); self.markRead(); }
          self.sync(id);
        });
    } else {
      this.sync(id);
      if (this.isAtEnd()) { this.markRead(); }
    }
    if (!matchMedia('(pointer: coarse)').matches) { this.el.composerText.focus(); }
  },

  /** A new room (renaming and the rest of a room's settings are on its settings page). */
  openRoomDialog() {
    this.el.roomFormName.value = '';
    this.el.roomFormTopic.value = '';
    this.el.roomFormError.textContent = '';
    this.el.roomDialog.showModal();
    this.el.roomFormName.focus();
  },

  saveRoom() {
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
        self.store.upsertRoom(room);
        self.renderRooms();
        self.show(room.id);
      });
    });
  },

  openDirect(login) {
    var self = this;
    this.api('POST', '/api/v1/direct/' + encodeURIComponent(login)).then(function (r) {
      if (!r.ok) { return; }
      r.json().then(function (room) {
        self.el.profileDialog.close();
        self.store.upsertRoom(room);
        self.renderRooms();
        self.show(room.id);
      });
    });
  },
};
