/**
 * The pure part of the people picker (views/addPeople.js): which found people to offer, which option the arrow keys
 * move to, and whether a room is one its reader has to themselves. No DOM: unit-tested in Node.
 */

/** How many people a picker lists at most (and asks the server for one more than it shows). */
export const PICKER_SIZE = 8;

/**
 * The found users to offer: not the reader, nobody excluded (members already), at most PICKER_SIZE, in the server's order
 * (by name) except that the person whose login is the query comes first: Enter on a typed login adds that person.
 */
export function offered(found, me, excluded, query) {
  var out = new Set((excluded || []).map(function (login) { return String(login).toLowerCase(); }));
  out.add(String(me).toLowerCase());
  var exact = query ? String(query).toLowerCase() : null;
  var list = (found || []).filter(function (u) { return u && u.login && !out.has(u.login.toLowerCase()); });
  var first = list.filter(function (u) { return u.login.toLowerCase() === exact; });
  return first.concat(list.filter(function (u) { return u.login.toLowerCase() !== exact; })).slice(0, PICKER_SIZE);
}

/** The option after a key: ArrowDown/ArrowUp go round, Home/End to the ends; other keys leave it (-1: none). */
export function moved(active, key, count) {
  if (!count) { return -1; }
  if (key === 'ArrowDown') { return active < 0 || active >= count - 1 ? 0 : active + 1; }
  if (key === 'ArrowUp') { return active <= 0 ? count - 1 : active - 1; }
  if (key === 'Home') { return 0; }
  if (key === 'End') { return count - 1; }
  return active;
}

/** A search worth sending: the query trimmed, or null when there is nothing to look for yet. */
export function queryOf(value) {
  var q = String(value || '').trim().replace(/^@/, '');
  return q.length ? q.slice(0, 100) : null;
}

/**
 * What a room's empty timeline says: 'alone' when the reader is its only member in a room people are added to
 * (public or private; not general, not a direct conversation), with canAdd when they may add people (its owner);
 * otherwise 'hello'.
 */
export function emptyState(info, me) {
  var roomOfPeople = info && (info.kind === 'private' || info.kind === 'public');
  if (!roomOfPeople || info.memberCount !== 1) { return {state: 'hello', canAdd: false}; }
  return {state: 'alone', canAdd: info.owner === me};
}
