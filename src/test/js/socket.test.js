// Reconnecting after a restart: the server's hint decides when (issue 24, item 3).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Socket} from '../../main/webapp/resources/js/chat/net/socket.js';

function delays(reason, times) {
  var out = [];
  for (var i = 0; i < times; i++) { out.push(new Socket('ws://x/ws', {}, function () {}).nextDelay({code: 1012, reason: reason})); }
  return out;
}

test('a restarting server that says "within M s" is given N to N+M seconds', () => {
  for (var d of delays('server restarting; retry after 20 s within 2 s', 200)) {
    assert.ok(d >= 20000 && d <= 22000, String(d));
  }
});

test('without "within", N to 2N seconds, as before', () => {
  var all = delays('server restarting; retry after 5 s', 200);
  for (var d of all) { assert.ok(d >= 5000 && d <= 10000, String(d)); }
  assert.ok(Math.max(...all) > 7500, 'spread over the whole range');
});
