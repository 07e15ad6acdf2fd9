// Scheduled messages (issue 22, item 7): the pure parts of views/scheduling.js.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {applyScheduled, chosenTime, inputValues, quickChoice, roomScheduled} from '../../main/webapp/resources/js/chat/views/scheduling.js';

test('quick choices: in 30 minutes to the minute, tomorrow at 09:00 local time', () => {
  const now = new Date(2030, 0, 31, 22, 45, 17);
  assert.deepEqual(quickChoice('in30', now), new Date(2030, 0, 31, 23, 15, 0));
  assert.deepEqual(quickChoice('tomorrow9', now), new Date(2030, 1, 1, 9, 0, 0));
});

test('the inputs show a local date and time; seconds only when there are some', () => {
  assert.deepEqual(inputValues(new Date(2030, 4, 6, 7, 8, 0)), {date: '2030-05-06', time: '07:08'});
  assert.deepEqual(inputValues(new Date(2030, 4, 6, 7, 8, 9)), {date: '2030-05-06', time: '07:08:09'});
});

test('a chosen time must be given, 10 s ahead at least and within a year', () => {
  const now = new Date(2030, 0, 1, 12, 0, 0);
  assert.equal(chosenTime('', '12:30', now).error, 'chat.sched.needTime');
  assert.equal(chosenTime('2030-01-01', '', now).error, 'chat.sched.needTime');
  assert.equal(chosenTime('2030-01-01', '11:59', now).error, 'chat.sched.tooSoon');
  assert.equal(chosenTime('2030-01-01', '12:00:05', now).error, 'chat.sched.tooSoon');
  assert.equal(chosenTime('2031-06-01', '12:00', now).error, 'chat.sched.tooFar');
  assert.deepEqual(chosenTime('2030-01-01', '12:00:15', now).at, new Date(2030, 0, 1, 12, 0, 15));
});

test('frames keep pending and failed messages and drop sent and cancelled ones; a room lists its own soonest first', () => {
  const items = new Map();
  applyScheduled(items, {type: 'scheduled', id: 1, room: 5, sendAt: '2030-01-02T00:00:00.000Z', state: 'pending', text: 'b'});
  applyScheduled(items, {type: 'scheduled', id: 2, room: 5, sendAt: '2030-01-01T00:00:00.000Z', state: 'pending', text: 'a'});
  applyScheduled(items, {type: 'scheduled', id: 3, room: 6, sendAt: '2030-01-01T00:00:00.000Z', state: 'failed', text: 'c'});
  assert.deepEqual(roomScheduled(items, 5).map(s => s.text), ['a', 'b']);
  assert.equal(items.get(3).state, 'failed');
  assert.equal(items.get(1).type, undefined);
  applyScheduled(items, {type: 'scheduled', id: 2, room: 5, state: 'sent', seq: 9});
  applyScheduled(items, {type: 'scheduled', id: 3, room: 6, state: 'cancelled'});
  assert.deepEqual(Array.from(items.keys()), [1]);
});

test('a scheduled frame reaches the views as the store\'s scheduled event; showing another room is the current event', async () => {
  const {createReceiver} = await import('../../main/webapp/resources/js/chat/protocol/receive.js');
  const {Store} = await import('../../main/webapp/resources/js/chat/state/store.js');
  const {Outbox} = await import('../../main/webapp/resources/js/chat/state/outbox.js');
  const {Presence} = await import('../../main/webapp/resources/js/chat/state/presence.js');
  const store = new Store('alice');
  const heard = [];
  store.on('scheduled', (frame) => heard.push(['scheduled', frame.id, frame.state]));
  store.on('current', (id) => heard.push(['current', id]));
  const receiver = createReceiver({store, outbox: new Outbox(null), presence: new Presence(), view: {}, send: () => true});
  receiver.receive({type: 'scheduled', id: 7, room: 1, state: 'sent', seq: 3});
  store.select(4);
  store.select(4);
  assert.deepEqual(heard, [['scheduled', 7, 'sent'], ['current', 4]]);
});
