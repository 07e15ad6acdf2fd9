// System lines and adding people (issue 21, item 2): the words of a system line, that it is nobody's unread
// message, grouping around it, and the people picker's pure choices.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {systemParts, systemText, isSystem} from '../../main/webapp/resources/js/chat/ui/systemLines.js';
import {offered, moved, queryOf, emptyState, PICKER_SIZE} from '../../main/webapp/resources/js/chat/ui/peopleChoice.js';
import {continuesGroup} from '../../main/webapp/resources/js/chat/views/messageList.js';
import {Store} from '../../main/webapp/resources/js/chat/state/store.js';
import {Outbox} from '../../main/webapp/resources/js/chat/state/outbox.js';
import {Presence} from '../../main/webapp/resources/js/chat/state/presence.js';
import {createReceiver} from '../../main/webapp/resources/js/chat/protocol/receive.js';

const WORDS = {
  'chat.system.added': '{0} added {1}', 'chat.system.left': '{0} left the room',
  'chat.system.renamed': '{0} renamed the room to “{2}”', 'chat.system.topicCleared': '{0} cleared the topic',
  'chat.system.owner': '{0} назначил(а) владельцем: {1}'
};
const t = (key) => WORDS[key] || key;

function line(type, extra) {
  return Object.assign({room: 1, seq: 5, version: 5, author: 'alice', authorName: 'Alice', text: '', html: '', kind: 'system',
    sentAt: '2026-12-07T01:00:00.000Z', clientId: 'system:1:5', event: Object.assign({type: type}, extra || {})});
}

test('a system line is put into words from its data, with the people as parts that link to them', () => {
  const m = line('added', {target: 'bob', targetName: 'Bob'});
  assert.equal(systemText(m, t, () => undefined), 'Alice added Bob');
  const parts = systemParts(m, t, (login) => login === 'bob' ? 'Bobby' : undefined);
  assert.deepEqual(parts, [{text: 'Alice', login: 'alice'}, {text: ' added '}, {text: 'Bobby', login: 'bob'}]);
  assert.equal(systemText(line('left'), t, () => undefined), 'Alice left the room');
  assert.equal(systemText(line('renamed', {value: 'Plans'}), t, () => undefined), 'Alice renamed the room to “Plans”');
  assert.equal(systemText(line('topic', {value: ''}), t, () => undefined), 'Alice cleared the topic');
  assert.equal(systemText(line('owner', {target: 'bob', targetName: 'Bob'}), t, () => undefined), 'Alice назначил(а) владельцем: Bob');
  assert.equal(isSystem(line('left')), true);
  assert.equal(isSystem({kind: undefined}), false);
});

test('a system line stands alone: it neither continues a group nor lets the next message continue one', () => {
  const at = '2026-12-07T01:00:00.000Z';
  const said = {author: 'alice', sentAt: at};
  assert.equal(continuesGroup(said, line('added', {target: 'bob'})), false);
  assert.equal(continuesGroup(line('added', {target: 'bob'}), said), false);
});

test('a system line is held in order but counts as nobody\'s unread message and notifies nobody', () => {
  const store = new Store('bob');
  const notified = [];
  const receiver = createReceiver({store, outbox: new Outbox(null), presence: new Presence(), send: () => true,
    view: {notify: (m) => notified.push(m)}});
  store.upsertRoom({id: 1, name: 'plans', kind: 'private', lastSeq: 4, lastReadSeq: 4, unread: 0});
  receiver.receive(Object.assign({type: 'message'}, line('added', {target: 'bob', targetName: 'Bob'})));
  assert.equal(store.rooms.get(1).unread, 0);
  assert.equal(notified.length, 0);
  receiver.receive({type: 'message', room: 1, seq: 6, version: 6, author: 'alice', authorName: 'Alice', text: 'hi', html: 'hi',
    sentAt: '2026-12-07T01:00:01.000Z', clientId: 'c1'});
  assert.equal(store.rooms.get(1).unread, 1, 'the message after it counts');
  assert.equal(notified.length, 1);
});

test('ArrowUp edits the reader\'s own last message, never a system line they caused', () => {
  const store = new Store('alice');
  store.upsertRoom({id: 1, name: 'plans', kind: 'private'});
  store.keep({room: 1, seq: 1, version: 1, author: 'alice', authorName: 'Alice', text: 'hi', sentAt: '2026-12-07T01:00:00.000Z'});
  store.keep(line('added', {target: 'bob'}));
  assert.equal(store.lastOwnMessage(1).seq, 1);
});

test('the picker offers found people but not the reader or the members, at most a page', () => {
  const found = [{login: 'ann', displayName: 'Ann'}, {login: 'Alice', displayName: 'Alice'}, {login: 'annika', displayName: 'Annika'}];
  assert.deepEqual(offered(found, 'alice', ['annika']).map((u) => u.login), ['ann']);
  const many = Array.from({length: 20}, (x, i) => ({login: 'u' + i, displayName: 'U' + i}));
  assert.equal(offered(many, 'me', []).length, PICKER_SIZE);
  assert.deepEqual(offered(null, 'me', []), []);
  const bobs = [{login: 'bobby', displayName: 'Bob A'}, {login: 'bob', displayName: 'Bob B'}];
  assert.deepEqual(offered(bobs, 'me', [], 'BOB').map((u) => u.login), ['bob', 'bobby'], 'the typed login first');
});

test('arrow keys go round the options; Home and End go to the ends', () => {
  assert.equal(moved(-1, 'ArrowDown', 3), 0);
  assert.equal(moved(2, 'ArrowDown', 3), 0);
  assert.equal(moved(0, 'ArrowUp', 3), 2);
  assert.equal(moved(1, 'End', 3), 2);
  assert.equal(moved(2, 'Home', 3), 0);
  assert.equal(moved(1, 'x', 3), 1);
  assert.equal(moved(0, 'ArrowDown', 0), -1);
});

test('a query is trimmed, loses a leading @, and an empty one asks nothing', () => {
  assert.equal(queryOf('  ann '), 'ann');
  assert.equal(queryOf('@bob'), 'bob');
  assert.equal(queryOf('   '), null);
  assert.equal(queryOf('x'.repeat(300)).length, 100);
});

test('a room that is only its reader offers adding people to its owner; general and direct rooms never', () => {
  assert.deepEqual(emptyState({kind: 'private', memberCount: 1, owner: 'alice'}, 'alice'), {state: 'alone', canAdd: true});
  assert.deepEqual(emptyState({kind: 'public', memberCount: 1, owner: 'bob'}, 'alice'), {state: 'alone', canAdd: false});
  assert.equal(emptyState({kind: 'private', memberCount: 2, owner: 'alice'}, 'alice').state, 'hello');
  assert.equal(emptyState({kind: 'private', owner: 'alice'}, 'alice').state, 'hello', 'until the count is known');
  assert.equal(emptyState({kind: 'global', memberCount: 1}, 'alice').state, 'hello');
  assert.equal(emptyState({kind: 'direct', memberCount: 1}, 'alice').state, 'hello');
});
