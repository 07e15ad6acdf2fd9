/** @ suggestions in the composer. */
import {SUGGESTIONS} from '../limits.js';
import {avatar} from '../ui/dom.js';

/* Methods of the chat page (main.js mixes them in): `this` is the page. */
export const suggestions = {
  /** The @word being typed just before the caret, if any. */
  mentionQuery() {
    var box = this.el.composerText;
    if (box.selectionStart !== box.selectionEnd) { return null; }
    var before = box.value.slice(0, box.selectionStart);
    var match = /(?:^|[\s(])@([A-Za-z0-9._-]{0,32})$/.exec(before);
    return match ? {start: before.length - match[1].length - 1, end: box.selectionStart, prefix: match[1].toLowerCase()} : null;
  },

  /** People to mention: the room's members (loaded for the side panel); in general, a search of all users. */
  suggestMentions() {
    var self = this;
    var query = this.mentionQuery();
    var room = this.store.rooms.get(this.store.current);
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
      var id = this.store.current;
      if (this.membersLoading.has(id)) { return; }
      this.membersLoading.add(id);
      this.api('GET', '/api/v1/rooms/' + id).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; })
        .then(function (detail) {
          self.membersLoading.delete(id);
          if (detail && self.store.rooms.has(id)) {
            self.store.keepMembers(id, detail.members);
            if (self.store.current === id) { self.suggestMentions(); }
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
  },

  showSuggestions(people) {
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
      self.store.names.set(p.login, p.displayName);
    });
    list.hidden = false;
    this.el.composerText.setAttribute('aria-activedescendant', 'mention-option-0');
    this.el.mentionStatus.textContent = this.text.plural(this.text.t('chat.suggestions'), people.length);
  },

  moveSuggestion(step) {
    var options = Array.from(this.el.mentionList.querySelectorAll('[role=option]'));
    var at = options.findIndex(function (o) { return o.getAttribute('aria-selected') === 'true'; });
    var next = (at + step + options.length) % options.length;
    options.forEach(function (o, i) { o.setAttribute('aria-selected', String(i === next)); });
    this.el.composerText.setAttribute('aria-activedescendant', options[next].id);
    options[next].scrollIntoView({block: 'nearest'});
  },

  pickSuggestion(login) {
    var query = this.mentionQuery();
    var box = this.el.composerText;
    if (query) {
      box.value = box.value.slice(0, query.start) + '@' + login + ' ' + box.value.slice(query.end);
      var caret = query.start + login.length + 2;
      box.setSelectionRange(caret, caret);
    }
    this.closeSuggestions();
    box.focus();
  },

  closeSuggestions() {
    clearTimeout(this.suggestTimer);
    if (this.el.mentionList.hidden) { return; }
    this.el.mentionList.hidden = true;
    this.el.mentionList.textContent = '';
    this.el.composerText.removeAttribute('aria-activedescendant');
    this.el.mentionStatus.textContent = '';
  },
};
