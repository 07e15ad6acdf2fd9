// Status and do-not-disturb (issue 22, item 4): what reads as set, the do-not-disturb rule of notifications, and the
// dialog's choices of times. No browser: views/notifications.js runs against a stand-in document and Notification.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Statuses, statusAt, notificationsHeld, clearAfter, dndUntil} from '../../main/webapp/resources/js/chat/state/statuses.js';

var NOW = Date.parse('2026-12-07T10:00:00Z');
var LATER = '2026-12-07T10:30:00.000Z';

test('what ran out reads as none', () => {
  var s = {text: 'In a meeting', emoji: '📅', expiresAt: '2026-12-07T11:00:00Z', dnd: true, dndUntil: LATER};
  assert.deepEqual(statusAt(s, NOW), {text: 'In a meeting', emoji: '📅', expiresAt: '2026-12-07T11:00:00Z', dnd: true, dndUntil: LATER});
  var dndOver = statusAt(s, Date.parse(LATER));
  assert.equal(dndOver.dnd, false, 'do-not-disturb ended at its time');
  assert.equal(dndOver.emoji, '📅', 'the status runs longer');
  var allOver = statusAt(s, Date.parse('2026-12-07T11:00:00Z'));
  assert.deepEqual(allOver, {text: '', emoji: '', expiresAt: null, dnd: false, dndUntil: null});
  assert.equal(statusAt(undefined, NOW).dnd, false, 'nobody known: none');
});

test('frames and profiles fill the statuses; frames without status fields change nothing', () => {
  var statuses = new Statuses('ann');
  assert.equal(statuses.applyFrame({type: 'presence', users: [{login: 'bob', displayName: 'Bob', online: true, lastSeen: null,
    status: 'Lunch', statusEmoji: '🍔', statusExpiresAt: null, dnd: false, dndUntil: null}]}), true);
  assert.equal(statuses.at('bob', NOW).emoji, '🍔');
  assert.equal(statuses.applyFrame({type: 'presence', users: [{login: 'bob', online: false, lastSeen: null}]}), false,
    'an older server says no status: what the page knows stays');
  assert.equal(statuses.at('bob', NOW).text, 'Lunch');
  statuses.applyFrame({type: 'profile', user: {login: 'bob', displayName: 'Bob', status: '', statusEmoji: '', statusExpiresAt: null,
    dnd: true, dndUntil: LATER}});
  assert.equal(statuses.at('bob', NOW).emoji, '', 'cleared');
  assert.equal(statuses.at('bob', NOW).dnd, true);
  assert.equal(statuses.held(NOW), false, 'someone else\'s do-not-disturb holds back nothing of the reader\'s');
  statuses.applyMine({text: '', emoji: '', expiresAt: null, dnd: true, dndUntil: LATER});
  assert.equal(statuses.held(NOW), true);
  assert.equal(statuses.held(Date.parse(LATER)), false, 'until its time only');
});

test('the do-not-disturb rule: held while on, not when off or ended', () => {
  assert.equal(notificationsHeld({dnd: true, dndUntil: LATER}, NOW), true);
  assert.equal(notificationsHeld({dnd: false, dndUntil: null}, NOW), false);
  assert.equal(notificationsHeld({dnd: true, dndUntil: '2026-12-07T09:59:59Z'}, NOW), false, 'ended a second ago');
  assert.equal(notificationsHeld(undefined, NOW), false);
});

/** views/notifications.js in a hidden tab, with a Notification that records what it shows. */
async function hiddenTab(held) {
  var shown = [];
  var listeners = {};
  var title = {value: 'JointChat'};
  globalThis.document = {hidden: true, addEventListener: (type, fn) => { listeners[type] = fn; },
    get title() { return title.value; }, set title(v) { title.value = v; }};
  var Recording = function (t, options) { shown.push({title: t, body: options.body}); };
  Recording.permission = 'granted';
  globalThis.window = {Notification: Recording, focus: () => {}};
  var {createNotifications} = await import('../../main/webapp/resources/js/chat/views/notifications.js');
  var control = {hidden: false, addEventListener: () => {}};
  var notes = createNotifications({el: {notify: control, notifyHint: {hidden: true}},
    store: {mentionsMe: (m) => m.text.includes('@ann'), names: new Map()},
    text: {t: (k) => k, number: (n) => String(n)}, labels: {roomTitle: (info) => '# ' + info.name}, jumpTo: () => {},
    held: held});
  return {notes: notes, shown: shown, title: title};
}

test('while do-not-disturb is on, direct messages and mentions only count in the tab title', async () => {
  var statuses = new Statuses('ann');
  statuses.applyMine({dnd: true, dndUntil: new Date(Date.now() + 3600000).toISOString()});
  var tab = await hiddenTab(() => statuses.held(Date.now()));
  tab.notes.notify({room: 1, seq: 5, author: 'bob', authorName: 'Bob', text: 'are you there?'}, {info: {kind: 'direct'}});
  tab.notes.notify({room: 2, seq: 9, author: 'bob', authorName: 'Bob', text: '@ann the table is booked'}, {info: {kind: 'public', name: 'lunch'}});
  assert.equal(tab.title.value, '(2) JointChat', 'the title counts both');
  assert.deepEqual(tab.shown, [], 'nothing popped up');

  statuses.applyMine({dnd: false, dndUntil: null});   // off again: the next one notifies
  tab.notes.notify({room: 1, seq: 6, author: 'bob', authorName: 'Bob', text: 'ping'}, {info: {kind: 'direct'}});
  assert.equal(tab.title.value, '(3) JointChat');
  assert.deepEqual(tab.shown, [{title: 'Bob', body: 'ping'}]);
});

test('the dialog\'s times: clear after, and do-not-disturb for', () => {
  assert.equal(clearAfter('30m', NOW), '2026-12-07T10:30:00.000Z');
  assert.equal(clearAfter('1h', NOW), '2026-12-07T11:00:00.000Z');
  assert.equal(clearAfter('4h', NOW), '2026-12-07T14:00:00.000Z');
  assert.equal(clearAfter('never', NOW), null);
  var today = new Date(clearAfter('today', NOW));
  assert.equal(today.getDate(), new Date(NOW).getDate(), 'the end of the local day');
  assert.equal(today.getHours(), 23);
  assert.equal(dndUntil('off', NOW), null);
  assert.equal(dndUntil('1h', NOW), '2026-12-07T11:00:00.000Z');
  var nine = new Date(dndUntil('tomorrow', NOW));
  assert.equal(nine.getHours(), 9);
  assert.equal(nine.getMinutes(), 0);
  assert.ok(nine.getTime() > NOW && nine.getTime() - NOW <= 33 * 3600000, 'tomorrow at nine, local time');
});
