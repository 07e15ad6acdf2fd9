/**
 * Read receipts the page knows (issue 22, item 3; docs/protocol.md "Read receipts"): per room, how far each other
 * member is known to have read. Fed by `seen` frames (protocol/receive.js) and by the readers endpoint's answers
 * (views/receipts.js): a reader of message seq has read at least that far. Not versioned: after a reconnect it is
 * cleared and the page asks the endpoint again for what it shows. No DOM: unit-tested in Node.
 */
import {format} from '../i18n/texts.js';

export class Receipts {
  constructor(me) {
    this.me = me;
    this.sharing = true;            // false: the reader turned sharing off, and sees nobody's
    this.rooms = new Map();         // room id -> Map(login -> {login, displayName, seq})
    this.unavailable = new Set();   // rooms of more than 100 members (the endpoint said 409)
  }

  marks(roomId) {
    var marks = this.rooms.get(roomId);
    if (!marks) {
      marks = new Map();
      this.rooms.set(roomId, marks);
    }
    return marks;
  }

  /** A `seen` frame: frame.login has read frame.room up to frame.seq. Returns whether anything changed. */
  noteSeen(frame) {
    var marks = this.marks(frame.room);
    var known = marks.get(frame.login);
    if (known && known.seq >= frame.seq && known.displayName === (frame.displayName || known.displayName)) { return false; }
    marks.set(frame.login, {login: frame.login, displayName: frame.displayName || (known && known.displayName) || frame.login,
      seq: Math.max(frame.seq, known ? known.seq : 0)});
    return true;
  }

  /** The readers endpoint's answer for message seq ({items, count, sharing}). */
  noteReaders(roomId, seq, answer) {
    if (answer.sharing === false) { this.sharing = false; }
    var self = this;
    (answer.items || []).forEach(function (r) { self.noteSeen({room: roomId, login: r.login, displayName: r.displayName, seq: seq}); });
  }

  /** Who has read message m, by name; never its author (and nobody when sharing is off). */
  readersOf(m) {
    if (!this.sharing) { return []; }
    var marks = this.rooms.get(m.room);
    if (!marks) { return []; }
    return Array.from(marks.values()).filter(function (r) { return r.seq >= m.seq && r.login !== m.author; })
      .sort(function (a, b) { return a.displayName.localeCompare(b.displayName) || (a.login < b.login ? -1 : 1); });
  }

  /** A new socket: what was known may be stale (frames were missed); the page asks the endpoint again. */
  clear() {
    this.rooms.clear();
  }
}

/**
 * The line under the reader's latest message: "Seen" in a direct room, "Seen by Bob", "Seen by Bob and Cy",
 * "Seen by Bob, Cy and 3 others"; null when nobody has read it.
 */
export function seenLine(text, readers, direct) {
  if (!readers.length) { return null; }
  if (direct) { return text.t('chat.receipts.seen'); }
  var names = readers.map(function (r) { return r.displayName; });
  if (names.length === 1) { return format(text.t('chat.receipts.seenBy'), names[0]); }
  if (names.length === 2) { return format(text.t('chat.receipts.seenByTwo'), names[0], names[1]); }
  return format(text.plural(text.t('chat.receipts.seenByMany'), names.length - 2), '', names[0], names[1]);
}
