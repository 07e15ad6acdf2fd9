/**
 * What the page knows: the rooms (their info, the messages held, seq and version marks, unread and mention counts),
 * the room shown, and display names. protocol/receive.js turns frames into calls of these methods, the page's
 * actions (showing a room, loading history, marking read) call them too; views only read. Listeners hear 'rooms'
 * when the room list or its badges changed. No DOM: unit-tested in Node (src/test/js).
 *
 * A room: {info, messages: Map(seq -> message), lastSeq (held without a gap), oldestSeq, maxSeq, loaded, unread,
 * mentions, version (the highest version known complete), baseVersion (of the first page), syncing, syncMax,
 * changes: Map(seq -> changed message not held yet)}.
 */
import {CHANGES_HELD} from '../limits.js';
import {syncFrame} from '../protocol/frames.js';
import {inMainList} from './threads.js';

/** Whether message a is a later state than b (edits, deletions and reactions raise the version). */
export function newer(a, b) { return (a.version || 0) > (b.version || 0); }

export class Store {
  constructor(me) {
    this.me = me;
    this.rooms = new Map();
    this.current = null;       // id of the room shown
    this.names = new Map();    // login -> display name, as last seen
    this.admin = false;        // administrators moderate every room
    this.onlineTotal = 0;
    this.listeners = new Map();
  }

  on(type, listener) {
    if (!this.listeners.has(type)) { this.listeners.set(type, []); }
    this.listeners.get(type).push(listener);
  }

  emit(type, detail) {
    (this.listeners.get(type) || []).forEach(function (listener) { listener(detail); });
  }

  upsertRoom(info) {
    var room = this.rooms.get(info.id);
    if (!room) {
      room = {messages: new Map(), lastSeq: null, oldestSeq: null, maxSeq: 0, loaded: false, unread: info.unread || 0,
        mentions: info.mentions || 0, version: null, baseVersion: null, syncing: false, syncMax: 0, changes: new Map()};
      this.rooms.set(info.id, room);
    } else {
      if (info.unread !== undefined) { room.unread = info.unread; }
      if (info.mentions !== undefined) { room.mentions = info.mentions; }
    }
    room.info = Object.assign(room.info || {}, info);
    return room;
  }

  /** Shows a room: true when it is another room than the one shown. */
  select(id) {
    var switched = this.current !== id;
    this.current = id;
    if (switched) { this.emit('current', id); }   // views that follow the shown room (scheduled messages, issue 22 item 7)
    return switched;
  }

  /** Only these rooms remain (hello lists every room the reader is in). */
  keepOnly(ids) {
    var self = this;
    Array.from(this.rooms.keys()).forEach(function (id) { if (!ids.has(id)) { self.rooms.delete(id); } });
  }

  /** Keeps a message: 'new' when its seq was not held, 'changed' when it replaced an older version, else false. */
  keep(m) {
    var room = this.rooms.get(m.room);
    if (!room) { return false; }
    var later = room.changes.get(m.seq);
    if (later) {
      room.changes.delete(m.seq);
      if (newer(later, m)) { m = later; }
    }
    var held = room.messages.get(m.seq);
    if (held) {
      if (!newer(m, held)) { return false; }
      room.messages.set(m.seq, m);
      return 'changed';
    }
    room.messages.set(m.seq, m);
    room.maxSeq = Math.max(room.maxSeq, m.seq);
    if (room.oldestSeq === null || m.seq < room.oldestSeq) { room.oldestSeq = m.seq; }
    this.advance(room);
    this.names.set(m.author, m.authorName);
    return 'new';
  }

  /** A room's first page is on its way: from now on the room's messages are held (and counted when shown). */
  startLoading(room) { room.loaded = true; }

  /** The room's first message is held: there is nothing older. */
  noOlder(room) { room.hasOlder = false; }

  /** A room's first page (the newest messages): held, and from now on the room is synced from its last seq. */
  keepFirstPage(room, page, size) {
    var self = this;
    page.forEach(function (m) {
      self.keep(m);
      room.baseVersion = Math.max(room.baseVersion || 0, m.version || 0);
    });
    room.lastSeq = page.length ? page[page.length - 1].seq : 0;
    this.advance(room);
    room.hasOlder = page.length >= size;
  }

  /** A page before the oldest held (limit size): held; hasOlder says whether there may be more. */
  keepOlderPage(room, page, size) {
    var self = this;
    page.forEach(function (m) { self.keep(m); });
    room.hasOlder = page.length >= size;
  }

  /** The room's members as last loaded (for @ suggestions; a membership change forgets them). */
  keepMembers(id, members, now) {
    var room = this.rooms.get(id);
    if (!room) { return; }
    room.members = members;
    room.membersAt = now === undefined ? Date.now() : now;
  }

  /** Live messages may overtake a sync's replay: lastSeq only moves over an unbroken run. */
  advance(room) {
    if (room.lastSeq === null) { return; }
    while (room.messages.has(room.lastSeq + 1)) { room.lastSeq++; }
  }

  /**
   * The version mark moves with live frames only once a sync has established it and none is running: a frame
   * seen while a replay is under way says nothing yet about the changes still to come in that replay.
   */
  noteVersion(room, version) {
    if (!version) { return; }
    if (room.syncing || room.version === null) { room.syncMax = Math.max(room.syncMax, version); } else { room.version = Math.max(room.version, version); }
  }

  /**
   * The sync frame for what a held room missed: messages after the last seq held without a gap and — from the
   * highest version seen (docs/protocol.md, "Changes and reconnecting") — the changes to those it holds.
   * Null while its first page is loading (that syncs when it is in).
   */
  syncFrame(id) {
    var room = this.rooms.get(id);
    if (!room || room.lastSeq === null) { return null; }
    return syncFrame(id, room.lastSeq, room.version !== null ? room.version : room.baseVersion);
  }

  /** The replay asked for is complete: every change up to lastVersion (and the live ones meanwhile) is held. */
  synced(id, lastVersion) {
    var room = this.rooms.get(id);
    if (!room) { return; }
    room.syncing = false;
    room.version = Math.max(room.version || 0, lastVersion || 0, room.syncMax);
    room.syncMax = 0;
  }

  /**
   * A message was edited, deleted or reacted to: the higher version wins. Returns 'replaced' (with the message it
   * replaced as held), 'kept' (not loaded yet: kept for when a history page brings it) or null (nothing new).
   */
  change(m) {
    var room = this.rooms.get(m.room);
    if (!room || !room.loaded) { return null; }
    this.noteVersion(room, m.version);
    var held = room.messages.get(m.seq);
    if (!held) {
      var kept = room.changes.get(m.seq);
      if (kept && !newer(m, kept)) { return null; }
      room.changes.delete(m.seq);
      room.changes.set(m.seq, m);
      if (room.changes.size > CHANGES_HELD) { room.changes.delete(room.changes.keys().next().value); }
      return {result: 'kept'};
    }
    if (!newer(m, held)) { return null; }
    room.messages.set(m.seq, m);
    return {result: 'replaced', held: held};
  }

  mentionsMe(m) {
    var me = this.me;
    return !!(m.mentions && m.mentions.some(function (login) { return login.toLowerCase() === me; }));
  }

  /**
   * Whether a message is new to the counts: hello's unread and mention counts already include every seq up to the
   * room's lastSeq, so a replay after reconnecting adds nothing; only messages past it count (and move the mark).
   */
  fresh(room, m) {
    var fresh = m.seq > (room.info.lastSeq || 0);
    if (fresh) { room.info.lastSeq = m.seq; }
    return fresh;
  }

  /** The one place where a message counts as unread (and as a mention of the reader). */
  countUnread(room, m) {
    room.unread++;
    if (this.mentionsMe(m)) { room.mentions++; }
    this.emit('rooms');
  }

  /** The shown room is read up to its newest message: the seq to tell the server, or null when it knows. */
  markRead(id) {
    var room = this.rooms.get(id);
    if (!room || room.lastSeq === null) { return null; }
    var seq = room.maxSeq;
    var tell = null;
    if (seq > (room.info.lastReadSeq || 0)) {
      room.info.lastReadSeq = seq;
      tell = seq;
    }
    if (room.unread || room.mentions) { room.unread = 0; room.mentions = 0; this.emit('rooms'); }
    return tell;
  }

  /** Another tab or device read up to seq: the counts shrink to what is held past it (never grow). */
  readElsewhere(id, seq) {
    var room = this.rooms.get(id);
    if (!room) { return; }
    room.info.lastReadSeq = Math.max(room.info.lastReadSeq || 0, seq);
    var unread = 0;
    var mentions = 0;
    room.messages.forEach(function (m, held) {
      if (held > seq && m.author !== this.me && m.kind !== 'system' && inMainList(m)) {   // thread-only replies: issue 22, item 1
        unread++;
        if (this.mentionsMe(m)) { mentions++; }
      }
    }, this);
    room.unread = Math.min(room.unread, unread);
    room.mentions = Math.min(room.mentions, mentions);
    this.emit('rooms');
  }

  /** The reader's newest message in a room that is not deleted (ArrowUp in an empty composer edits it). */
  lastOwnMessage(id) {
    var room = this.rooms.get(id);
    if (!room) { return null; }
    var best = null;
    room.messages.forEach(function (m) {
      if (m.author === this.me && !m.deleted && m.kind !== 'system' && inMainList(m) && (!best || m.seq > best.seq)) { best = m; }
    }, this);
    return best;
  }

  /**
   * The reader's standing in a room (docs/api.md, "Moderation"): whether they moderate it (its owner, one of its
   * moderators, an administrator) and, when they cannot post now, why: 'archived', 'muted' (until when) or
   * 'announcement'. Worked out from the room's own fields, which its room frames keep current (hello's canPost
   * is the same rule at the time of hello).
   */
  standing(info, now) {
    var moderators = info.moderators;
    var moderates = info.kind !== 'direct' && (this.admin || info.owner === this.me
      || (moderators ? moderators.indexOf(this.me) >= 0 : info.canModerate === true));
    var until = info.mutedUntil ? Date.parse(info.mutedUntil) : 0;
    var reason = info.archived ? 'archived' : until > (now === undefined ? Date.now() : now) ? 'muted'
      : info.announcement && !moderates ? 'announcement' : null;
    return {moderates: moderates, reason: reason, until: reason === 'muted' ? until : 0};
  }

  /** A refusal (MUTED, ARCHIVED, ANNOUNCEMENT_ONLY) tells of a standing the page had not heard of yet: true when it did. */
  learnStanding(error, id) {
    var room = this.rooms.get(id);
    if (!room) { return false; }
    if (error.code === 'MUTED' && error.until) {
      room.info.mutedUntil = error.until;
    } else if (error.code === 'ARCHIVED') {
      room.info.archived = true;
    } else if (error.code === 'ANNOUNCEMENT_ONLY') {
      room.info.announcement = true;
    } else {
      return false;
    }
    return true;
  }
}
