/**
 * Threads (issue 22, item 1) as the page knows them, without a DOM (unit-tested in Node, src/test/js/threads.test.js):
 * which messages belong in a room's main list, the summary under a root, the reader's followed threads with their
 * unread replies (GET /api/v1/threads, `thread` frames, hello's threadUnread) and the replies of the open thread.
 * protocol/receive.js changes it from frames; views read it.
 */

/** Whether a message shows in its room's main list: every message but a thread-only reply. */
export function inMainList(m) {
  return !m.thread || m.alsoToRoom === true;
}

/** Whether a message counts in its room's unread and mention counts (thread-only replies count in their thread). */
export function countsInRoom(m) {
  return inMainList(m);
}

/**
 * The line under a root: "3 replies · last reply 5 minutes ago" (text: i18n/texts.js Texts; now: ms, for tests).
 * Empty when the root has no replies.
 */
export function summaryText(text, summary, now) {
  if (!summary || !summary.replies) { return ''; }
  var line = text.plural(text.t('chat.thread.replies'), summary.replies);
  if (summary.lastReplyAt) {
    line += ' · ' + text.t('chat.thread.lastReply') + ' ' + text.ago(new Date(summary.lastReplyAt), now);
  }
  return line;
}

/** A thread's key in maps: room and root seq. */
export function threadKey(room, root) { return room + ':' + root; }

/**
 * The reader's followed threads and unread replies. byKey: room:root -> {room, roomName, root (message or seq),
 * replies, lastReplyAt, unread, following}. base: room -> hello's threadUnread (the count before the list is loaded).
 */
export class Threads {
  constructor() {
    this.byKey = new Map();
    this.base = new Map();
    this.loaded = false;     // the followed list (its first page) has come
    this.next = null;        // the list's next page, when there is one
  }

  /** hello: each room's unread thread replies (followed threads). */
  fromHello(rooms) {
    var self = this;
    self.base.clear();
    rooms.forEach(function (info) { self.base.set(info.id, info.threadUnread || 0); });
  }

  /** The followed list's page (GET /api/v1/threads): more adds a later page to the one held. */
  keepList(page, more) {
    var self = this;
    if (!more) {
      Array.from(self.byKey.keys()).forEach(function (key) { if (self.byKey.get(key).following) { self.byKey.delete(key); } });
    }
    (page.items || []).forEach(function (item) {
      var root = typeof item.root === 'object' && item.root !== null ? item.root.seq : item.root;
      self.byKey.set(threadKey(item.room, root), Object.assign({}, item, {rootSeq: root}));
    });
    this.next = page.next === undefined ? null : page.next;
    this.loaded = true;
  }

  /** A `thread` frame (docs/protocol.md): the thread's replies, unread and whether the reader follows it now. */
  apply(frame) {
    var key = threadKey(frame.room, frame.root);
    var held = this.byKey.get(key) || {room: frame.room, root: frame.root, rootSeq: frame.root};
    ['replies', 'unread', 'lastReplyAt', 'following'].forEach(function (field) {
      if (frame[field] !== undefined) { held[field] = frame[field]; }
    });
    this.byKey.set(key, held);
    return held;
  }

  get(room, root) { return this.byKey.get(threadKey(room, root)) || null; }

  /** The reader read a thread up to its newest reply. */
  read(room, root) {
    var held = this.get(room, root);
    if (held) { held.unread = 0; }
  }

  /** The unread replies of the threads followed in a room: what the room's entry marks. */
  unreadIn(room) {
    var sum = 0;
    this.byKey.forEach(function (t) {
      if (t.room === room && t.following !== false) { sum += t.unread || 0; }
    });
    // Before the list has come, hello's count stands (a frame about one thread does not tell of the others).
    return this.loaded ? sum : Math.max(sum, this.base.get(room) || 0);
  }

  /** The unread replies of all followed threads: the "Threads" entry's badge. */
  totalUnread(roomIds) {
    var self = this;
    var rooms = new Set(roomIds || []);
    this.byKey.forEach(function (t) { rooms.add(t.room); });
    this.base.forEach(function (n, room) { rooms.add(room); });
    var total = 0;
    rooms.forEach(function (room) { total += self.unreadIn(room); });
    return total;
  }

  /** The followed threads, latest reply first. */
  followed() {
    return Array.from(this.byKey.values()).filter(function (t) { return t.following !== false; })
      .sort(function (a, b) { return (Date.parse(b.lastReplyAt) || 0) - (Date.parse(a.lastReplyAt) || 0); });
  }
}

/**
 * The replies of the open thread: {room, root (message), items: Map(seq -> message), next (older page), loaded}.
 * keep() takes a live reply or a change by the higher version.
 */
export class OpenThread {
  constructor(room, rootSeq) {
    this.room = room;
    this.rootSeq = rootSeq;
    this.root = null;
    this.items = new Map();
    this.next = null;
    this.loaded = false;
  }

  /** A page of GET /api/v1/rooms/{id}/threads/{seq}: the root, its replies (oldest first) and the next (older) page. */
  keepPage(page) {
    var self = this;
    if (page.root) { this.keepRoot(page.root); }
    (page.items || []).forEach(function (m) { self.keep(m); });
    this.next = page.next === undefined ? null : page.next;
    this.loaded = true;
  }

  keepRoot(m) {
    if (!this.root || (m.version || 0) >= (this.root.version || 0)) { this.root = m; return true; }
    return false;
  }

  /** Whether this message is the open thread's (its root or one of its replies). */
  concerns(m) {
    return m.room === this.room && (m.seq === this.rootSeq || m.thread === this.rootSeq);
  }

  /** Keeps a reply or the root: 'new', 'changed' or false (not this thread's, or not newer). */
  keep(m) {
    if (!this.concerns(m)) { return false; }
    if (m.seq === this.rootSeq) { return this.keepRoot(m) ? 'changed' : false; }
    var held = this.items.get(m.seq);
    if (held && (m.version || 0) <= (held.version || 0)) { return false; }
    this.items.set(m.seq, m);
    return held ? 'changed' : 'new';
  }

  /** The replies in order, oldest first. */
  replies() {
    return Array.from(this.items.values()).sort(function (a, b) { return a.seq - b.seq; });
  }

  /** The newest reply's seq (what "read" tells the server), or 0. */
  newestSeq() {
    var max = 0;
    this.items.forEach(function (m, seq) { if (seq > max) { max = seq; } });
    return max;
  }
}
