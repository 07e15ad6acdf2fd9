/**
 * DOM helpers of the chat page: the page's elements by id, avatars, marked text. Everything the user typed is
 * put in as text (textContent, text nodes), never as HTML; only a message body is the server's rendered html.
 */

/** The ids of the page's elements (home.xhtml), found once: el.messageList for id="message-list". */
export const ELEMENT_IDS = ['message-list', 'messages', 'empty', 'older', 'banner', 'typing', 'composer', 'composer-text', 'online',
  'online-count', 'room-name', 'room-topic', 'room-list', 'direct-list', 'members-toggle', 'members-panel',
  'member-list', 'add-member', 'add-member-login', 'leave-room', 'room-error', 'room-settings', 'members-settings',
  'room-dialog', 'room-form', 'room-form-name', 'room-form-topic', 'room-form-error', 'room-form-cancel', 'new-room', 'profile-dialog', 'profile-name', 'profile-login',
  'new-below', 'history-start', 'rooms-toggle', 'drawer-backdrop',
  'profile-presence', 'profile-status', 'profile-about', 'profile-joined', 'profile-shared', 'profile-page',
  'profile-dm', 'profile-close', 'profile-avatar', 'composer-context', 'composer-error', 'reply-bar', 'reply-text',
  'reply-cancel', 'attach', 'attach-input', 'upload', 'upload-name', 'upload-progress', 'upload-percent',
  'upload-cancel', 'attached-list', 'mention-list', 'mention-status', 'notify', 'notify-hint', 'search-form',
  'search-input', 'search-toggle', 'search-panel', 'search-room-only', 'search-status', 'search-progress',
  'search-results', 'search-more', 'search-close', 'message-menu', 'emoji-picker', 'send', 'composer-notice',
  'moderation-dialog', 'moderation-form', 'moderation-title', 'moderation-text', 'moderation-durations',
  'moderation-reason-field', 'moderation-reason', 'moderation-error', 'moderation-cancel', 'moderation-confirm',
  'chat-status', 'composer-count', 'composer-limit', 'search-back'];

export function elements(doc) {
  var el = {};
  ELEMENT_IDS.forEach(function (id) { el[camel(id)] = doc.getElementById(id); });
  return el;
}

export function camel(id) { return id.replace(/-([a-z])/g, function (x, c) { return c.toUpperCase(); }); }

/** How many avatar colours the palette has (--jc-avatar-0 … --jc-avatar-11 in jointchat.css). */
export const AVATAR_COLOURS = 12;

/** Initials on a colour that is always the same for a login. */
export function avatar(login, displayName, extraClass) {
  var span = document.createElement('span');
  span.className = 'jc-avatar' + (extraClass ? ' ' + extraClass : '');
  span.setAttribute('aria-hidden', 'true');
  span.textContent = initials(displayName || login);
  var hash = 0;
  for (var i = 0; i < login.length; i++) { hash = (hash * 31 + login.charCodeAt(i)) | 0; }
  // One of the palette's twelve avatar colours (jointchat.css), white initials >= 4.5:1 on each; ProfilePage picks the same.
  span.style.backgroundColor = 'var(--jc-avatar-' + (Math.abs(hash) % AVATAR_COLOURS) + ')';
  return span;
}

/** The first grapheme of the first and last words: an emoji, a flag or a letter with its accents stays whole. */
function initials(name) {
  var words = name.trim().split(/\s+/);
  var picked = [words[0]];
  if (words.length > 1) { picked.push(words[words.length - 1]); }
  return picked.map(firstGrapheme).join('').toLocaleUpperCase(document.documentElement.lang || undefined);
}

function firstGrapheme(word) {
  if (typeof Intl !== 'undefined' && Intl.Segmenter) {
    var first = new Intl.Segmenter(undefined, {granularity: 'grapheme'}).segment(word)[Symbol.iterator]().next();
    return first.done ? '' : first.value.segment;
  }
  return Array.from(word)[0] || '';   // at least whole code points
}

/** A "×" button that closes a panel or dialog: its id, classes and label (also its tooltip). */
export function closeButton(id, className, label) {
  var button = document.createElement('button');
  button.type = 'button';
  button.id = id;
  button.className = className;
  button.textContent = '×';
  button.title = label;
  button.setAttribute('aria-label', label);
  return button;
}

/** The local calendar day of an ISO time, as a key. */
export function dayKey(iso) {
  var d = iso ? new Date(iso) : new Date();
  return d.getFullYear() + '-' + d.getMonth() + '-' + d.getDate();
}

/** Appends text to a node with the ranges [[start, end]…] (UTF-16 offsets) in <mark>; long text shows around the first. */
export function markRanges(node, text, ranges) {
  var sorted = ranges.filter(function (r) { return r[1] > r[0]; }).sort(function (a, b) { return a[0] - b[0]; });
  var from = 0;
  var to = text.length;
  if (text.length > 280) {
    from = sorted.length ? Math.max(0, sorted[0][0] - 60) : 0;
    to = Math.min(text.length, from + 280);
  }
  if (from > 0) { node.appendChild(document.createTextNode('…')); }
  var at = from;
  sorted.forEach(function (r) {
    var start = Math.max(r[0], at);
    var end = Math.min(r[1], to);
    if (start >= end) { return; }
    node.appendChild(document.createTextNode(text.slice(at, start)));
    var mark = document.createElement('mark');
    mark.textContent = text.slice(start, end);
    node.appendChild(mark);
    at = end;
  });
  node.appendChild(document.createTextNode(text.slice(at, to)));
  if (to < text.length) { node.appendChild(document.createTextNode('…')); }
}

/** A problem+json answer as one line: its title and detail or field errors. */
export function problemText(xhr, fallback) {
  try {
    var problem = JSON.parse(xhr.responseText);
    var detail = problem.errors ? problem.errors.map(function (e) { return e.message; }).join(' ') : (problem.detail || '');
    return [problem.title, detail].filter(Boolean).join(' ') || fallback;
  } catch (e) {
    return fallback + ' (' + xhr.status + ')';
  }
}

export function cssString(value) { return String(value).replace(/["\\]/g, '\\$&'); }
