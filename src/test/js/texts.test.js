// The page's words: plural forms of the real bundles (en, ru, uk), numbers, days, error texts, the JSON block.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {Texts, readTexts, format, firstLine} from '../../main/webapp/resources/js/chat/i18n/texts.js';

/** A bundle as the server renders it into the page's JSON block (key -> raw pattern). */
function bundle(lang) {
  var file = new URL('../../main/resources/org/jointchat/i18n/messages' + (lang === 'en' ? '' : '_' + lang) + '.properties', import.meta.url);
  var words = {};
  readFileSync(file, 'utf8').split('\n').forEach((line) => {
    var at = line.indexOf('=');
    if (at > 0 && !/^\s*[#!]/.test(line)) {
      words[line.slice(0, at).trim()] = line.slice(at + 1).trim().replace(/\\u([0-9a-fA-F]{4})/g, (x, hex) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
  return words;
}

function texts(lang) { return new Texts(lang, bundle(lang)); }

test('English plurals: one and other', () => {
  var en = texts('en');
  assert.equal(en.plural(en.t('rooms.memberCount'), 1), '1 member');
  assert.equal(en.plural(en.t('rooms.memberCount'), 2), '2 members');
  assert.equal(en.plural(en.t('rooms.memberCount'), 1000), '1,000 members');
});

test('Russian plurals for 1, 2, 5, 11, 21, 22, 25', () => {
  var ru = texts('ru');
  var p = (n) => ru.plural(ru.t('rooms.memberCount'), n);
  assert.equal(p(1), '1 участник');
  assert.equal(p(2), '2 участника');
  assert.equal(p(5), '5 участников');
  assert.equal(p(11), '11 участников');
  assert.equal(p(21), '21 участник');
  assert.equal(p(22), '22 участника');
  assert.equal(p(25), '25 участников');
});

test('Ukrainian plurals for 1, 2, 5, 21', () => {
  var uk = texts('uk');
  var p = (n) => uk.plural(uk.t('chat.unread'), n);
  assert.equal(p(1), '1 непрочитане повідомлення');
  assert.equal(p(2), '2 непрочитані повідомлення');
  assert.equal(p(5), '5 непрочитаних повідомлень');
  assert.equal(p(21), '21 непрочитане повідомлення');
});

test('an exact =N form wins over the rule; {0} outside a plural is the number', () => {
  var en = new Texts('en', {});
  assert.equal(en.plural('{0, plural, =0 {nobody} one {# person} other {# people}}', 0), 'nobody');
  assert.equal(en.plural('{0, plural, =0 {nobody} one {# person} other {# people}}', 1), '1 person');
  assert.equal(en.plural('{0} new', 3), '3 new');
});

test('days: today, yesterday, a weekday this year, the year for another year', () => {
  var en = new Texts('en', {});
  var now = new Date(2026, 11, 6, 15, 0);
  assert.equal(en.day(new Date(2026, 11, 6, 0, 5), 'Today', 'Yesterday', now), 'Today');
  assert.equal(en.day(new Date(2026, 11, 5, 23, 55), 'Today', 'Yesterday', now), 'Yesterday');
  assert.equal(en.day(new Date(2026, 10, 3, 12, 0), 'Today', 'Yesterday', now), 'Tuesday, November 3');
  assert.equal(en.day(new Date(2025, 10, 3, 12, 0), 'Today', 'Yesterday', now), 'November 3, 2025');
  var ru = new Texts('ru', {});
  assert.equal(ru.day(new Date(2025, 10, 3, 12, 0), 'Сегодня', 'Вчера', now), '3 ноября 2025 г.');
});

test('ago: relative times in the page\'s language', () => {
  var now = Date.parse('2026-12-06T15:00:00Z');
  assert.equal(new Texts('en', {}).ago(new Date(now - 5 * 60000), now), '5 minutes ago');
  assert.equal(new Texts('ru', {}).ago(new Date(now - 2 * 3600000), now), '2 часа назад');
  assert.equal(new Texts('uk', {}).ago(new Date(now - 86400000), now), 'учора');
});

test('sizes and percentages', () => {
  var en = new Texts('en', {});
  assert.equal(en.size(830), '830 B');
  assert.equal(en.size(12400), '12.4 kB');
  assert.equal(en.percent(0.42), '42%');
});

test('error frames: the code\'s words, the mute\'s end, else the server\'s message', () => {
  var en = texts('en');
  assert.equal(en.error({code: 'TOO_LONG', message: 'x'}, String), bundle('en')['problem.too-long']);
  assert.equal(en.error({code: 'MUTED', until: 'T'}, (until) => 'at ' + until), format(bundle('en')['chat.mod.errorMuted'], 'at T'));
  assert.equal(en.error({code: 'NEW_CODE', message: 'Server words'}, String), 'Server words');
  assert.equal(en.t('no.such.key'), 'no.such.key');
});

test('format fills {0}, {1} once; firstLine shortens', () => {
  assert.equal(format('{0} muted {1}', 'Ann {1}', 'Bob'), 'Ann {1} muted Bob');
  assert.equal(firstLine('one\ntwo'), 'one');
  assert.equal(firstLine('x'.repeat(200)).length, 120);
});

test('the JSON block: read once; a missing or broken block gives the keys themselves', () => {
  var doc = (text) => ({getElementById: (id) => id === 'chat-texts' && text !== null ? {textContent: text} : null});
  assert.deepEqual(readTexts(doc('{"chat.send":"Send \\u003c/script>"}'), 'chat-texts'), {'chat.send': 'Send </script>'});
  assert.deepEqual(readTexts(doc('{broken'), 'chat-texts'), {});
  assert.deepEqual(readTexts(doc(null), 'chat-texts'), {});
});

test('Times: "3:50 AM" in English without a leading zero; 24 hours in Russian and Ukrainian (issue 21, item 12)', () => {
  var early = new Date(2026, 0, 1, 3, 50);
  var late = new Date(2026, 0, 1, 15, 5);
  var en = texts('en');
  assert.match(en.time(early), /^3:50\s?AM$/);
  assert.match(en.time(late), /^3:05\s?PM$/);
  for (var lang of ['ru', 'uk']) {
    var t = texts(lang);
    assert.match(t.time(early), /^0?3:50$/, lang);
    assert.equal(t.time(late), '15:05', lang);
  }
  assert.match(en.shortDateTime(early, early), /3:50\s?AM/);
  assert.doesNotMatch(en.shortDateTime(early, early), /03:50/);
});
