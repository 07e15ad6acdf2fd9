// Search filters (issue 22, item 8): what the search box suggests as the user types, and the text once one is picked.
// The words are what web/SearchFilterWords renders from SearchQuery.WORDS (SearchFilterWordsTest checks that side).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {tokenAt, parseToken, offers, offersForRooms, offersForPeople, applyOffer, wantsDate, quoted, isoDay, FILTER_SUGGESTIONS}
  from '../../main/webapp/resources/js/chat/ui/searchFilters.js';

const ROWS = [['from', 'from', 'от', 'від'], ['in', 'in', 'в', 'у'], ['before', 'before', 'до', 'до'], ['after', 'after', 'после', 'після'],
  ['on', 'on', 'дата', 'дата'], ['has', 'has', 'есть', 'має'], ['is', 'is', 'это', 'це']];
const VALUE_ROWS = [['file', 'file', 'файл', 'файл'], ['link', 'link', 'ссылка', 'посилання'], ['thread', 'thread', 'ветка', 'гілка'],
  ['pinned', 'pinned', 'закреплено', 'закріплено']];

function words(language) {
  const column = {en: 1, ru: 2, uk: 3}[language];
  const w = {language, keywords: {}, values: {}, anyKeyword: {}, anyValue: {}};
  ROWS.forEach((r) => { w.keywords[r[0]] = r[column]; r.slice(1).forEach((x) => { w.anyKeyword[x] = r[0]; }); });
  VALUE_ROWS.forEach((r) => { w.values[r[0]] = r[column]; r.slice(1).forEach((x) => { w.anyValue[x] = r[0]; }); });
  return w;
}
const EN = words('en');
const RU = words('ru');
const UK = words('uk');
const TODAY = new Date('2026-12-07T03:00:00Z');

function suggested(value, w) {
  const token = tokenAt(value, value.length, value.length);
  return offers(token ? parseToken(token.text, w) : null, w, TODAY).map((o) => o.insert);
}

test('the token at the caret: from the last space, a quoted name with its spaces', () => {
  assert.deepEqual(tokenAt('budget fr', 9, 9), {start: 7, end: 9, text: 'fr'});
  assert.deepEqual(tokenAt('in:"release pl', 14, 14), {start: 0, end: 14, text: 'in:"release pl'});
  assert.equal(tokenAt('budget ', 7, 7), null, 'after a space: nothing being typed');
  assert.equal(tokenAt('budget', 1, 3), null, 'a selection');
  assert.deepEqual(tokenAt('from:ann budget', 8, 8), {start: 0, end: 8, text: 'from:ann'}, 'the caret mid-text');
});

test('typing fr offers from:, in the page language first, then English', () => {
  assert.deepEqual(suggested('fr', EN), ['from:']);
  assert.deepEqual(suggested('budget o', EN), ['on:']);
  assert.deepEqual(suggested('о', RU), ['от:']);
  assert.deepEqual(suggested('піс', UK), ['після:']);
  assert.deepEqual(suggested('до', UK), ['до:'], 'a word shared by two languages is offered once');
  assert.deepEqual(suggested('fr', RU), ['from:'], 'English keywords work on a Russian page too');
  assert.deepEqual(suggested('budget', EN), [], 'a word that begins no filter');
  assert.deepEqual(suggested('https://example.org', EN), [], 'a URL is no filter');
  assert.deepEqual(suggested('', EN), []);
  assert.ok(suggested('a', EN).length <= FILTER_SUGGESTIONS);
});

test('has: and is: offer their values, in the page language', () => {
  assert.deepEqual(suggested('has:', EN), ['has:file', 'has:link']);
  assert.deepEqual(suggested('has:l', EN), ['has:link']);
  assert.deepEqual(suggested('is:', EN), ['is:thread', 'is:pinned']);
  assert.deepEqual(suggested('это:', RU), ['это:ветка', 'это:закреплено']);
  assert.deepEqual(suggested('це:з', UK), ['це:закріплено']);
  assert.deepEqual(suggested('is:p', UK), ['це:закріплено'], 'an English value typed on a Ukrainian page: the page word');
});

test('a date filter offers today and yesterday (UTC) and wants the YYYY-MM-DD hint', () => {
  assert.deepEqual(suggested('before:', EN), ['before:2026-12-07', 'before:2026-12-06']);
  assert.deepEqual(suggested('после:2026-12-06', RU), ['после:2026-12-06']);
  assert.deepEqual(suggested('on:2025', EN), []);
  assert.equal(wantsDate(parseToken('дата:', RU)), true);
  assert.equal(wantsDate(parseToken('from:', EN)), false);
  assert.equal(isoDay(new Date('2026-01-02T23:30:00Z')), '2026-01-02');
});

test('in: offers the reader\'s rooms (not direct ones), names with spaces quoted', () => {
  const rooms = [{name: 'release plans', kind: 'private'}, {name: 'general', kind: 'global'}, {name: 'ann, bob', kind: 'direct'},
    {name: 'ops', kind: 'public'}];
  const token = tokenAt('in:', 3, 3);
  const parsed = parseToken(token.text, EN);
  assert.deepEqual(offersForRooms(rooms, parsed.prefix, EN).map((o) => o.insert), ['in:general', 'in:ops', 'in:"release plans"']);
  assert.deepEqual(offersForRooms(rooms, parseToken('у:"rel', UK).prefix, UK).map((o) => o.insert), ['у:"release plans"']);
  assert.deepEqual(offersForRooms(rooms, 'p', EN).map((o) => o.label), ['# ops', '# release plans'], 'names that hold it, starts first');
  assert.equal(quoted('a "b" c'), '"a b c"');
});

test('from: offers people, the one whose login was typed first', () => {
  const people = [{login: 'bobby', displayName: 'Bobby'}, {login: 'bob', displayName: 'Bob Smith'}];
  const offered = offersForPeople(people, 'bob', RU);
  assert.deepEqual(offered.map((o) => o.insert), ['от:bob', 'от:bobby']);
  assert.equal(offered[0].label, 'Bob Smith');
  assert.equal(offered[0].detail, '@bob');
  assert.equal(parseToken('from:@bo', EN).prefix, 'bo', 'an @ before the login is left out');
});

test('picking: a keyword keeps the caret after its colon, a whole filter gets a space', () => {
  let value = 'budget fr';
  let token = tokenAt(value, 9, 9);
  let next = applyOffer(value, token, offers(parseToken(token.text, EN), EN, TODAY)[0]);
  assert.deepEqual(next, {value: 'budget from:', caret: 12});
  value = next.value + 'bo';
  token = tokenAt(value, value.length, value.length);
  next = applyOffer(value, token, offersForPeople([{login: 'bob', displayName: 'Bob'}], 'bo', EN)[0]);
  assert.deepEqual(next, {value: 'budget from:bob ', caret: 16});
  value = 'has: words';
  token = tokenAt(value, 4, 4);
  next = applyOffer(value, token, offers(parseToken(token.text, EN), EN, TODAY)[1]);
  assert.deepEqual(next, {value: 'has:link words', caret: 9}, 'text after the caret keeps its one space');
});
