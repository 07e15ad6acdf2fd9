/** @ suggestions in the composer. Owns the list's timer and which rooms' members are being loaded for it. */
import {SUGGESTIONS} from '../limits.js';
import {avatar} from '../ui/dom.js';

/** The @word being typed just before the caret (value, selection start and end), if any. Pure. */
export function mentionQueryAt(value, start, end) {
  if (start !== end) { return null; }
  var before = value.slice(0, start);
  var match = /(?:^|[\s(])@([A-Za-z0-9._-]{0,32})$/.exec(before);
  return match ? {start: before.length - match[1].length - 1, end: start, prefix: match[1].toLowerCase()} : null;
}

/** The people worth offering for a prefix: not the reader; logins that start with it first, then by name. Pure. */
export function fitSuggestions(people, prefix, me, max) {
  return people.filter(function (p) {
    return p.login !== me && (p.login.indexOf(prefix) === 0 || p.displayName.toLowerCase().indexOf(prefix) >= 0);
  }).sort(function (a, b) {
    return (b.login.indexOf(prefix) === 0) - (a.login.indexOf(prefix) === 0) || a.displayName.localeCompare(b.displayName);
  }).slice(0, max || SUGGESTIONS);
}

/**
 * deps: {el, store, text, api, me}.
 * Returns {suggest(), query(), key(e) -> true when the list took the key, close()}.
 */
export function createSuggestions(deps) {
  var el = deps.el;
  var store = deps.store;
  var text = deps.text;
  var box = el.composerText;
  var list = el.mentionList;
  var membersLoading = new Set();   // rooms whose members are being loaded for the suggestions
  var timer = null;

  function query() { return mentionQueryAt(box.value, box.selectionStart, box.selectionEnd); }

  /** People to mention: the room's members (loaded for the side panel); in general, a search of all users. */
  function suggest() {
    var q = query();
    var room = store.rooms.get(store.current);
    if (!q || !room) { close(); return; }
    var fits = function (people) { return fitSuggestions(people, q.prefix, deps.me, SUGGESTIONS); };
    if (room.info.kind !== 'global') {
      var known = room.members || room.info.members;
      var found = known ? fits(known) : [];
      // A list loaded more than a few seconds ago that has nobody for this prefix may be stale: load it again.
      if (known && (found.length || Date.now() - (room.membersAt || 0) < 5000)) {
        show(found);
        return;
      }
      // The members of this room, not anyone whose login starts the same: loaded, then suggested from.
      var id = store.current;
      if (membersLoading.has(id)) { return; }
      membersLoading.add(id);
      deps.api('GET', '/api/v1/rooms/' + id).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; })
        .then(function (detail) {
          membersLoading.delete(id);
          if (detail && store.rooms.has(id)) {
            store.keepMembers(id, detail.members);
            if (store.current === id) { suggest(); }
          }
        });
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(function () {
      var asked = box.value + '|' + q.start;
      deps.api('GET', '/api/v1/users?limit=' + (SUGGESTIONS + 1) + '&query=' + encodeURIComponent(q.prefix))
        .then(function (r) { return r.ok ? r.json() : []; })
        .catch(function () { return []; })
        .then(function (people) {
          var now = query();
          if (now && box.value + '|' + now.start === asked) { show(fits(people)); }
        });
    }, 150);
  }

  function show(people) {
    list.textContent = '';
    if (!people.length) { close(); return; }
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
      store.names.set(p.login, p.displayName);
    });
    list.hidden = false;
    box.setAttribute('aria-activedescendant', 'mention-option-0');
    el.mentionStatus.textContent = text.plural(text.t('chat.suggestions'), people.length);
  }

  function move(step) {
    var options = Array.from(list.querySelectorAll('[role=option]'));
    var at = options.findIndex(function (o) { return o.getAttribute('aria-selected') === 'true'; });
    var next = (at + step + options.length) % options.length;
    options.forEach(function (o, i) { o.setAttribute('aria-selected', String(i === next)); });
    box.setAttribute('aria-activedescendant', options[next].id);
    options[next].scrollIntoView({block: 'nearest'});
  }

  function pick(login) {
    var q = query();
    if (q) {
      box.value = box.value.slice(0, q.start) + '@' + login + ' ' + box.value.slice(q.end);
      var caret = q.start + login.length + 2;
      box.setSelectionRange(caret, caret);
    }
    close();
    box.focus();
  }

  function close() {
    clearTimeout(timer);
    if (list.hidden) { return; }
    list.hidden = true;
    list.textContent = '';
    box.removeAttribute('aria-activedescendant');
    el.mentionStatus.textContent = '';
  }

  /** The composer's keys while the list is open: arrows move, Enter or Tab picks, Escape closes. */
  function key(e) {
    if (list.hidden) { return false; }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') { e.preventDefault(); move(e.key === 'ArrowDown' ? 1 : -1); return true; }
    if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && !e.isComposing) {
      var active = list.querySelector('[aria-selected=true]');
      if (active) { e.preventDefault(); pick(active.dataset.login); return true; }
    }
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(); return true; }
    return false;
  }

  box.addEventListener('input', suggest);
  box.addEventListener('click', suggest);
  // A blur closes the suggestions unless the input has its focus back by then (a window losing and regaining
  // focus, e.g. when another tab closes, blurs the input too); focus offers them again.
  box.addEventListener('blur', function () {
    setTimeout(function () { if (document.activeElement !== box || !document.hasFocus()) { close(); } }, 150);
  });
  box.addEventListener('focus', suggest);
  list.addEventListener('mousedown', function (e) { e.preventDefault(); });   // the composer keeps focus
  list.addEventListener('click', function (e) {
    var option = e.target.closest('[role=option]');
    if (option) { pick(option.dataset.login); }
  });

  return {suggest: suggest, query: query, key: key, close: close};
}
