/**
 * The pure part of the search box's suggestions (views/searchSuggest.js, issue 22, item 8): which filter word is
 * being typed at the caret, what to offer for it, and the box's text once an offer is picked. The words come from
 * the server's one table (SearchQuery.WORDS, rendered as {keywords, values, anyKeyword, anyValue} by
 * web/SearchFilterWords). No DOM: unit-tested in Node.
 */

/** How many suggestions the list shows at most. */
export const FILTER_SUGGESTIONS = 8;

/** The filters taking a date, the values of has: and is:, in the order offered. */
const DATES = ['before', 'after', 'on'];
const VALUES_OF = {has: ['file', 'link'], is: ['thread', 'pinned']};

/**
 * The token that ends at the caret: from the last space before it (a quoted value's spaces included) to the caret.
 * Returns {start, end, text} or null when the caret is after a space (or there is a selection).
 */
export function tokenAt(value, start, end) {
  if (start !== end) { return null; }
  var before = String(value).slice(0, start);
  var from = 0;
  var quoted = false;
  for (var i = 0; i < before.length; i++) {
    if (before[i] === '"') { quoted = !quoted; }
    if (!quoted && /\s/.test(before[i])) { from = i + 1; }
  }
  var text = before.slice(from);
  return text ? {start: from, end: start, text: text} : null;
}

/**
 * What a token is: {kind: 'keyword', prefix} (a word that may become a filter), or {kind: 'value', filter, prefix}
 * (after a filter's colon; filter is its English name, prefix the value typed so far without @, # or quotes).
 */
export function parseToken(token, words) {
  var colon = token.indexOf(':');
  if (colon < 0) { return {kind: 'keyword', prefix: token.toLowerCase()}; }
  var filter = words.anyKeyword[token.slice(0, colon).toLowerCase()];
  if (!filter) { return null; }
  var prefix = token.slice(colon + 1).replace(/^["@#]/, '').replace(/"$/, '');
  return {kind: 'value', filter: filter, prefix: prefix.toLowerCase(), raw: token.slice(colon + 1)};
}

/**
 * The offers that need no server: filter keywords starting with the prefix (the page's language first, then English),
 * values of has:/is:, and for a date today and yesterday. Each offer: {insert, label, detail, filter, value}. Rooms
 * and people come from offersForRooms / offersForPeople.
 */
export function offers(parsed, words, today) {
  if (!parsed) { return []; }
  if (parsed.kind === 'keyword') {
    if (!parsed.prefix) { return []; }
    var seen = new Set();
    var list = [];
    var add = function (filter, word) {
      if (word.indexOf(parsed.prefix) === 0 && word !== parsed.prefix + ':' && !seen.has(word)) {
        seen.add(word);
        list.push({insert: word + ':', label: word + ':', filter: filter, keep: true});
      }
    };
    Object.keys(words.keywords).forEach(function (f) { add(f, words.keywords[f]); });
    // A word in another language (e.g. English on a Russian page) is understood too: offered after the page's own.
    Object.keys(words.anyKeyword).forEach(function (w) { add(words.anyKeyword[w], w); });
    return list.slice(0, FILTER_SUGGESTIONS);
  }
  var keyword = keywordOf(parsed.filter, words);
  if (VALUES_OF[parsed.filter]) {
    return VALUES_OF[parsed.filter].filter(function (v) {
      var word = words.values[v];
      return word.indexOf(parsed.prefix) === 0 || v.indexOf(parsed.prefix) === 0;
    }).map(function (v) {
      return {insert: keyword + ':' + words.values[v], label: keyword + ':' + words.values[v], filter: parsed.filter, value: v};
    });
  }
  if (DATES.indexOf(parsed.filter) >= 0) {
    var days = [{date: isoDay(today), which: 'today'}, {date: isoDay(new Date(today.getTime() - 86400000)), which: 'yesterday'}];
    return days.filter(function (d) { return d.date.indexOf(parsed.prefix) === 0; }).map(function (d) {
      return {insert: keyword + ':' + d.date, label: keyword + ':' + d.date, filter: parsed.filter, day: d.which};
    });
  }
  return [];
}

/** A date filter being typed: the hint (YYYY-MM-DD) is shown beside the list. */
export function wantsDate(parsed) {
  return !!parsed && parsed.kind === 'value' && DATES.indexOf(parsed.filter) >= 0;
}

/** The caller's rooms whose name starts with (or holds) the prefix, for in: (not direct conversations). */
export function offersForRooms(rooms, prefix, words) {
  var keyword = keywordOf('in', words);
  return (rooms || []).filter(function (r) { return r && r.name && r.kind !== 'direct'; })
    .filter(function (r) { return r.name.toLowerCase().indexOf(prefix) >= 0; })
    .sort(function (a, b) {
      return (b.name.toLowerCase().indexOf(prefix) === 0) - (a.name.toLowerCase().indexOf(prefix) === 0) || a.name.localeCompare(b.name);
    })
    .slice(0, FILTER_SUGGESTIONS)
    .map(function (r) { return {insert: keyword + ':' + quoted(r.name), label: '# ' + r.name, filter: 'in', value: r.name}; });
}

/** People found by GET /api/v1/users for from: (login first when it is the prefix). */
export function offersForPeople(people, prefix, words) {
  var keyword = keywordOf('from', words);
  var list = (people || []).filter(function (p) { return p && p.login; });
  var exact = list.filter(function (p) { return p.login.toLowerCase() === prefix; });
  return exact.concat(list.filter(function (p) { return p.login.toLowerCase() !== prefix; })).slice(0, FILTER_SUGGESTIONS)
    .map(function (p) {
      return {insert: keyword + ':' + p.login, label: p.displayName || p.login, detail: '@' + p.login, filter: 'from', value: p.login};
    });
}

/**
 * The box's value and caret once an offer replaces the token: a keyword keeps the caret after its colon (its value
 * is offered next); a whole filter is followed by a space.
 */
export function applyOffer(value, token, offer) {
  var tail = value.slice(token.end);
  var space = offer.keep ? '' : (tail.charAt(0) === ' ' ? '' : ' ');
  var next = value.slice(0, token.start) + offer.insert + space + tail;
  var caret = token.start + offer.insert.length + (offer.keep ? 0 : 1);
  return {value: next, caret: caret};
}

/** The keyword of a filter in the page's language. */
export function keywordOf(filter, words) {
  return words.keywords[filter] || filter;
}

/** A room's name as the parser reads it back: quoted when it holds a space. */
export function quoted(name) {
  return /\s/.test(name) ? '"' + name.replace(/"/g, '') + '"' : name;
}

/** A day as YYYY-MM-DD in UTC: the server reads dates as days in UTC. */
export function isoDay(date) {
  return date.toISOString().slice(0, 10);
}
