/** The members panel of the shown room (its toggle, a drawer on a narrow screen) and the owner's actions in it. */
import {avatar} from '../ui/dom.js';
import {format} from '../i18n/texts.js';

/**
 * deps: {el, store, text, api, me, people, drawers, renderHeader(), confirm (ui/confirmDialog.js: ask a risky action first)}.
 * Returns {load()}.
 */
export function createMembers(deps) {
  var el = deps.el;
  var store = deps.store;
  var text = deps.text;
  var api = deps.api;
  var me = deps.me;

  /**
   * The members list. On a wide screen it opens above the online list; on a narrow one the whole side panel
   * (members and online) slides in as a drawer.
   */
  function toggle() {
    var drawer = matchMedia('(max-width: 900px)').matches;
    var open = drawer ? true : el.membersPanel.hidden;
    el.membersPanel.hidden = !open;
    el.membersToggle.setAttribute('aria-expanded', String(open));
    if (drawer) { deps.drawers.open('jc-side-open', el.membersToggle); }
    if (open) { load(); } else { deps.people.showingMembers([]); }
  }

  function load() {
    var id = store.current;
    api('GET', '/api/v1/rooms/' + id).then(function (r) { return r.ok ? r.json() : null; }).then(function (detail) {
      if (!detail || store.current !== id) { return; }
      store.upsertRoom(detail);
      store.keepMembers(id, detail.members);   // for @ suggestions
      deps.renderHeader();
      if (el.membersPanel.hidden) { return; }
      var isOwner = detail.owner === me && detail.kind !== 'global' && detail.kind !== 'direct';
      el.memberList.textContent = '';
      deps.people.showingMembers(detail.members.map(function (m) { return m.login; }));
      detail.members.forEach(function (m) {
        var li = document.createElement('li');
        li.appendChild(avatar(m.login, m.displayName));
        li.appendChild(deps.people.presenceDot(m.login));
        var name = document.createElement('button');
        name.type = 'button';
        name.className = 'jc-author';
        name.dataset.profile = m.login;
        name.textContent = m.displayName + (m.owner ? ' (' + text.t('rooms.owner') + ')' : '');
        li.appendChild(name);
        li.appendChild(deps.people.statusBadge(m.login));   // status emoji (issue 22, item 4)
        if (isOwner && m.login !== me) {
          var actions = document.createElement('span');
          actions.className = 'jc-member-actions';
          var remove = document.createElement('button');
          remove.type = 'button';
          remove.className = 'jc-link-button jc-danger';
          remove.textContent = text.t('rooms.remove');
          remove.dataset.remove = m.login;
          remove.addEventListener('click', function () { removeMember(m, remove); });
          var transfer = document.createElement('button');
          transfer.type = 'button';
          transfer.className = 'jc-link-button';
          transfer.textContent = text.t('rooms.makeOwner');
          transfer.dataset.transfer = m.login;
          transfer.addEventListener('click', function () { transferOwnership(m, transfer); });
          actions.appendChild(transfer);
          actions.appendChild(remove);
          li.appendChild(actions);
        }
        el.memberList.appendChild(li);
      });
    });
  }

  function roomProblem(response) {
    return response.json().then(function (problem) {
      var line = problem.errors ? problem.errors.map(function (e) { return e.message; }).join(' ') : (problem.title || '');
      el.roomError.textContent = line;
      return line;
    }).catch(function () { el.roomError.textContent = String(response.status); });
  }

  function addMember() {
    var login = el.addMemberLogin.value.trim();
    if (!login) { return; }
    api('PUT', '/api/v1/rooms/' + store.current + '/members/' + encodeURIComponent(login)).then(function (r) {
      if (r.ok) { el.addMemberLogin.value = ''; el.roomError.textContent = ''; load(); } else { roomProblem(r); }
    });
  }

  // Removing, handing over and leaving are asked first, in the page's dialog (the room asked about stays the one acted on).
  function removeMember(m, opener) {
    var id = store.current;
    deps.confirm.ask({title: format(text.t('chat.confirm.removeTitle'), m.displayName), body: text.t('chat.confirm.removeText'),
      action: text.t('chat.confirm.removeButton'), opener: opener}).then(function (yes) {
      if (!yes) { return; }
      api('DELETE', '/api/v1/rooms/' + id + '/members/' + encodeURIComponent(m.login)).then(function (r) {
        if (r.ok) { load(); } else { roomProblem(r); }
      });
    });
  }

  function transferOwnership(m, opener) {
    var id = store.current;
    deps.confirm.ask({title: format(text.t('chat.confirm.transferTitle'), m.displayName), body: text.t('chat.confirm.transferText'),
      action: text.t('chat.confirm.transferButton'), opener: opener}).then(function (yes) {
      if (!yes) { return; }
      api('PATCH', '/api/v1/rooms/' + id, {owner: m.login}).then(function (r) {
        if (r.ok) { load(); } else { roomProblem(r); }
      });
    });
  }

  function leave() {
    var id = store.current;
    var room = store.rooms.get(id);
    deps.confirm.ask({title: format(text.t('chat.confirm.leaveTitle'), room ? room.info.name : ''), body: text.t('chat.confirm.leaveText'),
      action: text.t('chat.confirm.leaveButton'), opener: el.leaveRoom}).then(function (yes) {
      if (!yes) { return; }
      api('DELETE', '/api/v1/rooms/' + id + '/members/' + encodeURIComponent(me)).then(function (r) {
        if (!r.ok) { roomProblem(r); }
      });
    });
  }

  el.membersToggle.addEventListener('click', toggle);
  el.addMember.addEventListener('submit', function (e) { e.preventDefault(); addMember(); });
  el.leaveRoom.addEventListener('click', leave);

  return {load: load};
}
