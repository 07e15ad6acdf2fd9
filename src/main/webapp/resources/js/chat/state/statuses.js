/**
 * Status and do-not-disturb (issue 22, item 4) of the users this page shows and of the reader: from presence frames'
 * entries, profile frames and REST profiles. What ran out reads as none (the server also says so with a profile frame
 * when it clears it). No DOM: unit-tested in Node (src/test/js).
 */

var NONE = {text: '', emoji: '', expiresAt: null, dnd: false, dndUntil: null};

/** A status as it reads at now (ms): an expired status and an ended do-not-disturb are none. */
export function statusAt(s, now) {
  if (!s) { return NONE; }
  var expired = s.expiresAt && Date.parse(s.expiresAt) <= now;
  var dndOver = !s.dndUntil || Date.parse(s.dndUntil) <= now;
  return {text: expired ? '' : s.text || '', emoji: expired ? '' : s.emoji || '', expiresAt: expired ? null : s.expiresAt || null,
    dnd: Boolean(s.dnd) && !dndOver, dndUntil: dndOver ? null : s.dndUntil};
}

/**
 * The do-not-disturb rule of the page: while the reader's do-not-disturb is on, nothing pops up or sounds (desktop
 * notifications of direct messages and mentions); the tab title still counts what came.
 */
export function notificationsHeld(mine, now) {
  return statusAt(mine, now).dnd;
}

/** When a status chosen now clears: '30m', '1h', '4h', 'today' (the end of the local day) or 'never' (null). */
export function clearAfter(choice, now) {
  var minutes = {'30m': 30, '1h': 60, '4h': 240}[choice];
  if (minutes) { return new Date(now + minutes * 60000).toISOString(); }
  if (choice === 'today') {
    var end = new Date(now);
    end.setHours(23, 59, 59, 0);
    return end.toISOString();
  }
  return null;
}

/** Until when do-not-disturb chosen now runs: '30m', '1h', 'tomorrow' (09:00 local the next day) or 'off' (null). */
export function dndUntil(choice, now) {
  var minutes = {'30m': 30, '1h': 60}[choice];
  if (minutes) { return new Date(now + minutes * 60000).toISOString(); }
  if (choice === 'tomorrow') {
    var nine = new Date(now);
    nine.setDate(nine.getDate() + 1);
    nine.setHours(9, 0, 0, 0);
    return nine.toISOString();
  }
  return null;
}

export class Statuses {
  constructor(me) {
    this.me = me;
    this.of = new Map();   // login -> {text, emoji, expiresAt, dnd, dndUntil}
  }

  /** A presence entry or a profile frame's user ({status, statusEmoji, statusExpiresAt, dnd, dndUntil}); true when it says one. */
  applyUser(u) {
    if (!u || !u.login || !('statusEmoji' in u || 'dnd' in u)) { return false; }
    this.of.set(u.login, {text: u.status || '', emoji: u.statusEmoji || '', expiresAt: u.statusExpiresAt || null,
      dnd: Boolean(u.dnd), dndUntil: u.dndUntil || null});
    return true;
  }

  /** The reader's own, as GET/PUT/DELETE /api/v1/users/me/status answer ({text, emoji, expiresAt, dnd, dndUntil}). */
  applyMine(s) {
    this.of.set(this.me, {text: s.text || '', emoji: s.emoji || '', expiresAt: s.expiresAt || null, dnd: Boolean(s.dnd),
      dndUntil: s.dndUntil || null});
  }

  /** A frame that describes users: true when a status in it was news. */
  applyFrame(frame) {
    var self = this;
    if (frame.type === 'presence') {
      return frame.users.map(function (u) { return self.applyUser(u); }).some(Boolean);
    }
    if (frame.type === 'profile') { return this.applyUser(frame.user); }
    return false;
  }

  at(login, now) {
    return statusAt(this.of.get(login), now);
  }

  /** Whether the reader's notifications are held back now. */
  held(now) {
    return notificationsHeld(this.of.get(this.me), now);
  }
}
