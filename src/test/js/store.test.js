// The page's state without a browser: seq marks and gaps, dedupe, versions, unread and mention counts.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Store} from '../../main/webapp/resources/js/chat/state/store.js';

function message(seq, extra) {
  return Object.assign({type: 'message', room: 1, seq: seq, author: 'bob', authorName: 'Bob', text: 'm' + seq, version: seq,
    sentAt: '2026-12-01T10:00:00Z'}, extra || {});
}

function loadedRoom(store, lastSeq) {
  var room = store.upsertRoom({id: 1, kind: 'public', name: 'general', lastSeq: lastSeq || 0});
  room.loaded = true;
  room.lastSeq = lastSeq || 0;
  return room;
}

test('lastSeq moves only over an unbroken run: a gap holds it until the missing seq comes', () => {
  var store = new Store('alice');
  var room = loadedRoom(store, 0);
  assert.equal(store.keep(message(1)), 'new');
  assert.equal(store.keep(message(3)), 'new');
  assert.equal(room.lastSeq, 1, 'seq 2 is missing');
  assert.equal(room.maxSeq, 3);
  store.keep(message(2));
  assert.equal(room.lastSeq, 3);
});

test('a message held twice is kept once; a higher version replaces it, a lower one does not', () => {
  var store = new Store('alice');
  var room = loadedRoom(store, 0);
  store.keep(message(1, {version: 5}));
  assert.equal(store.keep(message(1, {version: 5})), false);
  assert.equal(store.keep(message(1, {version: 4, text: 'old'})), false);
  assert.equal(store.keep(message(1, {version: 6, text: 'edited'})), 'changed');
  assert.equal(room.messages.size, 1);
  assert.equal(room.messages.get(1).text, 'edited');
});

test('a change to a message not loaded yet is kept and wins when an older copy arrives', () => {
  var store = new Store('alice');
  var room = loadedRoom(store, 10);
  assert.deepEqual(store.change(message(4, {version: 20, text: 'edited'})), {result: 'kept'});
  assert.equal(store.change(message(4, {version: 19})), null, 'an older change is not kept');
  store.keep(message(4, {version: 4, text: 'original'}));
  assert.equal(room.messages.get(4).text, 'edited');
  assert.equal(room.changes.size, 0);
});

test('the sync frame asks from the last seq without a gap and the version mark', () => {
  var store = new Store('alice');
  var room = loadedRoom(store, 7);
  room.baseVersion = 30;
  assert.deepEqual(store.syncFrame(1), {type: 'sync', room: 1, afterSeq: 7, afterVersion: 30});
  room.syncing = true;
  store.noteVersion(room, 41);          // live while the replay runs: remembered, not yet the mark
  assert.equal(room.version, null);
  store.synced(1, 35);
  assert.equal(room.version, 41);
  assert.deepEqual(store.syncFrame(1), {type: 'sync', room: 1, afterSeq: 7, afterVersion: 41});
  room.lastSeq = null;
  assert.equal(store.syncFrame(1), null, 'a room whose first page is loading is not synced');
});

test('unread and mention counts: counted once, cleared by reading, shrunk by a read elsewhere', () => {
  var store = new Store('alice');
  var room = loadedRoom(store, 0);
  var heard = 0;
  store.on('rooms', () => heard++);
  var plain = message(1);
  var mention = message(2, {mentions: ['Alice']});
  store.keep(plain);
  store.keep(mention);
  store.countUnread(room, plain);
  store.countUnread(room, mention);
  assert.equal(room.unread, 2);
  assert.equal(room.mentions, 1);
  assert.equal(heard, 2);
  store.readElsewhere(1, 1);
  assert.equal(room.unread, 1);
  assert.equal(room.mentions, 1);
  assert.equal(store.markRead(1), 2, 'the seq to tell the server');
  assert.equal(room.unread, 0);
  assert.equal(room.mentions, 0);
  assert.equal(store.markRead(1), null, 'the server knows already');
});

test('fresh: only messages past the room\'s lastSeq of hello are new to the counts', () => {
  var store = new Store('alice');
  var room = loadedRoom(store, 5);
  assert.equal(store.fresh(room, message(5)), false);
  assert.equal(store.fresh(room, message(6)), true);
  assert.equal(store.fresh(room, message(6)), false);
});

test('standing: muted until a time, archived, announcement rooms for non-moderators', () => {
  var store = new Store('alice');
  var now = Date.parse('2026-12-01T10:00:00Z');
  assert.deepEqual(store.standing({kind: 'public', owner: 'bob', mutedUntil: '2026-12-01T11:00:00Z'}, now),
    {moderates: false, reason: 'muted', until: Date.parse('2026-12-01T11:00:00Z')});
  assert.equal(store.standing({kind: 'public', owner: 'bob', mutedUntil: '2026-12-01T09:00:00Z'}, now).reason, null);
  assert.equal(store.standing({kind: 'public', owner: 'bob', archived: true}, now).reason, 'archived');
  assert.equal(store.standing({kind: 'public', owner: 'bob', announcement: true}, now).reason, 'announcement');
  assert.deepEqual(store.standing({kind: 'public', owner: 'alice', announcement: true}, now), {moderates: true, reason: null, until: 0});
  assert.equal(store.standing({kind: 'direct', owner: 'alice'}, now).moderates, false);
  store.admin = true;
  assert.equal(store.standing({kind: 'public', owner: 'bob', moderators: []}, now).moderates, true);
});

test('lastOwnMessage: the reader\'s newest message that is not deleted', () => {
  var store = new Store('alice');
  loadedRoom(store, 0);
  store.keep(message(1, {author: 'alice'}));
  store.keep(message(2, {author: 'alice', deleted: true}));
  store.keep(message(3));
  assert.equal(store.lastOwnMessage(1).seq, 1);
  assert.equal(store.lastOwnMessage(99), null);
});

test('history pages: older pages are held and say whether there may be more; members are kept with their time', () => {
  var store = new Store('alice');
  var room = loadedRoom(store, 0);
  store.keepFirstPage(room, [message(51), message(52)], 50);
  assert.equal(room.lastSeq, 52);
  assert.equal(room.hasOlder, false);
  store.keepOlderPage(room, Array.from({length: 50}, (x, i) => message(i + 1)), 50);
  assert.equal(room.hasOlder, true);
  assert.equal(room.oldestSeq, 1);
  assert.equal(room.lastSeq, 52, 'the first page set the mark');
  store.keepMembers(1, [{login: 'bob'}], 1234);
  assert.deepEqual([room.members, room.membersAt], [[{login: 'bob'}], 1234]);
  assert.equal(store.select(1), true);
  assert.equal(store.select(1), false);
});
