// Threads on the page (issue 22, item 1), without a DOM: which messages the main list shows and the room counts,
// the summary under a root in three languages, followed threads' unread replies, the open thread's replies, and
// the sends that carry a thread.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {inMainList, summaryText, Threads, OpenThread} from '../../main/webapp/resources/js/chat/state/threads.js';
import {Texts} from '../../main/webapp/resources/js/chat/i18n/texts.js';
import {continuesGroup} from '../../main/webapp/resources/js/chat/views/messageList.js';
import {sendFrame} from '../../main/webapp/resources/js/chat/protocol/frames.js';
import {createReceiver} from '../../main/webapp/resources/js/chat/protocol/receive.js';
import {Store} from '../../main/webapp/resources/js/chat/state/store.js';
import {Outbox} from '../../main/webapp/resources/js/chat/state/outbox.js';
import {Presence} from '../../main/webapp/resources/js/chat/state/presence.js';

function bundle(lang) {
  var file = new URL('../../main/resources/org/jointchat/i18n/messages' + (lang === 'en' ? '' : '_' + lang) + '.properties', import.meta.url);
  var words = {};
  readFileSync(file, 'utf8').split('\n').forEach((line) => {
    var at = line.indexOf('=');
    if (at > 0 && !/^\s*[#!]/.test(line)) { words[line.slice(0, at).trim()] = line.slice(at + 1).trim(); }
  });
  return words;
}

function message(roomId, seq, extra) {
  return Object.assign({type: 'message', room: roomId, seq: seq, author: 'bob', authorName: 'Bob', text: 'm' + seq, version: seq}, extra || {});
}

/** The receiver over a store whose room 1 is shown and loaded, with a view that records its calls. */
function page() {
  var store = new Store('alice');
  var threads = new Threads();
  var calls = [];
  var view = new Proxy({}, {get: (t, name) => function () {
    calls.push([name].concat(Array.from(arguments)));
    if (name === 'show') { store.current = arguments[0]; }
    return undefined;
  }});
  var receiver = createReceiver({store, outbox: new Outbox(null), presence: new Presence(), view, threads, send: () => true, later: () => {}});
  receiver.receive({type: 'hello', onlineCount: 1, user: {login: 'alice'}, rooms: [
    {id: 1, kind: 'public', name: 'one', lastSeq: 0, unread: 0, mentions: 0, threadUnread: 0},
    {id: 2, kind: 'public', name: 'two', lastSeq: 0, unread: 0, mentions: 0, threadUnread: 3}]});
  store.current = 1;
  var r = store.rooms.get(1);
  r.loaded = true;
  r.lastSeq = 0;
  return {store, threads, calls, receive: receiver.receive, called: (name) => calls.filter((c) => c[0] === name)};
}

test('the main list holds every message but a thread-only reply', () => {
  assert.equal(inMainList({seq: 1}), true);
  assert.equal(inMainList({seq: 2, thread: 1}), false);
  assert.equal(inMainList({seq: 3, thread: 1, alsoToRoom: true}), true);
  assert.equal(inMainList({seq: 4, threadSummary: {replies: 2}}), true, 'a root');
});

test('a thread-only reply goes to its thread, not to the main list nor to the room\'s unread count', () => {
  var p = page();
  p.receive(message(1, 1));
  p.receive(message(1, 2, {thread: 1}));
  assert.equal(p.called('showNew').length, 1, 'only the root is appended to the main list');
  assert.deepEqual(p.called('threadReply').map((c) => c[1].seq), [2]);
  assert.equal(p.store.rooms.get(1).unread, 1, 'the root counts (not read at once), the thread-only reply does not');
  assert.equal(p.store.rooms.get(1).lastSeq, 2, 'its seq is held: the room syncs from after it');
  p.receive(message(1, 3, {thread: 1, alsoToRoom: true}));
  assert.equal(p.called('showNew').length, 2, 'a reply also sent to the room shows in the main list');
  assert.equal(p.called('threadReply').length, 2, '... and in its thread');
});

test('a thread-only reply in a room not loaded does not count in the room either', () => {
  var p = page();
  p.receive(message(2, 5, {thread: 4}));
  assert.equal(p.store.rooms.get(2).unread, 0);
  p.receive(message(2, 6));
  assert.equal(p.store.rooms.get(2).unread, 1);
});

test('a read elsewhere counts only what the main list shows', () => {
  var p = page();
  p.receive(message(1, 1));
  p.receive(message(1, 2, {thread: 1}));
  p.receive(message(1, 3, {thread: 1}));
  p.store.readElsewhere(1, 0);
  assert.equal(p.store.rooms.get(1).unread, 1);
});

test('hello\'s threadUnread marks a room until the followed list comes; thread frames keep the counts', () => {
  var p = page();
  assert.equal(p.threads.unreadIn(2), 3, 'hello said 3');
  assert.equal(p.threads.unreadIn(1), 0);
  assert.equal(p.threads.totalUnread([1, 2]), 3);
  p.receive({type: 'thread', room: 1, root: 40, replies: 3, unread: 2, lastReplyAt: '2026-12-07T04:00:00Z', following: true});
  assert.equal(p.threads.unreadIn(1), 2);
  assert.equal(p.called('threadActivity').length, 1);
  p.threads.keepList({items: [{room: 2, roomName: 'two', root: {seq: 7, author: 'bob', text: 'x'}, replies: 4, unread: 1,
    lastReplyAt: '2026-12-07T03:00:00Z', following: true}], next: null});
  assert.equal(p.threads.unreadIn(2), 1, 'the list knows each thread');
  assert.equal(p.threads.totalUnread([1, 2]), 1, 'the list replaced what the frames said of followed threads');
  p.receive({type: 'thread', room: 2, root: 7, replies: 5, unread: 2, lastReplyAt: '2026-12-07T04:30:00Z', following: true});
  assert.equal(p.threads.totalUnread([1, 2]), 2);
  assert.deepEqual(p.threads.followed().map((t) => t.rootSeq), [7], 'latest first, followed only');
  p.threads.read(2, 7);
  assert.equal(p.threads.unreadIn(2), 0);
  p.receive({type: 'thread', room: 2, root: 7, unread: 1, following: false});
  assert.equal(p.threads.unreadIn(2), 0, 'an unfollowed thread marks nothing');
  assert.equal(p.threads.followed().length, 0);
});

test('the summary under a root, in three languages, with plural forms', () => {
  var now = Date.parse('2026-12-07T04:05:00Z');
  var summary = (lang, replies) => summaryText(new Texts(lang, bundle(lang)), {replies, lastReplyAt: '2026-12-07T04:00:00Z'}, now);
  assert.equal(summary('en', 1), '1 reply · last reply 5 minutes ago');
  assert.equal(summary('en', 3), '3 replies · last reply 5 minutes ago');
  assert.equal(summary('ru', 2), '2 ответа · последний ответ 5 минут назад');
  assert.equal(summary('ru', 5), '5 ответов · последний ответ 5 минут назад');
  assert.equal(summary('ru', 21), '21 ответ · последний ответ 5 минут назад');
  assert.equal(summary('uk', 1), '1 відповідь · остання відповідь 5 хвилин тому');
  assert.equal(summary('uk', 3), '3 відповіді · остання відповідь 5 хвилин тому');
  assert.equal(summaryText(new Texts('en', bundle('en')), {replies: 0}), '', 'no replies: no line');
  assert.equal(summaryText(new Texts('en', bundle('en')), null), '');
});

test('the open thread keeps its root and replies by version, oldest first, and ignores other threads', () => {
  var t = new OpenThread(1, 40);
  t.keepPage({root: {room: 1, seq: 40, version: 40}, items: [{room: 1, seq: 42, thread: 40, version: 42}, {room: 1, seq: 41, thread: 40, version: 41}], next: 41});
  assert.deepEqual(t.replies().map((m) => m.seq), [41, 42]);
  assert.equal(t.next, 41);
  assert.equal(t.keep({room: 1, seq: 43, thread: 40, version: 43}), 'new');
  assert.equal(t.keep({room: 1, seq: 43, thread: 40, version: 43}), false, 'a duplicate');
  assert.equal(t.keep({room: 1, seq: 42, thread: 40, version: 50, text: 'edited'}), 'changed');
  assert.equal(t.keep({room: 1, seq: 42, thread: 40, version: 45}), false, 'an older state');
  assert.equal(t.keep({room: 1, seq: 44, thread: 39, version: 44}), false, 'another thread');
  assert.equal(t.keep({room: 2, seq: 44, thread: 40, version: 44}), false, 'another room');
  assert.equal(t.keep({room: 1, seq: 40, version: 51, threadSummary: {replies: 3}}), 'changed', 'the root\'s new summary');
  assert.equal(t.root.threadSummary.replies, 3);
  assert.equal(t.newestSeq(), 43);
});

test('a send carries its thread, and "also to the room" only with one', () => {
  assert.deepEqual(sendFrame('c1', {room: 1, text: 'hi', thread: 40}), {type: 'send', room: 1, text: 'hi', clientId: 'c1', thread: 40});
  assert.deepEqual(sendFrame('c2', {room: 1, text: 'hi', thread: 40, alsoToRoom: true}),
    {type: 'send', room: 1, text: 'hi', clientId: 'c2', thread: 40, alsoToRoom: true});
  assert.deepEqual(sendFrame('c3', {room: 1, text: 'hi', alsoToRoom: true}), {type: 'send', room: 1, text: 'hi', clientId: 'c3'});
});

test('a root with replies ends its author\'s group, and a reply shown in the room starts one', () => {
  var at = (minutes) => new Date(2026, 11, 7, 10, minutes).toISOString();
  var root = {author: 'bob', sentAt: at(0), threadSummary: {replies: 2}};
  assert.equal(continuesGroup({author: 'bob', sentAt: at(0)}, {author: 'bob', sentAt: at(1)}), true);
  assert.equal(continuesGroup(root, {author: 'bob', sentAt: at(1)}), false, 'after "2 replies"');
  assert.equal(continuesGroup({author: 'bob', sentAt: at(0)}, {author: 'bob', sentAt: at(1), thread: 3, alsoToRoom: true}), false,
    '"replied to a thread" starts its own');
});
