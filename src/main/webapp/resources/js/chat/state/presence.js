/**
 * Presence, for the users this page shows only (docs/protocol.md, "watch"): who is online or was last seen when,
 * and the online list of the shown room (a page at a time). No DOM: unit-tested in Node (src/test/js).
 */
import {WATCH_MAX} from '../limits.js';

export class Presence {
  constructor() {
    this.of = new Map();   // login -> {online, lastSeen}, for the users this page watches
    // tag: who is online as the page read it (docs/protocol.md, "online"); again: a reload asked for while one
    // was in flight, run when it ends (its page may be older than what asked for the reload).
    this.panel = {room: null, count: 0, items: new Map(), known: new Set(), next: null, tag: null, loading: false, again: false};
    this.watched = '';     // the watch last sent: room and logins (a new socket watches nobody yet)
  }

  /** A presence frame: true when the online list changed. */
  apply(frame, names) {
    var self = this;
    var panel = this.panel;
    var changed = false;
    frame.users.forEach(function (u) {
      names.set(u.login, u.displayName);
      self.of.set(u.login, {online: u.online, lastSeen: u.lastSeen});
      if (!u.online && panel.items.has(u.login)) {
        panel.items.delete(u.login); panel.count = Math.max(0, panel.count - 1); changed = true;
      } else if (u.online && panel.known.has(u.login) && !panel.items.has(u.login)) {
        panel.items.set(u.login, u.displayName); panel.count++; changed = true;
      }
    });
    return changed;
  }

  /** A page of the online list of room id (reset: the first page, replacing the list). */
  applyOnlinePage(id, page, reset, names) {
    var self = this;
    var panel = this.panel;
    if (reset) { panel.room = id; panel.items = new Map(); panel.known = new Set(); panel.tag = page.tag === undefined ? null : page.tag; }
    page.items.forEach(function (u) {
      panel.items.set(u.login, u.displayName);
      panel.known.add(u.login);
      names.set(u.login, u.displayName);
      self.of.set(u.login, {online: true, lastSeen: null});
    });
    panel.count = page.count;
    panel.next = page.next;
  }

  /**
   * The shown room's online count (or who is online: its tag) changed: 'reload' a short, complete list, 'render'
   * a long one (it just counts), null when the frame is not about the list shown or tells nothing new. A frame
   * that comes while the list is loading asks for a reload too: the page on its way may be older than it.
   */
  countChanged(frame, current) {
    var panel = this.panel;
    if (frame.room !== current) { return null; }
    if (panel.room !== frame.room) { return panel.loading ? 'reload' : null; }
    var sameTag = frame.tag === undefined || frame.tag === panel.tag;
    if (!panel.loading && sameTag && frame.count === panel.count && frame.count === panel.items.size) { return null; }
    panel.count = frame.count;
    return !panel.next && frame.count <= 200 ? 'reload' : 'render';
  }

  /** A load of the online list starts: false when one is in flight (a reset then runs again after it). */
  startLoad(reset) {
    var panel = this.panel;
    if (panel.loading) {
      if (reset) { panel.again = true; }
      return false;
    }
    panel.loading = true;
    return true;
  }

  /** A load ended: true when a reload was asked for meanwhile (run it now). */
  loadEnded() {
    var again = this.panel.again;
    this.panel.loading = false;
    this.panel.again = false;
    return again;
  }

  /** A user's new display name shows in the online list: true when it is in it. */
  rename(login, displayName) {
    if (!this.panel.items.has(login)) { return false; }
    this.panel.items.set(login, displayName);
    return true;
  }

  /**
   * The users to watch (at most WATCH_MAX, sorted): the profile open, the peers of direct rooms, the members listed,
   * the online list. Returns null when that is what was last sent for this room.
   */
  watchList(room, profileLogin, rooms, me, memberLogins) {
    var logins = new Set();
    var add = function (login) { if (login && logins.size < WATCH_MAX) { logins.add(login); } };
    add(profileLogin);
    rooms.forEach(function (r) {
      if (r.info.kind === 'direct' && r.info.members) {
        r.info.members.forEach(function (m) { if (m.login !== me) { add(m.login); } });
      }
    });
    (memberLogins || []).forEach(add);
    this.panel.known.forEach(add);
    var list = Array.from(logins).sort();
    var key = room + ':' + list.join(' ');
    return key === this.watched ? null : {logins: list, key: key};
  }
}
