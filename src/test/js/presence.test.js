// Presence: the online list follows presence frames; the watch is sent only when it changed.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Presence} from '../../main/webapp/resources/js/chat/state/presence.js';

test('an online page, then presence frames move people in and out of the list', () => {
  var presence = new Presence();
  var names = new Map();
  presence.applyOnlinePage(1, {items: [{login: 'bob', displayName: 'Bob'}, {login: 'carol', displayName: 'Carol'}], count: 2, next: null}, true, names);
  assert.equal(names.get('carol'), 'Carol');
  assert.equal(presence.apply({users: [{login: 'bob', displayName: 'Bob', online: false, lastSeen: '2026-12-06T10:00:00Z'}]}, names), true);
  assert.equal(presence.panel.count, 1);
  assert.deepEqual(presence.of.get('bob'), {online: false, lastSeen: '2026-12-06T10:00:00Z'});
  assert.equal(presence.apply({users: [{login: 'bob', displayName: 'Bob', online: true}]}, names), true, 'known: back in the list');
  assert.equal(presence.apply({users: [{login: 'dave', displayName: 'Dave', online: true}]}, names), false, 'not a member listed');
  assert.equal(presence.panel.count, 2);
});

test('online counts: a short complete list reloads, a long one just counts, another room is ignored', () => {
  var presence = new Presence();
  presence.applyOnlinePage(1, {items: [{login: 'bob', displayName: 'Bob'}], count: 1, next: null}, true, new Map());
  assert.equal(presence.countChanged({room: 2, count: 5}, 1), null);
  assert.equal(presence.countChanged({room: 1, count: 1}, 1), null);
  assert.equal(presence.countChanged({room: 1, count: 3}, 1), 'reload');
  presence.panel.next = 'cursor';
  assert.equal(presence.countChanged({room: 1, count: 400}, 1), 'render');
  assert.equal(presence.panel.count, 400);
});

test('watch: the profile, direct peers, members and the online list; unchanged sets are not sent again', () => {
  var presence = new Presence();
  presence.applyOnlinePage(1, {items: [{login: 'erin', displayName: 'Erin'}], count: 1, next: null}, true, new Map());
  var rooms = new Map([[5, {info: {kind: 'direct', members: [{login: 'alice'}, {login: 'dan'}]}}], [1, {info: {kind: 'public'}}]]);
  var watch = presence.watchList(1, 'zed', rooms, 'alice', ['bob']);
  assert.deepEqual(watch.logins, ['bob', 'dan', 'erin', 'zed']);
  presence.watched = watch.key;
  assert.equal(presence.watchList(1, 'zed', rooms, 'alice', ['bob']), null);
  assert.notEqual(presence.watchList(2, 'zed', rooms, 'alice', ['bob']), null, 'another room');
});

test('watch: at most 500 users', () => {
  var presence = new Presence();
  var many = Array.from({length: 700}, (x, i) => 'user' + i);
  assert.equal(presence.watchList(1, null, new Map(), 'alice', many).logins.length, 500);
});

test('online frames: the same count with another tag (one left, one came) reloads the list', () => {
  var presence = new Presence();
  presence.applyOnlinePage(1, {items: [{login: 'ann', displayName: 'Ann'}, {login: 'xavier', displayName: 'Xavier'}], count: 2, next: null, tag: 10}, true, new Map());
  assert.equal(presence.countChanged({room: 1, count: 2, tag: 10}, 1), null, 'the answer to watch: nothing new');
  assert.equal(presence.countChanged({room: 1, count: 2, tag: 17}, 1), 'reload', 'Xavier left and Bob came within a second');
});

test('online frames while the list loads: the page on its way may be older, so it loads again after', () => {
  var presence = new Presence();
  assert.equal(presence.startLoad(true), true);
  // The first page (read before Bob came) is still on its way when the count that includes him comes.
  assert.equal(presence.countChanged({room: 1, count: 2, tag: 17}, 1), 'reload');
  assert.equal(presence.startLoad(true), false, 'one load at a time');
  assert.equal(presence.loadEnded(), true, 'the reload asked for meanwhile runs now');
  presence.applyOnlinePage(1, {items: [{login: 'ann', displayName: 'Ann'}], count: 1, next: null, tag: 10}, true, new Map());
  assert.equal(presence.startLoad(true), true);
  assert.equal(presence.countChanged({room: 1, count: 2, tag: 17}, 1), 'reload', 'a reload in flight: asked again');
  assert.equal(presence.startLoad(true), false);
  assert.equal(presence.loadEnded(), true);
  presence.applyOnlinePage(1, {items: [{login: 'ann', displayName: 'Ann'}, {login: 'bob', displayName: 'Bob'}], count: 2, next: null, tag: 17}, true, new Map());
  assert.equal(presence.countChanged({room: 1, count: 2, tag: 17}, 1), null, 'converged');
  assert.equal(presence.startLoad(false), true);
  assert.equal(presence.startLoad(false), false, 'a next page asked for while loading is not queued');
  assert.equal(presence.loadEnded(), false);
});
