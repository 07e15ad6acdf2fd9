/** The members panel of the shown room and the owner's actions in it. */
import {avatar} from '../ui/dom.js';

/* Methods of the chat page (main.js mixes them in): `this` is the page. */
export const members = {
  loadMembers() {
    var self = this;
    var id = this.store.current;
    this.api('GET', '/api/v1/rooms/' + id).then(function (r) { return r.ok ? r.json() : null; }).then(function (detail) {
      if (!detail || self.store.current !== id) { return; }
      self.store.upsertRoom(detail);
      self.store.keepMembers(id, detail.members);   // for @ suggestions
      self.renderHeader();
      if (self.el.membersPanel.hidden) { return; }
      var isOwner = detail.owner === self.me && detail.kind !== 'global' && detail.kind !== 'direct';
      self.el.memberList.textContent = '';
      self.memberLogins = detail.members.map(function (m) { return m.login; });
      self.updateWatch();
      detail.members.forEach(function (m) {
        var li = document.createElement('li');
        li.appendChild(avatar(m.login, m.displayName));
        li.appendChild(self.presenceDot(m.login));
        var name = document.createElement('button');
        name.type = 'button';
        name.className = 'jc-author';
        name.dataset.profile = m.login;
        name.textContent = m.displayName + (m.owner ? ' (' + self.text.t('rooms.owner') + ')' : '');
        li.appendChild(name);
        if (isOwner && m.login !== self.me) {
          var actions = document.createElement('span');
          actions.className = 'jc-member-actions';
          var remove = document.createElement('button');
          remove.type = 'button';
          remove.className = 'jc-link-button jc-danger';
          remove.textContent = self.text.t('rooms.remove');
          remove.dataset.remove = m.login;
          remove.addEventListener('click', function () { self.removeMember(m.login); });
          var transfer = document.createElement('button');
          transfer.type = 'button';
          transfer.className = 'jc-link-button';
          transfer.textContent = self.text.t('rooms.makeOwner');
          transfer.dataset.transfer = m.login;
          transfer.addEventListener('click', function () { self.transferOwnership(m.login); });
          actions.appendChild(transfer);
          actions.appendChild(remove);
          li.appendChild(actions);
        }
        self.el.memberList.appendChild(li);
      });
    });
  },

  roomProblem(response) {
    var self = this;
    return response.json().then(function (problem) {
      var text = problem.errors ? problem.errors.map(function (e) { return e.message; }).join(' ') : (problem.title || '');
      self.el.roomError.textContent = text;
      return text;
    }).catch(function () { self.el.roomError.textContent = String(response.status); });
  },

  addMember() {
    var self = this;
    var login = this.el.addMemberLogin.value.trim();
    if (!login) { return; }
    this.api('PUT', '/api/v1/rooms/' + this.store.current + '/members/' + encodeURIComponent(login)).then(function (r) {
      if (r.ok) { self.el.addMemberLogin.value = ''; self.el.roomError.textContent = ''; self.loadMembers(); } else { self.roomProblem(r); }
    });
  },

  removeMember(login) {
    var self = this;
    this.api('DELETE', '/api/v1/rooms/' + this.store.current + '/members/' + encodeURIComponent(login)).then(function (r) {
      if (r.ok) { self.loadMembers(); } else { self.roomProblem(r); }
    });
  },

  transferOwnership(login) {
    var self = this;
    if (!confirm(this.text.t('rooms.confirmTransfer'))) { return; }
    this.api('PATCH', '/api/v1/rooms/' + this.store.current, {owner: login}).then(function (r) {
      if (r.ok) { self.loadMembers(); } else { self.roomProblem(r); }
    });
  },

  leaveRoom() {
    var self = this;
    if (!confirm(this.text.t('rooms.confirmLeave'))) { return; }
    this.api('DELETE', '/api/v1/rooms/' + this.store.current + '/members/' + encodeURIComponent(this.me)).then(function (r) {
      if (!r.ok) { self.roomProblem(r); }
    });
  },
};
