// The composer's length (issue 21, item 6): when the counter shows and what it says, what of a paste fits, the height.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {counter, pasteFit, grownHeight} from '../../main/webapp/resources/js/chat/views/composerLength.js';
import {Texts} from '../../main/webapp/resources/js/chat/i18n/texts.js';

function bundle(lang) {
  var file = new URL('../../main/resources/org/jointchat/i18n/messages' + (lang === 'en' ? '' : '_' + lang) + '.properties', import.meta.url);
  var words = {};
  readFileSync(file, 'utf8').split('\n').forEach((line) => {
    var at = line.indexOf('=');
    if (at > 0 && !/^\s*[#!]/.test(line)) { words[line.slice(0, at).trim()] = line.slice(at + 1).trim(); }
  });
  return new Texts(lang, words);
}

test('the counter shows from 3,500 characters and says how many are left, full at the limit', () => {
  assert.equal(counter(0), null);
  assert.equal(counter(3499), null);
  assert.deepEqual(counter(3500), {left: 500, full: false});
  assert.deepEqual(counter(3877), {left: 123, full: false});
  assert.deepEqual(counter(4000), {left: 0, full: true});
  assert.deepEqual(counter(4100), {left: 0, full: true});
  assert.deepEqual(counter(8, 10, 5), {left: 2, full: false});
});

test('a paste that fits is kept whole; a longer one is cut to the room left, with the count cut', () => {
  assert.deepEqual(pasteFit('hello', 0, 0), {text: 'hello', cut: 0});
  var long = 'x'.repeat(4100);
  assert.deepEqual(pasteFit(long, 0, 0), {text: 'x'.repeat(4000), cut: 100});
  assert.deepEqual(pasteFit(long, 3990, 0), {text: 'x'.repeat(10), cut: 4090});
  // The selection is replaced: its characters make room.
  assert.deepEqual(pasteFit('abcdef', 4000, 4, 4000), {text: 'abcd', cut: 2});
  assert.deepEqual(pasteFit('abc', 4000, 0), {text: '', cut: 3});
  // Windows line breaks count as one character, as the textarea holds them.
  assert.deepEqual(pasteFit('a\r\nb', 0, 0, 3), {text: 'a\nb', cut: 0});
});

test('the input grows with its content up to the maximum, then scrolls', () => {
  assert.deepEqual(grownHeight(20, 40, 300), {height: 40, scrolls: false});
  assert.deepEqual(grownHeight(120, 40, 300), {height: 120, scrolls: false});
  assert.deepEqual(grownHeight(900, 40, 300), {height: 300, scrolls: true});
});

test('the counter and the paste line in English, Russian and Ukrainian', () => {
  var en = bundle('en');
  assert.equal(en.plural(en.t('chat.charsLeft'), 123), '123 characters left');
  assert.equal(en.plural(en.t('chat.charsLeft'), 1), '1 character left');
  assert.equal(en.plural(en.t('chat.charsLeft'), 0), '0 characters left');
  assert.equal(en.plural(en.t('chat.pasteCut'), 100), 'The paste was cut at 4,000 characters: 100 characters did not fit.');
  var ru = bundle('ru');
  assert.equal(ru.plural(ru.t('chat.charsLeft'), 1), 'Остался 1 символ');
  assert.equal(ru.plural(ru.t('chat.charsLeft'), 123), 'Осталось 123 символа');
  assert.equal(ru.plural(ru.t('chat.charsLeft'), 0), 'Осталось 0 символов');
  assert.equal(ru.plural(ru.t('chat.pasteCut'), 100), 'Вставка обрезана на 4000 символах: 100 символов не поместились.');
  var uk = bundle('uk');
  assert.equal(uk.plural(uk.t('chat.charsLeft'), 21), 'Залишився 21 символ');
  assert.equal(uk.plural(uk.t('chat.charsLeft'), 123), 'Залишилося 123 символи');
  assert.equal(uk.plural(uk.t('chat.pasteCut'), 100), 'Вставку обрізано на 4000 символах: 100 символів не вмістилися.');
});
