// Pending sends survive a reload and are resent by clientId; actions wait for their answer.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Outbox, PENDING_KEY, newClientId} from '../../main/webapp/resources/js/chat/state/outbox.js';

function memoryStorage() {
  var items = new Map();
  return {getItem: (k) => items.has(k) ? items.get(k) : null, setItem: (k, v) => items.set(k, String(v)), items: items};
}

test('a pending message is stored, survives a new page, and is resent with the same clientId', () => {
  var storage = memoryStorage();
  var outbox = new Outbox(storage);
  outbox.add('c1', {room: 1, text: 'hello', replyTo: 4, attachments: [{id: 9, name: 'a.png'}]});
  outbox.add('c2', {room: 2, text: 'there'});
  assert.deepEqual(Object.keys(JSON.parse(storage.getItem(PENDING_KEY))), ['c1', 'c2']);
  var again = new Outbox(storage);   // a reload
  var sent = [];
  again.resendAll((frame) => sent.push(frame));
  assert.deepEqual(sent, [
    {type: 'send', room: 1, text: 'hello', clientId: 'c1', replyTo: 4, attachments: [9]},
    {type: 'send', room: 2, text: 'there', clientId: 'c2'}]);
  assert.deepEqual(again.inRoom(2), [['c2', {room: 2, text: 'there'}]]);
});

test('an ack forgets it once; nothing is resent after that', () => {
  var outbox = new Outbox(memoryStorage());
  outbox.add('c1', {room: 1, text: 'x'});
  assert.equal(outbox.forget('c1'), true);
  assert.equal(outbox.forget('c1'), false);
  assert.equal(outbox.forget(undefined), false);
  var sent = [];
  outbox.resendAll((frame) => sent.push(frame));
  assert.deepEqual(sent, []);
  assert.equal(outbox.frameFor('c1'), null);
});

test('broken or missing storage: the outbox still works in memory', () => {
  var broken = {getItem: () => '{not json', setItem: () => { throw new Error('full'); }};
  var outbox = new Outbox(broken);
  outbox.add('c1', {room: 1, text: 'x'});
  assert.equal(outbox.has('c1'), true);
  assert.equal(new Outbox(null).has('c1'), false);
});

test('actions: an error answers one by clientId, a changed frame answers all of that message', () => {
  var outbox = new Outbox(null);
  outbox.ask('a1', {kind: 'edit', room: 1, seq: 5});
  outbox.ask('a2', {kind: 'react', room: 1, seq: 5});
  outbox.ask('a3', {kind: 'delete', room: 1, seq: 6});
  assert.deepEqual(outbox.refused('a3'), {kind: 'delete', room: 1, seq: 6});
  assert.equal(outbox.refused('a3'), null);
  outbox.answered(1, 5);
  assert.deepEqual(outbox.actions, {});
});

test('client ids differ', () => {
  assert.notEqual(newClientId(), newClientId());
  assert.match(newClientId(), /^c[0-9a-z]+$/);
});
