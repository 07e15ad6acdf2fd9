// Read receipts (issue 22, item 3) without a browser: what the page knows of who read what, and the line it shows.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Receipts, seenLine} from '../../main/webapp/resources/js/chat/state/receipts.js';
import {Texts} from '../../main/webapp/resources/js/chat/i18n/texts.js';

const EN = {'chat.receipts.seen': 'Seen', 'chat.receipts.seenBy': 'Seen by {0}', 'chat.receipts.seenByTwo': 'Seen by {0} and {1}',
  'chat.receipts.seenByMany': 'Seen by {1}, {2} and {0, plural, one {# other} other {# others}}'};
const RU = {'chat.receipts.seenByMany': 'Прочитано: {1}, {2} и ещё {0}'};

test('a reader counts from their mark on; the author never; the highest mark wins', () => {
  var r = new Receipts('ann');
  assert.equal(r.noteSeen({room: 1, login: 'bob', displayName: 'Bob', seq: 5}), true);
  assert.equal(r.noteSeen({room: 1, login: 'bob', displayName: 'Bob', seq: 3}), false, 'an older mark changes nothing');
  r.noteSeen({room: 1, login: 'ann', displayName: 'Ann', seq: 9});
  assert.deepEqual(r.readersOf({room: 1, seq: 5, author: 'ann'}).map(x => x.login), ['bob']);
  assert.deepEqual(r.readersOf({room: 1, seq: 6, author: 'ann'}).map(x => x.login), []);
  assert.deepEqual(r.readersOf({room: 1, seq: 6, author: 'cy'}).map(x => x.login), ['ann'], 'anyone else but the author');
  assert.deepEqual(r.readersOf({room: 2, seq: 1, author: 'ann'}), []);
});

test('the endpoint\'s answer is a lower bound; sharing off shows nobody', () => {
  var r = new Receipts('ann');
  r.noteReaders(1, 7, {items: [{login: 'cy', displayName: 'Cy'}, {login: 'bob', displayName: 'Bob'}], count: 2, sharing: true});
  assert.deepEqual(r.readersOf({room: 1, seq: 7, author: 'ann'}).map(x => x.displayName), ['Bob', 'Cy'], 'by name');
  assert.deepEqual(r.readersOf({room: 1, seq: 8, author: 'ann'}), []);
  r.noteReaders(1, 8, {items: [], count: 0, sharing: false});
  assert.deepEqual(r.readersOf({room: 1, seq: 7, author: 'ann'}), []);
});

test('the line: Seen in a direct room, names elsewhere, "and N others" in the page\'s language', () => {
  var en = new Texts('en', EN);
  var people = n => ['Bob', 'Cy', 'Dee', 'Eve', 'Fay'].slice(0, n).map(name => ({displayName: name}));
  assert.equal(seenLine(en, [], false), null);
  assert.equal(seenLine(en, people(1), true), 'Seen');
  assert.equal(seenLine(en, people(1), false), 'Seen by Bob');
  assert.equal(seenLine(en, people(2), false), 'Seen by Bob and Cy');
  assert.equal(seenLine(en, people(3), false), 'Seen by Bob, Cy and 1 other');
  assert.equal(seenLine(en, people(5), false), 'Seen by Bob, Cy and 3 others');
  assert.equal(seenLine(new Texts('ru', RU), people(5), false), 'Прочитано: Bob, Cy и ещё 3');
});
