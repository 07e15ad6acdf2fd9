/**
 * Status and do-not-disturb (issue 22, item 4): the dialog that sets and clears the reader's own (from the header's
 * status button or their own profile card), the emoji next to names (online list, members, a direct message's header,
 * the profile card) and the do-not-disturb mark. State is state/statuses.js; this view draws it.
 */
import {format} from '../i18n/texts.js';
import {clearAfter, dndUntil} from '../state/statuses.js';

var EMOJI_CHOICES = ['📅', '🤒', '🏠', '🌴', '🎧', '🍔', '🚗', '💬'];
var CLEAR_CHOICES = ['30m', '1h', '4h', 'today', 'never'];
var DND_CHOICES = ['off', '30m', '1h', 'tomorrow'];

/**
 * deps: {el, statuses, text, api, me, root, repaintDots()}. Returns {badge(login, withDnd), receive(frame), repaint(),
 * profileShown(profile), held(), open(opener), loadMine()}.
 */
export function createStatus(deps) {
  var el = deps.el;
  var statuses = deps.statuses;
  var text = deps.text;
  var opener = null;

  function node(tag, attrs, children) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { n.textContent = attrs[k]; } else { n.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { n.appendChild(c); });
    return n;
  }

  function select(id, choices, prefix) {
    return node('select', {id: id}, choices.map(function (c) { return node('option', {value: c, text: text.t(prefix + c)}); }));
  }

  // ---- the dialog ----
  var emojiInput = node('input', {id: 'status-emoji', type: 'text', maxlength: '16', autocomplete: 'off', 'aria-describedby': 'status-emoji-choices-label'});
  var choices = node('div', {id: 'status-emoji-choices', class: 'jc-status-choices', role: 'group', 'aria-labelledby': 'status-emoji-choices-label'},
    EMOJI_CHOICES.map(function (e) { return node('button', {type: 'button', 'data-emoji': e, 'aria-label': e, text: e}); }));
  var textInput = node('input', {id: 'status-text', type: 'text', maxlength: '100', autocomplete: 'off', placeholder: text.t('status.textPlaceholder')});
  var clearSelect = select('status-clear-after', CLEAR_CHOICES, 'status.clear.');
  var dndSelect = select('status-dnd', DND_CHOICES, 'status.dnd.');
  var error = node('p', {id: 'status-error', class: 'jc-error', role: 'alert'});
  var clearButton = node('button', {type: 'button', id: 'status-clear', class: 'jc-link-button', text: text.t('status.clearButton')});
  var cancel = node('button', {type: 'button', id: 'status-cancel', text: text.t('cancel')});
  var save = node('button', {type: 'submit', id: 'status-save', class: 'jc-primary-button', text: text.t('save')});
  function field(label, control, extra) {
    return node('div', {class: 'jc-field'}, [node('label', {for: control.id, text: label}), control].concat(extra || []));
  }
  var form = node('form', {id: 'status-form', method: 'dialog'}, [
    node('div', {class: 'jc-status-row'}, [
      field(text.t('status.emoji'), emojiInput),
      field(text.t('status.text'), textInput)]),
    node('p', {id: 'status-emoji-choices-label', class: 'jc-hint', text: text.t('status.emojiChoices')}),
    choices,
    field(text.t('status.clearAfter'), clearSelect),
    field(text.t('status.dndFor'), dndSelect),
    error,
    node('div', {class: 'jc-dialog-buttons'}, [clearButton, cancel, save])]);
  var dialog = node('dialog', {id: 'status-dialog', class: 'jc-dialog jc-status-dialog', 'aria-labelledby': 'status-title'},
    [node('h2', {id: 'status-title', text: text.t('status.dialogTitle')}), form]);
  (deps.root || document.body).appendChild(dialog);

  // The header's button (app/home.xhtml) and one on the reader's own profile card open it.
  var headerButton = document.getElementById('status-button');
  var profileButton = node('button', {type: 'button', id: 'profile-set-status', class: 'jc-link-button', text: text.t('status.set')});
  profileButton.hidden = true;
  el.profileDm.parentNode.insertBefore(profileButton, el.profileDm);
  // Under the notifications control: while do-not-disturb is on, the reader sees why nothing pops up.
  var dndHint = node('p', {id: 'dnd-hint', class: 'jc-hint jc-dnd-hint'});
  dndHint.hidden = true;
  el.notifyHint.parentNode.appendChild(dndHint);

  function open(from) {
    opener = from || document.activeElement;
    var mine = statuses.at(deps.me, Date.now());
    emojiInput.value = mine.emoji;
    textInput.value = mine.text;
    clearSelect.value = mine.expiresAt ? '4h' : 'never';
    if (mine.expiresAt) {
      // The nearest choice that does not outlast what is set.
      var left = Date.parse(mine.expiresAt) - Date.now();
      clearSelect.value = left <= 30 * 60000 ? '30m' : left <= 3600000 ? '1h' : left <= 4 * 3600000 ? '4h' : 'today';
    }
    dndSelect.value = mine.dnd ? (Date.parse(mine.dndUntil) - Date.now() <= 30 * 60000 ? '30m'
      : Date.parse(mine.dndUntil) - Date.now() <= 3600000 ? '1h' : 'tomorrow') : 'off';
    error.textContent = '';
    if (el.profileDialog.open) { el.profileDialog.close(); }
    dialog.showModal();
    textInput.focus();
  }

  function close() {
    if (dialog.open) { dialog.close(); }
    if (opener && document.contains(opener) && opener.offsetParent !== null) { opener.focus(); }
  }

  function answered(response) {
    if (response.ok) {
      return response.json().then(function (s) { statuses.applyMine(s); repaint(); close(); });
    }
    return response.json().then(function (problem) {
      error.textContent = problem.errors ? problem.errors.map(function (e) { return e.message; }).join(' ') : (problem.title || '');
    }).catch(function () { error.textContent = String(response.status); });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var now = Date.now();
    var body = {text: textInput.value, emoji: emojiInput.value.trim(),
      expiresAt: textInput.value.trim() || emojiInput.value.trim() ? clearAfter(clearSelect.value, now) : null,
      dndUntil: dndUntil(dndSelect.value, now)};
    deps.api('PUT', '/api/v1/users/me/status', body).then(answered);
  });
  clearButton.addEventListener('click', function () { deps.api('DELETE', '/api/v1/users/me/status').then(answered); });
  cancel.addEventListener('click', close);
  dialog.addEventListener('cancel', function (e) { e.preventDefault(); close(); });
  choices.addEventListener('click', function (e) {
    var choice = e.target.closest('[data-emoji]');
    if (choice) { emojiInput.value = choice.dataset.emoji; textInput.focus(); }
  });
  if (headerButton) { headerButton.addEventListener('click', function () { open(headerButton); }); }
  profileButton.addEventListener('click', function () { open(profileButton); });

  // ---- drawing ----

  /** The emoji (its status text as tooltip and accessible name) and, withDnd, the do-not-disturb mark, next to a name. */
  function badge(login, withDnd) {
    var span = node('span', {class: 'jc-status-badge', 'data-status-of': login});
    if (withDnd) { span.dataset.withDnd = 'true'; }
    paint(span);
    return span;
  }

  function paint(span) {
    var s = statuses.at(span.dataset.statusOf, Date.now());
    span.textContent = '';
    if (s.emoji) {
      var label = s.text || s.emoji;
      span.appendChild(node('span', {class: 'jc-status-emoji', role: 'img', 'aria-label': label, title: label, text: s.emoji}));
    }
    if (s.dnd && span.dataset.withDnd) {
      span.appendChild(node('span', {class: 'jc-dnd-mark', role: 'img', 'aria-label': text.t('status.dnd'), title: text.t('status.dnd')}));
    }
    span.hidden = !span.firstChild;
  }

  function renderProfile() {
    var login = el.profileDialog.dataset.login;
    if (!login) { return; }
    var s = statuses.at(login, Date.now());
    el.profileStatus.textContent = '';
    if (s.emoji) { el.profileStatus.appendChild(node('span', {class: 'jc-status-emoji', 'aria-hidden': 'true', text: s.emoji + ' '})); }
    el.profileStatus.appendChild(document.createTextNode(s.text));
    if (s.dnd) {
      el.profileStatus.appendChild(node('span', {class: 'jc-dnd-line', id: 'profile-dnd'}, [
        node('span', {class: 'jc-dnd-mark', 'aria-hidden': 'true'}),
        document.createTextNode(' ' + format(text.t('status.dndUntil'), text.shortDateTime(new Date(s.dndUntil))))]));
    }
    profileButton.hidden = login !== deps.me;
  }

  function renderMine() {
    var mine = statuses.at(deps.me, Date.now());
    if (headerButton) {
      headerButton.textContent = (mine.emoji ? mine.emoji + ' ' : '') + (mine.text || text.t('status.set'));
      headerButton.title = text.t('status.set');
      if (mine.dnd) { headerButton.appendChild(node('span', {class: 'jc-dnd-mark', role: 'img', 'aria-label': text.t('status.dnd')})); }
    }
    dndHint.hidden = !mine.dnd;
    dndHint.textContent = mine.dnd ? format(text.t('status.dndOnHint'), text.time(new Date(mine.dndUntil))) : '';
  }

  /** Everything that shows a status follows what the page knows now (a frame came, or time ran out). */
  function repaint() {
    document.querySelectorAll('.jc-status-badge[data-status-of]').forEach(paint);
    if (el.profileDialog.open) { renderProfile(); }
    renderMine();
    deps.repaintDots();
  }

  /** A frame: statuses in presence and profile frames; after a new socket, the reader's own again. */
  function receive(frame) {
    if (frame.type === 'hello') { loadMine(); return; }
    if (statuses.applyFrame(frame)) { repaint(); }
  }

  /** A profile card opened with a REST profile: its status is the freshest. */
  function profileShown(p) {
    statuses.applyUser({login: p.login, status: p.status, statusEmoji: p.statusEmoji || '', statusExpiresAt: p.statusExpiresAt,
      dnd: p.dnd, dndUntil: p.dndUntil});
    renderProfile();
  }

  function loadMine() {
    deps.api('GET', '/api/v1/users/me/status').then(function (r) { return r.ok ? r.json() : null; }).then(function (s) {
      if (s) { statuses.applyMine(s); repaint(); }
    }).catch(function () { /* offline: the next hello asks again */ });
  }

  // What runs out disappears even if its frame is missed (the server sends one when it clears it).
  setInterval(repaint, 15000);

  return {badge: badge, receive: receive, repaint: repaint, profileShown: profileShown, open: open, loadMine: loadMine,
    held: function () { return statuses.held(Date.now()); }};
}
