/** Notifications and the tab title while the tab is hidden. Owns the count shown in the title. */
import {format} from '../i18n/texts.js';

/** deps: {el, store, text, labels, jumpTo(room, seq), held() (do-not-disturb is on)}. Returns {notify(m, room)}. */
export function createNotifications(deps) {
  var el = deps.el;
  var store = deps.store;
  var text = deps.text;
  var baseTitle = document.title;
  var hiddenCount = 0;   // direct messages and mentions that arrived while the tab was hidden

  function renderControl(denied) {
    var supported = 'Notification' in window;
    el.notify.hidden = !supported || window.Notification.permission !== 'default';
    el.notifyHint.hidden = !denied;
  }

  /** Asks for permission only here, on the user's click. */
  function enable() {
    var N = window.Notification;
    if (!N) { return; }
    var done = function (permission) { renderControl(permission === 'denied'); };
    var asked = N.requestPermission(done);
    if (asked && asked.then) { asked.then(done); }
  }

  function renderTitle() {
    document.title = hiddenCount ? '(' + text.number(hiddenCount) + ') ' + baseTitle : baseTitle;
  }

  /** While the tab is hidden, a direct message or a mention of the reader counts in the title and notifies. */
  function notify(m, room) {
    if (!document.hidden || room.syncing) { return; }
    var direct = room.info.kind === 'direct';
    if (!direct && !store.mentionsMe(m)) { return; }
    hiddenCount++;
    renderTitle();
    // Do-not-disturb (issue 22, item 4; state/statuses.js notificationsHeld): the title counts, nothing pops up or sounds.
    if (deps.held && deps.held()) { return; }
    var N = window.Notification;
    if (!N || N.permission !== 'granted') { return; }
    var author = store.names.get(m.author) || m.authorName;
    var title = direct ? author : format(text.t('chat.notifyMention'), author, deps.labels.roomTitle(room.info));
    var body = m.text ? (m.text.length > 200 ? m.text.slice(0, 199) + '…' : m.text)
      : (m.attachments || []).map(function (a) { return '📎 ' + a.name; }).join(', ');
    try {
      var note = new N(title, {body: body, tag: 'jointchat-room-' + m.room});
      note.onclick = function () {
        window.focus();
        deps.jumpTo(m.room, m.seq);
        if (note.close) { note.close(); }
      };
    } catch (e) {
      // Some browsers only notify from a service worker; the title still counts.
    }
  }

  // Permission is asked for only when the user clicks; the button is hidden when granted or unsupported.
  renderControl(false);
  el.notify.addEventListener('click', enable);
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) { hiddenCount = 0; renderTitle(); }
  });

  return {notify: notify};
}
