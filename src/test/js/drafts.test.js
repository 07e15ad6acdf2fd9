// Drafts (issue 22, item 6): views/drafts.js without a browser — saves after typing stops, restores per room,
// applies another tab's frame only to a composer the reader is not typing in, clears on send.
import {test, mock} from 'node:test';
import assert from 'node:assert/strict';
import {createDrafts} from '../../main/webapp/resources/js/chat/views/drafts.js';

function page() {
  var listeners = {};
  globalThis.window = {addEventListener() {}};
  globalThis.document = {activeElement: null, visibilityState: 'visible', addEventListener() {}};
  var requests = [];
  var server = new Map();
  var api = (method, path, body) => {
    requests.push({method, path, body});
    var room = path.match(/rooms\/(\d+)\/draft/);
    if (method === 'PUT') {
      var key = room[1] + '/' + body.thread;
      if (body.text) { server.set(key, body.text); } else { server.delete(key); }
      return Promise.resolve({ok: true, status: body.text ? 200 : 204, json: async () => ({text: body.text})});
    }
    if (room) {
      var text = server.get(room[1] + '/' + (Number((path.match(/thread=(\d+)/) || [0, 0])[1])));
      return Promise.resolve({ok: true, status: text ? 200 : 204, json: async () => ({text})});
    }
    return Promise.resolve({ok: true, status: 200, json: async () => Array.from(server, ([k, text]) => ({room: Number(k.split('/')[0]),
      thread: Number(k.split('/')[1]), text}))});
  };
  var changes = 0;
  var drafts = createDrafts({api, context: '', lang: 'en', changed: () => { changes++; }});
  var input = {value: '', addEventListener: (type, fn) => { listeners[type] = fn; }};
  var where = {room: 1, thread: 0};
  var binding = drafts.bind(input, () => where);
  var type = (text) => { input.value = text; listeners.input(); };
  return {drafts, input, binding, type, requests, server, go: (room) => { where = {room, thread: 0}; binding.switched(); },
    changes: () => changes, settle: () => new Promise((resolve) => setImmediate(resolve))};
}

test('a draft is saved a second after typing stops, once', async () => {
  mock.timers.enable({apis: ['setTimeout']});
  try {
    var p = page();
    await p.settle();
    p.type('hal');
    mock.timers.tick(500);
    p.type('half a thought');
    mock.timers.tick(999);
    assert.equal(p.requests.filter((r) => r.method === 'PUT').length, 0, 'not while typing');
    mock.timers.tick(1);
    await p.settle();
    var puts = p.requests.filter((r) => r.method === 'PUT');
    assert.equal(puts.length, 1);
    assert.deepEqual({text: puts[0].body.text, thread: puts[0].body.thread}, {text: 'half a thought', thread: 0});
    assert.ok(puts[0].body.origin.startsWith('tab-'), 'the tab names itself');
    assert.equal(p.drafts.has(1), true, 'the room list may mark it');
  } finally {
    mock.timers.reset();
  }
});

test('switching rooms saves the old room\'s draft at once and restores the new one\'s', async () => {
  var p = page();
  p.server.set('2/0', 'for room two');
  await p.settle();
  p.type('for room one');
  p.go(2);
  await p.settle();
  await p.settle();
  assert.equal(p.server.get('1/0'), 'for room one', 'saved without waiting');
  assert.equal(p.input.value, 'for room two', 'the new room\'s draft from the server');
  p.go(1);
  assert.equal(p.input.value, 'for room one', 'known here already');
});

test('another tab\'s frame fills a composer the reader is not typing in, never one they are', async () => {
  var p = page();
  await p.settle();
  p.drafts.received({type: 'draft', room: 1, thread: 0, text: 'from the phone', origin: 'tab-other'});
  assert.equal(p.input.value, 'from the phone');
  globalThis.document.activeElement = p.input;
  p.drafts.received({type: 'draft', room: 1, thread: 0, text: 'later', origin: 'tab-other'});
  assert.equal(p.input.value, 'from the phone', 'focused: left alone');
  globalThis.document.activeElement = null;
  p.drafts.received({type: 'draft', room: 2, thread: 0, text: 'elsewhere', origin: 'tab-other'});
  assert.equal(p.input.value, 'from the phone', 'another room\'s draft is only remembered');
  assert.equal(p.drafts.has(2), true);
  p.drafts.received({type: 'draft', room: 2, thread: 0, text: '', origin: 'tab-other'});
  assert.equal(p.drafts.has(2), false, 'a cleared draft is no draft');
});

test('sending clears the draft on the server', async () => {
  var p = page();
  await p.settle();
  p.type('send me');
  p.binding.sent();
  await p.settle();
  var puts = p.requests.filter((r) => r.method === 'PUT');
  assert.equal(puts.at(-1).body.text, '');
  assert.equal(p.server.has('1/0'), false);
  assert.equal(p.drafts.has(1), false);
});
