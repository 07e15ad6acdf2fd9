// Pinned messages (issue 22, item 2) without a browser: who may pin (the server's rule), a room's pins from the list
// and from changed frames, the newer version winning.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {RoomPins, mayPin} from '../../main/webapp/resources/js/chat/ui/pins.js';

function message(seq, version, pinned, extra) {
  return Object.assign({room: 1, seq: seq, version: version, author: 'bob', authorName: 'Bob', text: 'm' + seq,
    sentAt: '2026-12-01T10:00:00Z'}, pinned ? {pinned: pinned} : {}, extra || {});
}

const plain = {moderates: false, reason: null};
const moderator = {moderates: true, reason: null};

test('any member pins in a room of up to 100 members; in a larger or announcement room only those who moderate it', () => {
  assert.equal(mayPin({kind: 'public', memberCount: 100}, plain), true);
  assert.equal(mayPin({kind: 'public', memberCount: 101}, plain), false);
  assert.equal(mayPin({kind: 'public', memberCount: 101}, moderator), true);
  assert.equal(mayPin({kind: 'public', memberCount: 3, announcement: true}, plain), false);
  assert.equal(mayPin({kind: 'public', memberCount: 3, announcement: true}, moderator), true);
  assert.equal(mayPin({kind: 'private', memberCount: 3, archived: true}, moderator), false, 'an archived room is read-only');
  assert.equal(mayPin({kind: 'public', memberCount: 3}, {moderates: false, reason: 'muted'}), false);
  assert.equal(mayPin({kind: 'direct', memberCount: 2}, plain), true);
});

test('the list and frames merge by version: a frame newer than the list stays, an older one changes nothing', () => {
  var pins = new RoomPins();
  assert.equal(pins.message(message(5, 12, {by: 'ann', byName: 'Ann', at: '2026-12-01T10:05:00Z'})), true, 'a frame before the list');
  pins.loadedList([
    {seq: 5, pinnedBy: 'ann', pinnedByName: 'Ann', pinnedAt: '2026-12-01T10:04:00Z', message: message(5, 11)},
    {seq: 3, pinnedBy: 'bob', pinnedByName: 'Bob', pinnedAt: '2026-12-01T10:01:00Z', message: message(3, 9)}]);
  assert.equal(pins.loaded, true);
  assert.deepEqual(pins.list().map(p => [p.seq, p.pinnedAt]), [[5, '2026-12-01T10:05:00Z'], [3, '2026-12-01T10:01:00Z']],
    'newest pin first; the frame (version 12) won over the list (version 11)');
  assert.equal(pins.message(message(3, 8)), false, 'an older version of an unpinned state changes nothing');
  assert.equal(pins.count, 2);
  assert.equal(pins.message(message(3, 13)), true, 'unpinned');
  assert.equal(pins.message(message(5, 14, {by: 'ann', byName: 'Ann', at: '2026-12-01T10:05:00Z'}, {deleted: true})), true,
    'a deleted message has no pin');
  assert.equal(pins.count, 0);
  assert.equal(pins.message(message(7, 15)), false, 'a change of a message that was never pinned changes no pins');
});
