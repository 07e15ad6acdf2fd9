// The views' pure decisions (no DOM): grouping by author and day, scroll pinning, @ suggestions, and how the
// receiver's view hands frames on to the views' interfaces.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {startsDay, continuesGroup, nearEnd} from '../../main/webapp/resources/js/chat/views/messageList.js';
import {mentionQueryAt, fitSuggestions} from '../../main/webapp/resources/js/chat/views/suggestions.js';
import {createLiveView} from '../../main/webapp/resources/js/chat/views/live.js';

function at(hours, minutes) { return new Date(2026, 11, 6, hours, minutes).toISOString(); }

test('a message starts a day when it is the first or the day changed', () => {
  assert.equal(startsDay(null, {sentAt: at(10, 0)}), true);
  assert.equal(startsDay({sentAt: at(9, 0)}, {sentAt: at(10, 0)}), false);
  assert.equal(startsDay({sentAt: new Date(2026, 11, 5, 23, 59).toISOString()}, {sentAt: at(0, 1)}), true);
});

test('one author\'s messages within five minutes on one day are one group', () => {
  var first = {author: 'bob', sentAt: at(10, 0)};
  assert.equal(continuesGroup(first, {author: 'bob', sentAt: at(10, 4)}), true);
  assert.equal(continuesGroup(first, {author: 'bob', sentAt: at(10, 5)}), false, 'five minutes later starts a new group');
  assert.equal(continuesGroup(first, {author: 'carol', sentAt: at(10, 1)}), false, 'another author');
  assert.equal(continuesGroup(null, {author: 'bob', sentAt: at(10, 1)}), false, 'the first message');
  assert.equal(continuesGroup({author: 'bob', sentAt: new Date(2026, 11, 5, 23, 59).toISOString()}, {author: 'bob', sentAt: at(0, 1)}), false,
    'across midnight');
});

test('the pane is at its end within 40 pixels of the bottom', () => {
  assert.equal(nearEnd(1000, 600, 400), true);
  assert.equal(nearEnd(1000, 561, 400), true);
  assert.equal(nearEnd(1000, 560, 400), false);
  assert.equal(nearEnd(400, 0, 400), true, 'a pane that does not scroll');
});

test('the @word before the caret is the query', () => {
  assert.deepEqual(mentionQueryAt('hi @Bo', 6, 6), {start: 3, end: 6, prefix: 'bo'});
  assert.deepEqual(mentionQueryAt('@', 1, 1), {start: 0, end: 1, prefix: ''});
  assert.deepEqual(mentionQueryAt('(@al', 4, 4), {start: 1, end: 4, prefix: 'al'});
  assert.equal(mentionQueryAt('mail@example', 12, 12), null, 'an e-mail address');
  assert.equal(mentionQueryAt('hi @bo', 3, 6), null, 'a selection');
  assert.equal(mentionQueryAt('hi @bo there', 12, 12), null, 'the caret after the word');
});

test('suggestions: not the reader, logins that start with the prefix first, then by name, at most max', () => {
  var people = [{login: 'zed', displayName: 'Bob Zed'}, {login: 'bob', displayName: 'Bob'}, {login: 'alice', displayName: 'Alice'},
    {login: 'bobby', displayName: 'Bobby'}, {login: 'carl', displayName: 'Carl'}];
  assert.deepEqual(fitSuggestions(people, 'bo', 'alice', 8).map((p) => p.login), ['bob', 'bobby', 'zed']);
  assert.deepEqual(fitSuggestions(people, 'al', 'alice', 8), [], 'the reader is never offered');
  assert.deepEqual(fitSuggestions(people, '', 'alice', 2).map((p) => p.login), ['bob', 'zed'], 'by name when all start alike');
});

/** The views as recorders: every call to an interface is noted in order. */
function views(options) {
  var calls = [];
  var recorder = (name, answers) => new Proxy({}, {
    get: (target, method) => function () {
      calls.push(name + '.' + String(method));
      return answers && method in answers ? answers[method] : undefined;
    }
  });
  var v = {
    el: {membersPanel: {hidden: options && options.panelHidden !== undefined ? options.panelHidden : true}},
    store: {current: 1},
    labels: {errorText: (error) => 'why:' + error.code},
    greeted: () => calls.push('socket.greeted'),
    banner: recorder('banner'),
    editing: recorder('editing', {failed: !!(options && options.editFailed)}),
    list: recorder('list'), composer: recorder('composer'), outgoing: recorder('outgoing'), people: recorder('people'),
    rooms: recorder('rooms'), members: recorder('members'), notifications: recorder('notifications')
  };
  return {view: createLiveView(v), calls};
}

test('a changed message closes its edit before the list redraws it, then the reply bar follows', () => {
  var page = views();
  page.view.messageChanged({room: 1, seq: 3}, {});
  assert.deepEqual(page.calls, ['editing.changed', 'list.refresh', 'composer.messageChanged']);
  page = views();
  page.view.messageChanged({room: 2, seq: 3}, {});
  assert.deepEqual(page.calls, ['editing.changed', 'composer.messageChanged'], 'a room not shown is not redrawn');
});

test('a refused edit goes to the edit box; other refusals to the composer', () => {
  var page = views({editFailed: true});
  page.view.actionFailed({code: 'X', clientId: 'a'}, {kind: 'edit'});
  assert.deepEqual(page.calls, ['editing.failed']);
  page = views({editFailed: false});
  page.view.actionFailed({code: 'X', clientId: 'a'}, {kind: 'react'});
  assert.deepEqual(page.calls, ['composer.showError']);
});

test('hello: the edit being saved is not any more, the socket is greeted, the banner goes', () => {
  var page = views();
  page.view.connected();
  assert.deepEqual(page.calls, ['editing.connected', 'socket.greeted', 'banner.hide']);
});

test('a change to the shown room redraws the header; members reload unless only its details changed while the panel is closed', () => {
  var page = views({panelHidden: true});
  page.view.currentRoomChanged({event: 'updated'}, false);
  assert.deepEqual(page.calls, ['rooms.renderHeader']);
  page = views({panelHidden: true});
  page.view.currentRoomChanged({event: 'joined'}, true);
  assert.deepEqual(page.calls, ['rooms.renderHeader', 'members.load', 'people.loadOnline']);
});

test('a presence frame repaints every place that shows presence: the members panel\'s dots too (issue 21, item 3)', () => {
  var page = views();
  page.view.presenceChanged(false);
  assert.deepEqual(page.calls, ['rooms.render', 'people.renderProfilePresence', 'people.renderMemberDots']);
  page = views();
  page.view.presenceChanged(true);
  assert.deepEqual(page.calls, ['people.renderOnline', 'rooms.render', 'people.renderProfilePresence', 'people.renderMemberDots']);
});
