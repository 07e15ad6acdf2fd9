/**
 * People: profiles, the online list, presence dots, who is typing, and which users the page watches. Owns the
 * typing timers and names, the members shown in the members panel (for the watch list) and the watch timer.
 */
import {ONLINE_PAGE, ONLINE_REFRESH_MS} from '../limits.js';
import {watchFrame} from '../protocol/frames.js';
import {avatar} from '../ui/dom.js';

/**
 * deps: {el, store, presence, text, api, me, context, send(frame), drawers, openDirect(login), statuses, statusBadge(login, withDnd),
 * profileShown(profile)} (the last three: status and do-not-disturb, issue 22, item 4).
 * Returns {showProfile, loadOnline, updateWatch, renderOnline, renderProfilePresence, presenceDot, renderMemberDots,
 * typing, stoppedTyping, clearTyping, showingMembers(logins)}.
 */
export function createPeople(deps) {
  var el = deps.el;
  var store = deps.store;
  var presence = deps.presence;
  var text = deps.text;
  var typingTimers = new Map();
  var typingNames = new Map();
  var memberLogins = [];   // the members panel's people, watched while it is open
  var watchTimer = null;

  function showProfile(login) {
    deps.api('GET', '/api/v1/users/' + encodeURIComponent(login)).then(function (r) { return r.ok ? r.json() : null; }).then(function (p) {
      if (!p) { return; }
      el.profileDialog.dataset.login = p.login;
      el.profileAvatar.replaceWith(el.profileAvatar = avatar(p.login, p.displayName, 'jc-avatar-large'));
      el.profileAvatar.id = 'profile-avatar';
      el.profileName.textContent = p.displayName;
      el.profileLogin.textContent = '@' + p.login;
      presence.of.set(p.login, {online: p.online, lastSeen: p.lastSeen});
      renderProfilePresence();
      updateWatch();   // live from now on, through the subscription
      el.profileStatus.textContent = p.status || '';
      if (deps.profileShown) { deps.profileShown(p); }   // with its emoji and do-not-disturb
      el.profileAbout.textContent = p.about || '';
      el.profileJoined.textContent = text.date(new Date(p.joined));
      el.profileShared.textContent = p.sharedRooms.length ? p.sharedRooms.map(function (r) { return r.name; }).join(', ') : text.t('profile.none');
      el.profilePage.href = deps.context + '/app/profile.xhtml?login=' + encodeURIComponent(p.login);
      el.profileDm.hidden = p.login === deps.me;
      if (!el.profileDialog.open) { el.profileDialog.showModal(); }
    });
  }

  /** Online members of the shown room, a page at a time; reset reloads from the top (room switch, refresh). */
  function loadOnline(reset) {
    var id = store.current;
    var panel = presence.panel;
    if (id === null || (!reset && !panel.next)) { return; }
    // One load at a time, so that pages never land out of order; a reset asked for meanwhile runs after it.
    if (!presence.startLoad(reset)) { return; }
    var limit = reset ? Math.min(200, Math.max(ONLINE_PAGE, panel.room === id ? panel.items.size : 0)) : ONLINE_PAGE;
    var cursor = reset ? null : panel.next;
    if (reset && panel.room !== id) { el.onlineCount.textContent = '…'; }
    deps.api('GET', '/api/v1/rooms/' + id + '/online?limit=' + limit + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''))
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; })
      .then(function (page) {
        var again = presence.loadEnded();
        if (page && store.current === id) {
          presence.applyOnlinePage(id, page, reset, store.names);
          renderOnline();
          updateWatch();
        }
        if (again) { loadOnline(true); }
      });
  }

  /** Tells the server which users this page shows (at most WATCH_MAX), when that set changed. */
  function updateWatch() {
    clearTimeout(watchTimer);
    watchTimer = setTimeout(function () {
      var watch = presence.watchList(store.current, el.profileDialog.dataset.login, store.rooms, deps.me, memberLogins);
      if (watch && deps.send(watchFrame(watch.logins, store.current))) { presence.watched = watch.key; }
    }, 200);
  }

  /** The members panel shows these people now (none when it closes): they are watched. */
  function showingMembers(logins) {
    memberLogins = logins;
    updateWatch();
  }

  function renderOnline() {
    var list = el.online;
    var panel = presence.panel;
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
      if (deps.statusBadge) { li.appendChild(deps.statusBadge(entry[0], true)); }   // no dot here: the badge marks do-not-disturb
      list.appendChild(li);
    });
    el.onlineCount.textContent = '— ' + text.number(panel.count);
  }

  function renderProfilePresence() {
    var login = el.profileDialog.dataset.login;
    var p = login && presence.of.get(login);
    if (!p) { return; }
    el.profilePresence.textContent = p.online ? text.t('profile.onlineNow')
      : (p.lastSeen ? text.t('chat.lastSeen') + ' ' + text.ago(new Date(p.lastSeen)) : '');
    el.profilePresence.title = p.lastSeen && !p.online ? text.dateTime(new Date(p.lastSeen)) : '';
  }

  /** A small dot saying whether a user is online, for lists of people; repainted as their presence changes. */
  function presenceDot(login) {
    var dot = document.createElement('span');
    dot.dataset.presence = login;
    dot.setAttribute('role', 'img');
    paintDot(dot);
    return dot;
  }

  function paintDot(dot) {
    var p = presence.of.get(dot.dataset.presence);
    var online = Boolean(p && p.online);
    var dnd = Boolean(deps.statuses && deps.statuses.at(dot.dataset.presence, Date.now()).dnd);   // issue 22, item 4
    dot.className = 'jc-dot' + (online ? ' jc-dot-online' : '') + (dnd ? ' jc-dot-dnd' : '');
    dot.setAttribute('aria-label', online ? text.t('profile.onlineNow') + (dnd ? ', ' + text.t('status.dnd') : '') : '');
    if (online) { dot.removeAttribute('aria-hidden'); } else { dot.setAttribute('aria-hidden', 'true'); }
  }

  /**
   * A presence frame came: the members panel's dots follow it. They are drawn once when the panel loads, often
   * before the watch that includes a member just added is answered, so without this they kept that first state.
   */
  function renderMemberDots() {
    el.memberList.querySelectorAll('.jc-dot[data-presence]').forEach(paintDot);
  }

  /** Every presence dot on the page, after a status changed (do-not-disturb marks the dot). */
  function repaintDots() {
    document.querySelectorAll('.jc-dot[data-presence]').forEach(paintDot);
  }

  /** The status emoji next to a name (nothing without views/status.js). */
  function statusBadge(login, withDnd) {
    return deps.statusBadge ? deps.statusBadge(login, withDnd) : document.createTextNode('');
  }

  function typing(t) {
    if (t.room !== store.current || t.login === deps.me) { return; }
    clearTimeout(typingTimers.get(t.login));
    typingTimers.set(t.login, setTimeout(function () {
      typingTimers.delete(t.login);
      renderTyping();
    }, 3500));
    typingNames.set(t.login, t.displayName || t.login);
    renderTyping();
  }

  /** Whoever just sent a message has stopped typing it. */
  function stoppedTyping(room, login) {
    if (room === store.current && typingTimers.has(login)) {
      clearTimeout(typingTimers.get(login));
      typingTimers.delete(login);
      renderTyping();
    }
  }

  /** Another room is shown: nobody is typing there yet. */
  function clearTyping() {
    typingTimers.forEach(function (timer) { clearTimeout(timer); });
    typingTimers.clear();
    renderTyping();
  }

  function renderTyping() {
    var names = Array.from(typingTimers.keys()).map(function (login) { return typingNames.get(login); });
    el.typing.textContent = names.length ? names.join(', ') + ' ' + text.t('chat.typing') : '';
  }

  el.online.addEventListener('scroll', function () {
    if (el.online.scrollTop + el.online.clientHeight > el.online.scrollHeight - 40) { loadOnline(false); }
  });
  setInterval(function () { if (!document.hidden && presence.panel.next) { loadOnline(true); } }, ONLINE_REFRESH_MS);
  el.profileClose.addEventListener('click', function () { el.profileDialog.close(); });
  el.profileDialog.addEventListener('close', function () { delete el.profileDialog.dataset.login; updateWatch(); });
  el.profileDm.addEventListener('click', function () { deps.openDirect(el.profileDialog.dataset.login); });
  // Any user name anywhere opens that user's profile.
  document.addEventListener('click', function (e) {
    var target = e.target.closest('[data-profile]');
    if (target) { e.preventDefault(); deps.drawers.close(); showProfile(target.dataset.profile); }
  });

  return {showProfile: showProfile, loadOnline: loadOnline, updateWatch: updateWatch, renderOnline: renderOnline,
    renderProfilePresence: renderProfilePresence, presenceDot: presenceDot, renderMemberDots: renderMemberDots,
    typing: typing, stoppedTyping: stoppedTyping, clearTyping: clearTyping, showingMembers: showingMembers,
    repaintDots: repaintDots, statusBadge: statusBadge};
}
