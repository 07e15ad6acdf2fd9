/** Notifications and the tab title while the tab is hidden. */
import {format} from '../i18n/texts.js';

/* Methods of the chat page (main.js mixes them in): `this` is the page. */
export const notifications = {
  renderNotifyControl(denied) {
    var supported = 'Notification' in window;
    this.el.notify.hidden = !supported || window.Notification.permission !== 'default';
    this.el.notifyHint.hidden = !denied;
  },

  /** Asks for permission only here, on the user's click. */
  enableNotifications() {
    var self = this;
    var N = window.Notification;
    if (!N) { return; }
    var done = function (permission) { self.renderNotifyControl(permission === 'denied'); };
    var asked = N.requestPermission(done);
    if (asked && asked.then) { asked.then(done); }
  },

  /** While the tab is hidden, a direct message or a mention of the reader counts in the title and notifies. */
  notify(m, room) {
    var self = this;
    if (!document.hidden || room.syncing) { return; }
    var direct = room.info.kind === 'direct';
    if (!direct && !this.store.mentionsMe(m)) { return; }
    this.hiddenCount++;
    this.renderTitle();
    var N = window.Notification;
    if (!N || N.permission !== 'granted') { return; }
    var author = this.store.names.get(m.author) || m.authorName;
    var title = direct ? author : format(this.text.t('chat.notifyMention'), author, this.roomTitle(room.info));
    var body = m.text ? (m.text.length > 200 ? m.text.slice(0, 199) + '…' : m.text)
      : (m.attachments || []).map(function (a) { return '📎 ' + a.name; }).join(', ');
    try {
      var note = new N(title, {body: body, tag: 'jointchat-room-' + m.room});
      note.onclick = function () {
        window.focus();
        self.jumpTo(m.room, m.seq);
        if (note.close) { note.close(); }
      };
    } catch (e) {
      // Some browsers only notify from a service worker; the title still counts.
    }
  },

  renderTitle() {
    document.title = this.hiddenCount ? '(' + this.text.number(this.hiddenCount) + ') ' + this.baseTitle : this.baseTitle;
  },
};
