/**
 * Adding people to the shown room by name: the empty state of a room that is only its reader ("Add people"), the
 * add-people dialog with its search, and the same search-by-name picker on the members panel's add form. A picker
 * asks GET /api/v1/users?query= (docs/api.md) as the reader types and lists avatar initials, display name and @login;
 * arrows move, Enter or a click picks.
 */
import {avatar} from '../ui/dom.js';
import {PICKER_SIZE, offered, moved, queryOf, emptyState} from '../ui/peopleChoice.js';
import {format} from '../i18n/texts.js';

var DEBOUNCE_MS = 150;

/** deps: {doc, el, store, text, api, me, reloadMembers()}. Returns {renderEmptyState(info), open()}. */
export function createAddPeople(deps) {
  var doc = deps.doc || document;
  var el = deps.el;
  var store = deps.store;
  var text = deps.text;
  var me = deps.me;
  var dialog = doc.getElementById('add-people-dialog');
  var status = doc.getElementById('add-people-status');
  var error = doc.getElementById('add-people-error');
  var added = [];   // logins added while the dialog is open (they are members now)

  /** Logins not to offer: the room's members as last loaded, and whoever was just added. */
  function members() {
    var room = store.rooms.get(store.current);
    var list = room && room.members ? room.members.map(function (m) { return m.login; }) : [];
    return list.concat(added);
  }

  /**
   * A picker on an input and its listbox (a combobox, ARIA 1.2): pick(user) is called with the person chosen.
   * Enter without an option highlighted is left to the input's form.
   */
  function picker(input, list, pick) {
    var items = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function close() {
      items = [];
      active = -1;
      list.textContent = '';
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }

    function render() {
      list.textContent = '';
      items.forEach(function (u, i) {
        var li = doc.createElement('li');
        li.id = list.id + '-' + i;
        li.className = 'jc-person-option';
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(i === active));
        li.dataset.login = u.login;
        li.appendChild(avatar(u.login, u.displayName));
        var name = doc.createElement('span');
        name.className = 'jc-person-name';
        name.textContent = u.displayName || u.login;
        var login = doc.createElement('span');
        login.className = 'jc-login';
        login.textContent = '@' + u.login;
        li.appendChild(name);
        li.appendChild(login);
        li.addEventListener('mousedown', function (e) { e.preventDefault(); });   // the input keeps focus
        li.addEventListener('click', function () { choose(i); });
        list.appendChild(li);
      });
      list.hidden = !items.length;
      input.setAttribute('aria-expanded', String(items.length > 0));
      if (active >= 0) {
        input.setAttribute('aria-activedescendant', list.id + '-' + active);
        list.children[active].scrollIntoView({block: 'nearest'});
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function choose(i) {
      var u = items[i];
      if (!u) { return; }
      close();
      pick(u);
    }

    function search() {
      var q = queryOf(input.value);
      if (!q) { close(); return; }
      var mine = ++asked;
      deps.api('GET', '/api/v1/users?limit=' + (PICKER_SIZE + 1) + '&query=' + encodeURIComponent(q)).then(function (r) {
        return r.ok ? r.json() : [];
      }).catch(function () { return []; }).then(function (found) {
        if (mine !== asked || doc.activeElement !== input) { return; }   // a later query is on its way, or the reader left
        items = offered(found, me, members(), q);
        active = items.length ? 0 : -1;
        render();
      });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(search, DEBOUNCE_MS);
    });
    input.addEventListener('keydown', function (e) {
      if (list.hidden) {
        if (e.key === 'ArrowDown' && queryOf(input.value)) { e.preventDefault(); search(); }   // the list again
        return;
      }
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Home' || e.key === 'End') {
        e.preventDefault();
        active = moved(active, e.key, items.length);
        render();
      } else if (e.key === 'Enter' && active >= 0) {
        e.preventDefault();
        choose(active);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();   // closes the list, not the dialog
        close();
      }
    });
    // Leaving the field closes the list; a window that merely lost focus (another window, a tool) keeps it.
    input.addEventListener('blur', function () {
      setTimeout(function () { if (doc.activeElement !== input && doc.hasFocus()) { close(); } }, 150);
    });
    input.addEventListener('focus', function () { if (list.hidden && queryOf(input.value)) { search(); } });
    return {close: close};
  }

  // ---- the empty state of a room that is only its reader ----

  /** Called with the shown room's info whenever its header is drawn (the member count may just have arrived). */
  function renderEmptyState(info) {
    var state = emptyState(info, me);
    el.empty.classList.toggle('jc-alone', state.state === 'alone');
    doc.getElementById('add-people-open').hidden = !state.canAdd;
  }

  // ---- the dialog ----

  var dialogInput = doc.getElementById('add-people-input');
  var dialogPicker = picker(dialogInput, doc.getElementById('add-people-list'), addFromDialog);

  function open() {
    added = [];
    status.textContent = '';
    error.textContent = '';
    dialogInput.value = '';
    if (!dialog.open) { dialog.showModal(); }
    dialogInput.focus();
  }

  function addFromDialog(u) {
    var id = store.current;
    error.textContent = '';
    deps.api('PUT', '/api/v1/rooms/' + id + '/members/' + encodeURIComponent(u.login)).then(function (r) {
      if (r.ok) {
        added.push(u.login);
        dialogInput.value = '';
        status.textContent = format(text.t('chat.addPeopleAdded'), u.displayName || u.login);
        deps.reloadMembers();   // the count in the header; the timeline gets "… added …" from the server
        return;
      }
      return r.json().then(function (problem) {
        error.textContent = problem.errors ? problem.errors.map(function (e) { return e.message; }).join(' ') : (problem.title || '');
      }).catch(function () { error.textContent = String(r.status); });
    });
    dialogInput.focus();
  }

  doc.getElementById('add-people-open').addEventListener('click', open);
  doc.getElementById('add-people-done').addEventListener('click', function () { dialogPicker.close(); dialog.close(); });

  // ---- the members panel's add form: the same picker; picking fills in the login and adds ----

  picker(el.addMemberLogin, doc.getElementById('add-member-options'), function (u) {
    el.addMemberLogin.value = u.login;
    if (el.addMember.requestSubmit) { el.addMember.requestSubmit(); } else { el.addMember.dispatchEvent(new Event('submit', {cancelable: true})); }
  });

  return {renderEmptyState: renderEmptyState, open: open};
}
