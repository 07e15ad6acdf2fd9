/**
 * System lines (docs/protocol.md, "System lines"): a membership or room change in the timeline, sent as data
 * ({kind: 'system', event: {type, target, targetName, value}}, the author being who did it) and put into words here,
 * in the page's language. No DOM: unit-tested in Node.
 */

/** The bundle key of each event type; {0} is who did it, {1} whom it was done to, {2} the new name or topic. */
export const SYSTEM_TEXTS = {
  joined: 'chat.system.joined', added: 'chat.system.added', left: 'chat.system.left', removed: 'chat.system.removed',
  banned: 'chat.system.banned', renamed: 'chat.system.renamed', topic: 'chat.system.topic', owner: 'chat.system.owner'
};

/** Whether a message is a system line: no menu, no replies or reactions, nobody's unread. */
export function isSystem(m) {
  return !!m && m.kind === 'system';
}

/**
 * The line as parts, in order: {text} for words, {text, login} for a person (shown by their name, linked to their
 * profile), {text, value: true} for a new name or topic. t(key) gives the words; nameOf(login) a name the page knows.
 */
export function systemParts(m, t, nameOf) {
  var e = m.event || {};
  var key = e.type === 'topic' && !e.value ? 'chat.system.topicCleared' : SYSTEM_TEXTS[e.type];
  var pattern = key ? t(key) : '{0}';
  var person = function (login, name) { return {text: nameOf(login) || name || login || '?', login: login}; };
  var args = [person(m.author, m.authorName), e.target ? person(e.target, e.targetName) : {text: ''},
    {text: e.value || '', value: true}];
  var parts = [];
  var at = 0;
  String(pattern).replace(/\{(\d)\}/g, function (whole, i, offset) {
    if (offset > at) { parts.push({text: pattern.slice(at, offset)}); }
    parts.push(args[Number(i)] || {text: whole});
    at = offset + whole.length;
    return whole;
  });
  if (at < pattern.length) { parts.push({text: pattern.slice(at)}); }
  return parts;
}

/** The line as plain text (notifications, labels, tests). */
export function systemText(m, t, nameOf) {
  return systemParts(m, t, nameOf).map(function (p) { return p.text; }).join('');
}
