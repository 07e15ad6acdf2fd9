/** People: profiles, the online list, presence dots, who is typing. */
import {ONLINE_PAGE} from '../limits.js';
import {watchFrame} from '../protocol/frames.js';
import {avatar} from '../ui/dom.js';

/* Methods of the chat page (main.js mixes them in): `this` is the page. */
export const people = {
  showProfile(login) {
    var self = this;
    var el = this.el;
    this.api('GET', '/api/v1/users/' + encodeURIComponent(login)).then(function (r) { return r.ok ? r.json() : null; }).then(function (p) {
      if (!p) { return; }
      el.profileDialog.dataset.login = p.login;
      el.profileAvatar.replaceWith(el.profileAvatar = avatar(p.login, p.displayName, 'jc-avatar-large'));
      el.profileAvatar.id = 'profile-avatar';
      el.profileName.textContent = p.displayName;
      el.profileLogin.textContent = '@' + p.login;
      self.presence.of.set(p.login, {online: p.online, lastSeen: p.lastSeen});
      self.renderProfilePresence();
      self.updateWatch();   // live from now on, through the subscription
      el.profileStatus.textContent = p.status || '';
      el.profileAbout.textContent = p.about || '';
      el.profileJoined.textContent = self.text.date(new Date(p.joined));
      el.profileShared.textContent = p.sharedRooms.length ? p.sharedRooms.map(function (r) { return r.name; }).join(', ') : self.text.t('profile.none');
      el.profilePage.href = self.context + '/app/profile.xhtml?login=' + encodeURIComponent(p.login);
      el.profileDm.hidden = p.login === self.me;
      if (!el.profileDialog.open) { el.profileDialog.showModal(); }
    });
  },

  /** Online members of the shown room, a page at a time; reset reloads from the top (room switch, refresh). */
  loadOnline(reset) {
    var self = this;
    var id = this.store.current;
    var panel = this.presence.panel;
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
        if (!page || self.store.current !== id) { return; }
        self.presence.applyOnlinePage(id, page, reset, self.store.names);
        self.renderOnline();
        self.updateWatch();
      });
  },

  /** Tells the server which users this page shows (at most WATCH_MAX), when that set changed. */
  updateWatch() {
    var self = this;
    clearTimeout(this.watchTimer);
    this.watchTimer = setTimeout(function () {
      var watch = self.presence.watchList(self.store.current, self.el.profileDialog.dataset.login, self.store.rooms, self.me, self.memberLogins);
      if (watch && self.send(watchFrame(watch.logins, self.store.current))) { self.presence.watched = watch.key; }
    }, 200);
  },

  renderOnline() {
    var list = this.el.online;
    var panel = this.presence.panel;
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
  },

  renderProfilePresence() {
    var login = this.el.profileDialog.dataset.login;
    var p = login && this.presence.of.get(login);
    if (!p) { return; }
    this.el.profilePresence.textContent = p.online ? this.text.t('profile.onlineNow')
      : (p.lastSeen ? this.text.t('chat.lastSeen') + ' ' + this.text.ago(new Date(p.lastSeen)) : '');
    this.el.profilePresence.title = p.lastSeen && !p.online ? this.text.dateTime(new Date(p.lastSeen)) : '';
  },

  /** A small dot saying whether a user is online, for lists of people. */
  presenceDot(login) {
    var p = this.presence.of.get(login);
    var dot = document.createElement('span');
    dot.className = 'jc-dot' + (p && p.online ? ' jc-dot-online' : '');
    dot.setAttribute('role', 'img');
    dot.setAttribute('aria-label', p && p.online ? this.text.t('profile.onlineNow') : '');
    if (!(p && p.online)) { dot.setAttribute('aria-hidden', 'true'); }
    return dot;
  },

  typing(t) {
    var self = this;
    if (t.room !== this.store.current || t.login === this.me) { return; }
    clearTimeout(this.typingTimers.get(t.login));
    this.typingTimers.set(t.login, setTimeout(function () {
      self.typingTimers.delete(t.login);
      self.renderTyping();
    }, 3500));
    this.typingNames.set(t.login, t.displayName || t.login);
    this.renderTyping();
  },

  /** Whoever just sent a message has stopped typing it. */
  stoppedTyping(room, login) {
    if (room === this.store.current && this.typingTimers.has(login)) {
      clearTimeout(this.typingTimers.get(login));
      this.typingTimers.delete(login);
      this.renderTyping();
    }
  },

  renderTyping() {
    var self = this;
    var names = Array.from(this.typingTimers.keys()).map(function (login) { return self.typingNames.get(login); });
    this.el.typing.textContent = names.length ? names.join(', ') + ' ' + this.text.t('chat.typing') : '';
  },
};
