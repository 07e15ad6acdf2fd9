// Frames in, state out: the one path from /ws to the store, with a recording view instead of the DOM.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createReceiver} from '../../main/webapp/resources/js/chat/protocol/receive.js';
import {Store} from '../../main/webapp/resources/js/chat/state/store.js';
import {Outbox} from '../../main/webapp/resources/js/chat/state/outbox.js';
import {Presence} from '../../main/webapp/resources/js/chat/state/presence.js';

/** A page without a DOM: the receiver with a view that records its calls, a socket that records frames. */
function page(options) {
  options = options || {};
  var store = new Store('alice');
  var outbox = new Outbox(null);
  var presence = new Presence();
  var sent = [];
  var calls = [];
  var timers = [];
  var view = new Proxy({}, {
    get: (target, name) => function () {
      calls.push([name].concat(Array.from(arguments)));
      if (name === 'show') { store.current = arguments[0]; }
      if (name === 'showNew') { return !!options.readNow; }
      if (name === 'rememberedRoom') { return options.remembered; }
      return undefined;
    }
  });
  var receiver = createReceiver({store, outbox, presence, view, send: (frame) => { sent.push(frame); return options.offline !== true; },
    later: (fn, ms) => timers.push({fn, ms})});
  return {store, outbox, presence, sent, calls, timers, receive: receiver.receive, sync: receiver.sync,
    called: (name) => calls.filter((c) => c[0] === name)};
}

function hello(rooms) {
  return {type: 'hello', onlineCount: 3, user: {login: 'alice', admin: false}, rooms: rooms};
}

function room(id, extra) { return Object.assign({id: id, kind: 'public', name: 'r' + id, lastSeq: 0, unread: 0, mentions: 0}, extra || {}); }

function message(roomId, seq, extra) {
  return Object.assign({type: 'message', room: roomId, seq: seq, author: 'bob', authorName: 'Bob', text: 'm' + seq, version: seq}, extra || {});
}

test('hello: rooms known, the remembered room shown, unacked messages resent with their clientId', () => {
  var p = page({remembered: 2});
  p.outbox.add('c1', {room: 2, text: 'waiting'});
  p.receive(hello([room(1), room(2, {unread: 4, mentions: 1})]));
  assert.deepEqual(Array.from(p.store.rooms.keys()), [1, 2]);
  assert.equal(p.store.rooms.get(2).unread, 4);
  assert.equal(p.store.rooms.get(2).mentions, 1);
  assert.deepEqual(p.called('show'), [['show', 2]]);
  assert.deepEqual(p.sent, [{type: 'send', room: 2, text: 'waiting', clientId: 'c1'}]);
});

test('hello after a reconnect: rooms gone are dropped, loaded rooms not shown sync from their marks', () => {
  var p = page({remembered: 1});
  p.receive(hello([room(1), room(2), room(3)]));
  var two = p.store.rooms.get(2);
  two.loaded = true;
  two.lastSeq = 12;
  two.version = 40;
  p.sent.length = 0;
  p.receive(hello([room(1), room(2)]));
  assert.equal(p.store.rooms.has(3), false);
  assert.deepEqual(p.sent, [{type: 'sync', room: 2, afterSeq: 12, afterVersion: 40}]);
  assert.equal(two.syncing, true);
  p.receive({type: 'synced', room: 2, lastVersion: 44});
  assert.equal(two.syncing, false);
  assert.equal(two.version, 44);
});

test('messages with a gap: lastSeq waits for the missing one; a replayed duplicate is shown once', () => {
  var p = page({remembered: 1});
  p.receive(hello([room(1)]));
  var r = p.store.rooms.get(1);
  r.loaded = true;
  r.lastSeq = 0;
  p.receive(message(1, 1));
  p.receive(message(1, 3));
  assert.equal(r.lastSeq, 1);
  p.receive(message(1, 2));
  p.receive(message(1, 2));
  assert.equal(r.lastSeq, 3);
  assert.deepEqual(p.called('showNew').map((c) => c[1].seq), [1, 3, 2]);
});

test('unread and mentions: counted once per message past hello\'s lastSeq, never for a replay or the reader\'s own', () => {
  var p = page({remembered: 1});
  p.receive(hello([room(1), room(2, {lastSeq: 10, unread: 2})]));
  var two = p.store.rooms.get(2);
  p.receive(message(2, 9));                                   // a replay: already in hello's count
  p.receive(message(2, 11));
  p.receive(message(2, 12, {mentions: ['alice']}));
  p.receive(message(2, 12, {mentions: ['alice']}));           // the same message again
  p.receive(message(2, 13, {author: 'alice'}));               // the reader's own
  assert.equal(two.unread, 4);
  assert.equal(two.mentions, 1);
  assert.equal(p.called('notify').length, 2);
});

test('the shown room: a message read at once marks read; one arriving while the reader is scrolled up counts', () => {
  var reading = page({remembered: 1, readNow: true});
  reading.receive(hello([room(1)]));
  Object.assign(reading.store.rooms.get(1), {loaded: true, lastSeq: 0});
  reading.receive(message(1, 1, {mentions: ['alice']}));
  assert.equal(reading.called('markRead').length, 1);
  assert.equal(reading.store.rooms.get(1).unread, 0);

  var away = page({remembered: 1, readNow: false});
  away.receive(hello([room(1)]));
  Object.assign(away.store.rooms.get(1), {loaded: true, lastSeq: 0});
  away.receive(message(1, 1, {mentions: ['alice']}));
  assert.equal(away.called('markRead').length, 0);
  assert.equal(away.store.rooms.get(1).unread, 1);
  assert.equal(away.store.rooms.get(1).mentions, 1);
});

test('the own message coming back and its ack take it out of the outbox', () => {
  var p = page({remembered: 1});
  p.receive(hello([room(1)]));
  Object.assign(p.store.rooms.get(1), {loaded: true, lastSeq: 0});
  p.outbox.add('c1', {room: 1, text: 'mine'});
  p.outbox.add('c2', {room: 1, text: 'also mine'});
  p.receive(message(1, 1, {author: 'alice', clientId: 'c1'}));
  assert.equal(p.outbox.has('c1'), false);
  p.receive({type: 'ack', clientId: 'c2', room: 1, seq: 2});
  assert.equal(p.outbox.has('c2'), false);
  assert.deepEqual(p.called('acked'), [['acked', 'c2']]);
});

test('errors: rate limited is resent later with the same clientId; refused for good fails and teaches the standing', () => {
  var p = page({remembered: 1});
  p.receive(hello([room(1)]));
  p.outbox.add('c1', {room: 1, text: 'soon'});
  p.outbox.add('c2', {room: 1, text: 'never'});
  p.sent.length = 0;
  p.receive({type: 'error', code: 'RATE_LIMITED', clientId: 'c1'});
  assert.equal(p.timers.length, 1);
  p.timers[0].fn();
  assert.deepEqual(p.sent, [{type: 'send', room: 1, text: 'soon', clientId: 'c1'}]);
  p.receive({type: 'error', code: 'MUTED', until: '2099-01-01T00:00:00Z', clientId: 'c2'});
  assert.equal(p.outbox.has('c2'), false);
  assert.equal(p.store.rooms.get(1).info.mutedUntil, '2099-01-01T00:00:00Z');
  assert.equal(p.called('renderComposerState').length, 1);
  assert.equal(p.called('sendFailed')[0][1], 'c2');
});

test('a failed sync is asked again later; a refused edit goes to its action', () => {
  var p = page({remembered: 1});
  p.receive(hello([room(1)]));
  Object.assign(p.store.rooms.get(1), {loaded: true, lastSeq: 5});
  p.sync(1);
  p.receive({type: 'error', code: 'UNAVAILABLE', room: 1});
  assert.equal(p.store.rooms.get(1).syncing, false);
  p.sent.length = 0;
  p.timers[0].fn();
  assert.deepEqual(p.sent, [{type: 'sync', room: 1, afterSeq: 5}]);
  p.outbox.ask('e1', {kind: 'edit', room: 1, seq: 5});
  p.receive({type: 'error', code: 'TOO_LONG', clientId: 'e1'});
  assert.deepEqual(p.called('actionFailed')[0][2], {kind: 'edit', room: 1, seq: 5});
});

test('changed: the higher version replaces what is shown and answers the actions asked of it', () => {
  var p = page({remembered: 1});
  p.receive(hello([room(1)]));
  Object.assign(p.store.rooms.get(1), {loaded: true, lastSeq: 0});
  p.receive(message(1, 1, {version: 3}));
  p.outbox.ask('r1', {kind: 'react', room: 1, seq: 1});
  p.receive({type: 'changed', room: 1, seq: 1, version: 2, text: 'stale'});
  assert.equal(p.called('messageChanged').length, 0);
  p.receive({type: 'changed', room: 1, seq: 1, version: 7, text: 'edited', author: 'bob'});
  assert.equal(p.store.rooms.get(1).messages.get(1).text, 'edited');
  assert.equal(p.called('messageChanged').length, 1);
  assert.deepEqual(p.outbox.actions, {});
});

test('room frames: removal drops the room and shows another; a membership change forgets the member list', () => {
  var p = page({remembered: 1});
  p.receive(hello([room(1), room(2)]));
  p.store.rooms.get(1).members = [{login: 'bob'}];
  p.receive({type: 'room', event: 'joined', login: 'carol', room: {id: 1, memberCount: 3}});
  assert.equal(p.store.rooms.get(1).members, undefined);
  assert.equal(p.store.rooms.get(1).info.memberCount, 3);
  assert.deepEqual(p.called('currentRoomChanged')[0].slice(2), [true]);
  p.receive({type: 'room', event: 'removed', login: 'alice', room: {id: 1}});
  assert.equal(p.store.rooms.has(1), false);
  assert.equal(p.store.current, 2);
});

test('read elsewhere, presence, profile: the store follows', () => {
  var p = page({remembered: 1});
  p.receive(hello([room(1), room(2, {unread: 3})]));
  p.receive({type: 'read', room: 2, seq: 100});
  assert.equal(p.store.rooms.get(2).unread, 0);
  p.receive({type: 'presence', users: [{login: 'bob', displayName: 'Bob B', online: true, lastSeen: null}]});
  assert.deepEqual(p.presence.of.get('bob'), {online: true, lastSeen: null});
  p.receive({type: 'profile', user: {login: 'bob', displayName: 'Robert'}});
  assert.equal(p.store.names.get('bob'), 'Robert');
  p.receive({type: 'typing', room: 1, login: 'bob'});
  p.receive({type: 'typing', room: 2, login: 'bob'});   // not the room shown
  assert.equal(p.called('typing').length, 1);
  p.receive({type: 'no such frame'});
});
