/**
 * Pinned messages (issue 22, item 2), the parts without state: who may pin (the server's rule, pin.PinService),
 * a room's pins kept in order, and the mark a pinned message carries. No DOM but the mark's element.
 */

/** Up to this many members, every member pins (pin.PinService.OPEN_PINNING_MAX). */
export const OPEN_PINNING_MAX = 100;

/**
 * Whether the reader may pin and unpin in this room now: members of a room of up to 100; in a larger room and an
 * announcement room those who moderate it; nobody in an archived room or while muted. standing: store.standing(info).
 */
export function mayPin(info, standing) {
  if (!info || info.archived || standing.reason === 'muted') { return false; }
  if (standing.moderates || info.kind === 'direct') { return true; }
  var count = info.memberCount;
  return !info.announcement && (count === undefined || count === null || count <= OPEN_PINNING_MAX);
}

/**
 * A room's pins as the page knows them: from the list (GET /rooms/{id}/pins) and from changed frames, the newer
 * version of a message winning, so a frame that overtakes the list is not undone by it. Pure.
 */
export class RoomPins {
  constructor() {
    this.loaded = false;
    this.bySeq = new Map();    // seq -> {seq, pinnedBy, pinnedByName, pinnedAt, message}
    this.versions = new Map(); // seq -> the newest version seen of that message
  }

  /** A message as a frame or the list shows it: pinned (with its pin) or not. True when the room's pins changed. */
  message(m) {
    var seen = this.versions.get(m.seq);
    if (seen !== undefined && seen >= m.version) { return false; }
    this.versions.set(m.seq, m.version);
    var had = this.bySeq.has(m.seq);
    if (m.pinned && !m.deleted) {
      this.bySeq.set(m.seq, {seq: m.seq, pinnedBy: m.pinned.by, pinnedByName: m.pinned.byName, pinnedAt: m.pinned.at, message: m});
      return true;
    }
    this.bySeq.delete(m.seq);
    return had;
  }

  /** The list's answer: each pin, by its message's version (frames newer than the list stay). */
  loadedList(pins) {
    var self = this;
    pins.forEach(function (pin) {
      var m = Object.assign({}, pin.message, {pinned: {by: pin.pinnedBy, byName: pin.pinnedByName, at: pin.pinnedAt}});
      self.message(m);
    });
    this.loaded = true;
  }

  /** Newest pin first (as the server lists them). */
  list() {
    return Array.from(this.bySeq.values()).sort(function (a, b) {
      return a.pinnedAt < b.pinnedAt ? 1 : a.pinnedAt > b.pinnedAt ? -1 : b.seq - a.seq;
    });
  }

  get count() { return this.bySeq.size; }
}

/** The mark on a pinned message: a pin and "Pinned", who pinned it in its title and accessible name. */
export function pinMark(m, text, names, icon) {
  var mark = document.createElement('span');
  mark.className = 'jc-pin-mark';
  var who = m.pinned.by ? (names.get(m.pinned.by) || m.pinned.byName) : '';
  var label = who ? text.t('chat.pinnedBy').replace('{0}', who) : text.t('chat.pinnedMark');
  mark.title = label + (m.pinned.at ? ', ' + text.dateTime(new Date(m.pinned.at)) : '');
  mark.appendChild(icon('pin'));
  var word = document.createElement('span');
  word.textContent = text.t('chat.pinnedMark');
  mark.appendChild(word);
  var full = document.createElement('span');
  full.className = 'jc-visually-hidden';
  full.textContent = ' (' + label + ')';
  mark.appendChild(full);
  return mark;
}
