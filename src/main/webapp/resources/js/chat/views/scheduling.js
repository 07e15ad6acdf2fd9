/**
 * Scheduled messages (issue 22, item 7): the composer's "Schedule" button and its dialog (date, time, quick
 * choices, the text), the room's "Scheduled (N)" bar above the composer and the list it opens (a panel at the
 * side on a wide screen, a full-screen view with "Back" on a phone) with Edit and Cancel for each message.
 * Owns the reader's scheduled messages (GET /api/v1/scheduled, then kept live by `scheduled` frames, which
 * protocol/receive.js hands on as the store's `scheduled` event). Builds its own elements: home.xhtml is shared.
 */
import {format} from '../i18n/texts.js';
import {newClientId} from '../state/outbox.js';
import {closeButton} from '../ui/dom.js';

/** The nearest and farthest times the server takes (ScheduledMessages.MIN_AHEAD / MAX_AHEAD). */
export const MIN_AHEAD_MS = 10 * 1000;
export const MAX_AHEAD_MS = 365 * 24 * 3600 * 1000;

function pad(n) { return (n < 10 ? '0' : '') + n; }

/** A Date as the values of <input type=date> and <input type=time> (local time). */
export function inputValues(d) {
  return {date: d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()),
    time: pad(d.getHours()) + ':' + pad(d.getMinutes()) + (d.getSeconds() ? ':' + pad(d.getSeconds()) : '')};
}

/** The quick choices: 'in30' (half an hour from now, to the minute) or 'tomorrow9' (tomorrow 09:00 local time). */
export function quickChoice(kind, now) {
  if (kind === 'in30') {
    var soon = new Date(now.getTime() + 30 * 60 * 1000);
    soon.setSeconds(0, 0);
    return soon;
  }
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0, 0, 0);
}

/** The chosen local date and time as a Date, or {error: bundle key} when missing, too soon or too far. */
export function chosenTime(date, time, now) {
  var d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date || '');
  var t = /^(\d{2}):(\d{2})(?::(\d{2}))?/.exec(time || '');
  if (!d || !t) { return {error: 'chat.sched.needTime'}; }
  var at = new Date(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]), Number(t[3] || 0), 0);
  if (isNaN(at.getTime())) { return {error: 'chat.sched.needTime'}; }
  if (at.getTime() < now.getTime() + MIN_AHEAD_MS) { return {error: 'chat.sched.tooSoon'}; }
  if (at.getTime() > now.getTime() + MAX_AHEAD_MS) { return {error: 'chat.sched.tooFar'}; }
  return {at: at};
}

/** Applies a `scheduled` frame to the list (a Map id -> scheduled message): pending and failed stay, the rest go. */
export function applyScheduled(items, frame) {
  if (frame.state === 'pending' || frame.state === 'failed') {
    var copy = Object.assign({}, frame);
    delete copy.type;
    items.set(frame.id, copy);
  } else {
    items.delete(frame.id);
  }
}

/** The room's scheduled messages, soonest first. */
export function roomScheduled(items, room) {
  return Array.from(items.values()).filter(function (s) { return s.room === room; })
    .sort(function (a, b) { return a.sendAt < b.sendAt ? -1 : a.sendAt > b.sendAt ? 1 : a.id - b.id; });
}

function node(tag, className, textContent) {
  var n = document.createElement(tag);
  if (className) { n.className = className; }
  if (textContent !== undefined) { n.textContent = textContent; }
  return n;
}

function button(className, label) {
  var b = node('button', className, label);
  b.type = 'button';
  return b;
}

var SVG = 'http://www.w3.org/2000/svg';

/** A clock, drawn here (icons.svg has none). */
function clockIcon() {
  var svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'jc-icon');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  var circle = document.createElementNS(SVG, 'circle');
  circle.setAttribute('cx', '12'); circle.setAttribute('cy', '12'); circle.setAttribute('r', '9');
  var hands = document.createElementNS(SVG, 'path');
  hands.setAttribute('d', 'M12 7v5l3.5 2');
  [circle, hands].forEach(function (part) {
    part.setAttribute('fill', 'none'); part.setAttribute('stroke', 'currentColor'); part.setAttribute('stroke-width', '2');
    part.setAttribute('stroke-linecap', 'round');
    svg.appendChild(part);
  });
  return svg;
}

/**
 * deps: {el, store, text, api, labels, uploads, confirm, root}.
 * Returns {open(), openList(), closeList(), load(), changed(frame), render()}.
 */
export function createScheduling(deps) {
  var el = deps.el;
  var store = deps.store;
  var text = deps.text;
  var items = new Map();   // id -> scheduled message (pending or failed), all rooms
  var editing = null;      // the scheduled message the dialog edits, or null: it schedules the composer's text
  var opener = null;
  var phone = function () { return window.matchMedia('(max-width: 700px)').matches; };

  // ---- the composer's button ----
  var scheduleButton = button('jc-icon-button jc-schedule-button');
  scheduleButton.id = 'schedule-open';
  scheduleButton.title = text.t('chat.sched.scheduleTitle');
  scheduleButton.setAttribute('aria-label', text.t('chat.sched.scheduleTitle'));
  scheduleButton.setAttribute('aria-haspopup', 'dialog');
  scheduleButton.appendChild(clockIcon());
  el.send.parentNode.insertBefore(scheduleButton, el.send);

  // ---- the dialog ----
  var dialog = node('dialog', 'jc-dialog jc-schedule-dialog');
  dialog.id = 'schedule-dialog';
  dialog.setAttribute('aria-labelledby', 'schedule-title');
  var form = node('form');
  form.method = 'dialog';
  form.noValidate = true;
  var title = node('h2', null, text.t('chat.sched.dialogTitle'));
  title.id = 'schedule-title';
  var textLabel = node('label', null, text.t('chat.sched.text'));
  textLabel.htmlFor = 'schedule-text';
  var textInput = node('textarea');
  textInput.id = 'schedule-text';
  textInput.rows = 3;
  textInput.maxLength = 4000;
  var quick = node('div', 'jc-schedule-quick');
  quick.setAttribute('role', 'group');
  quick.setAttribute('aria-label', text.t('chat.sched.quick'));
  var in30 = button('jc-chip-button', text.t('chat.sched.in30'));
  in30.id = 'schedule-in30';
  var tomorrow = button('jc-chip-button', text.t('chat.sched.tomorrow9'));
  tomorrow.id = 'schedule-tomorrow';
  quick.appendChild(in30);
  quick.appendChild(tomorrow);
  var when = node('div', 'jc-schedule-when');
  var dateLabel = node('label', null, text.t('chat.sched.date'));
  var dateInput = node('input');
  dateInput.type = 'date';
  dateInput.id = 'schedule-date';
  dateInput.required = true;
  dateLabel.appendChild(dateInput);
  var timeLabel = node('label', null, text.t('chat.sched.time'));
  var timeInput = node('input');
  timeInput.type = 'time';
  timeInput.id = 'schedule-time';
  timeInput.required = true;
  timeLabel.appendChild(timeInput);
  when.appendChild(dateLabel);
  when.appendChild(timeLabel);
  var zone = node('p', 'jc-hint jc-schedule-zone');
  var error = node('p', 'jc-error');
  error.id = 'schedule-error';
  error.setAttribute('role', 'alert');
  var buttons = node('div', 'jc-dialog-buttons');
  var cancel = button(null, text.t('cancel'));
  cancel.id = 'schedule-cancel';
  var submit = node('button', 'jc-primary-button', text.t('chat.sched.submit'));
  submit.type = 'submit';
  submit.id = 'schedule-submit';
  buttons.appendChild(cancel);
  buttons.appendChild(submit);
  [title, textLabel, textInput, quick, when, zone, error, buttons].forEach(function (part) { form.appendChild(part); });
  dialog.appendChild(form);
  deps.root.appendChild(dialog);

  // ---- the room's bar and the list ----
  var bar = node('div', 'jc-scheduled-bar');
  bar.hidden = true;
  var barButton = button('jc-link-button jc-scheduled-entry');
  barButton.id = 'scheduled-open';
  barButton.setAttribute('aria-haspopup', 'dialog');
  barButton.appendChild(clockIcon());
  var barLabel = node('span');
  barButton.appendChild(barLabel);
  bar.appendChild(barButton);
  el.composer.parentNode.insertBefore(bar, el.composer);

  var panel = node('dialog', 'jc-scheduled-panel');
  panel.id = 'scheduled-panel';
  panel.setAttribute('aria-labelledby', 'scheduled-heading');
  var head = node('div', 'jc-scheduled-head');
  var back = button('jc-link-button jc-scheduled-back', '← ' + text.t('chat.sched.back'));
  back.id = 'scheduled-back';
  var heading = node('h2', null, text.t('chat.sched.listTitle'));
  heading.id = 'scheduled-heading';
  var close = closeButton('scheduled-close', 'jc-icon-button jc-scheduled-close', text.t('close'));
  head.appendChild(back);
  head.appendChild(heading);
  head.appendChild(close);
  var status = node('p', 'jc-scheduled-status');
  status.id = 'scheduled-status';
  status.setAttribute('role', 'status');
  var list = node('ol', 'jc-scheduled-list');
  list.id = 'scheduled-list';
  list.setAttribute('aria-labelledby', 'scheduled-heading');
  var empty = node('p', 'jc-scheduled-empty', text.t('chat.sched.empty'));
  empty.id = 'scheduled-empty';
  panel.appendChild(head);
  panel.appendChild(status);
  panel.appendChild(list);
  panel.appendChild(empty);
  deps.root.appendChild(panel);

  function render() {
    var mine = store.current === null ? [] : roomScheduled(items, store.current);
    bar.hidden = mine.length === 0;
    barLabel.textContent = format(text.t('chat.sched.entry'), text.number(mine.length));
    if (!panel.open) { return; }
    list.textContent = '';
    mine.forEach(function (s) { list.appendChild(renderItem(s)); });
    empty.hidden = mine.length > 0;
  }

  function renderItem(s) {
    var li = node('li', 'jc-scheduled-item' + (s.state === 'failed' ? ' jc-scheduled-failed' : ''));
    li.dataset.scheduledId = s.id;
    var at = new Date(s.sendAt);
    var time = node('time', 'jc-scheduled-time', format(text.t('chat.sched.sendsAt'), text.shortDateTime(at)));
    time.dateTime = s.sendAt;
    time.title = text.dateTime(at);
    var words = node('p', 'jc-scheduled-text', s.text);
    li.appendChild(time);
    li.appendChild(words);
    if (s.state === 'failed') {
      li.appendChild(node('p', 'jc-error jc-scheduled-why',
        format(text.t('chat.sched.failed'), deps.labels.errorText({code: s.error, message: ''}))));
    }
    var actions = node('div', 'jc-scheduled-actions');
    var edit = button('jc-link-button jc-scheduled-edit', text.t('chat.edit'));
    edit.dataset.action = 'edit';
    var drop = button('jc-link-button jc-scheduled-cancel', text.t('chat.sched.cancel'));
    drop.dataset.action = 'cancel';
    actions.appendChild(edit);
    actions.appendChild(drop);
    li.appendChild(actions);
    return li;
  }

  /** The dialog: for the composer's text (s absent) or to edit a scheduled message. */
  function open(s) {
    if (store.current === null) { return; }
    editing = s || null;
    opener = document.activeElement;
    title.textContent = text.t(editing ? 'chat.sched.editTitle' : 'chat.sched.dialogTitle');
    submit.textContent = text.t(editing ? 'save' : 'chat.sched.submit');
    textInput.value = editing ? editing.text : el.composerText.value.trim();
    var now = new Date();
    var v = inputValues(editing ? new Date(editing.sendAt) : quickChoice('in30', now));
    dateInput.value = v.date;
    timeInput.value = v.time;
    dateInput.min = inputValues(now).date;
    dateInput.max = inputValues(new Date(now.getTime() + MAX_AHEAD_MS)).date;
    zone.textContent = format(text.t('chat.sched.zone'), Intl.DateTimeFormat().resolvedOptions().timeZone || '');
    error.textContent = '';
    submit.disabled = false;
    dialog.showModal();
    (textInput.value ? dateInput : textInput).focus();
  }

  function closeDialog() {
    if (dialog.open) { dialog.close(); }
    if (opener && document.contains(opener)) { opener.focus(); }
    opener = null;
  }

  function fail(key) {
    error.textContent = text.t(key);
  }

  /** problem+json as one line, in the page's language. */
  function problemLine(response) {
    return response.json().catch(function () { return {}; }).then(function (problem) {
      var detail = problem.errors ? problem.errors.map(function (e) { return e.message; }).join(' ') : (problem.detail || '');
      return [problem.title, detail].filter(Boolean).join(' ') || text.t('problem.unavailable');
    });
  }

  function save() {
    var words = textInput.value.trim();
    var room = editing ? editing.room : store.current;
    var attachments = editing ? [] : deps.uploads.attached(room);
    if (!words && !attachments.length) { fail('chat.sched.needText'); textInput.focus(); return; }
    var chosen = chosenTime(dateInput.value, timeInput.value, new Date());
    if (chosen.error) { fail(chosen.error); (dateInput.value ? timeInput : dateInput).focus(); return; }
    var sendAt = chosen.at.toISOString();
    var request = editing
      ? deps.api('PUT', '/api/v1/scheduled/' + editing.id, {text: words, sendAt: sendAt})
      : deps.api('POST', '/api/v1/rooms/' + room + '/messages',
        Object.assign({text: words, clientId: newClientId(), sendAt: sendAt}, attachments.length ? {attachments: attachments} : {}));
    submit.disabled = true;
    request.then(function (r) {
      if (!r.ok) {
        return problemLine(r).then(function (line) { error.textContent = line; submit.disabled = false; });
      }
      return r.json().then(function (s) {
        applyScheduled(items, s);
        if (!editing) {
          el.composerText.value = '';
          el.composerText.dispatchEvent(new Event('input'));   // the counter (and a draft) follow the emptied input
          deps.uploads.clear(room);
        }
        status.textContent = format(text.t('chat.sched.scheduledFor'), text.dateTime(new Date(s.sendAt)));
        closeDialog();
        render();
      });
    }).catch(function () { error.textContent = text.t('problem.unavailable'); submit.disabled = false; });
  }

  function openList() {
    opener = document.activeElement;
    status.textContent = '';
    if (phone()) { panel.showModal(); } else { panel.show(); }
    render();
    load();
    (phone() ? back : close).focus();
  }

  function closeList() {
    if (!panel.open) { return; }
    panel.close();
    barButton.focus();
  }

  function cancelScheduled(s, asker) {
    deps.confirm.ask({title: text.t('chat.sched.confirmTitle'), body: s.text, action: text.t('chat.sched.confirmAction'), opener: asker})
      .then(function (yes) {
        if (!yes) { return; }
        deps.api('DELETE', '/api/v1/scheduled/' + s.id).then(function (r) {
          if (r.ok || r.status === 404) {
            items.delete(s.id);
            status.textContent = text.t('chat.sched.cancelled');
            render();
            (list.querySelector('button') || (phone() ? back : close)).focus();
          } else {
            problemLine(r).then(function (line) { status.textContent = line; });
          }
        });
      });
  }

  /** The reader's scheduled messages from the server (at start and when the list opens). */
  function load() {
    deps.api('GET', '/api/v1/scheduled').then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (all) {
      if (!all) { return; }
      items.clear();
      all.forEach(function (s) { items.set(s.id, s); });
      render();
    }).catch(function () { /* offline: the frames bring it later */ });
  }

  /** A `scheduled` frame: one of the reader's scheduled messages changed (in this tab or another, or it was sent). */
  function changed(frame) {
    applyScheduled(items, frame);
    if (frame.state === 'failed') {
      status.textContent = format(text.t('chat.sched.failed'), deps.labels.errorText({code: frame.error, message: ''}));
    } else if (frame.state === 'sent' && panel.open) {
      status.textContent = text.t('chat.sched.sent');
    }
    render();
  }

  scheduleButton.addEventListener('click', function () { open(null); });
  in30.addEventListener('click', function () {
    var v = inputValues(quickChoice('in30', new Date()));
    dateInput.value = v.date; timeInput.value = v.time; error.textContent = '';
  });
  tomorrow.addEventListener('click', function () {
    var v = inputValues(quickChoice('tomorrow9', new Date()));
    dateInput.value = v.date; timeInput.value = v.time; error.textContent = '';
  });
  form.addEventListener('submit', function (e) { e.preventDefault(); save(); });
  cancel.addEventListener('click', closeDialog);
  dialog.addEventListener('cancel', function (e) { e.preventDefault(); closeDialog(); });
  barButton.addEventListener('click', openList);
  back.addEventListener('click', closeList);
  close.addEventListener('click', closeList);
  panel.addEventListener('cancel', function (e) { e.preventDefault(); closeList(); });
  panel.addEventListener('keydown', function (e) { if (e.key === 'Escape') { e.preventDefault(); closeList(); } });
  list.addEventListener('click', function (e) {
    var action = e.target.closest('[data-action]');
    var li = e.target.closest('[data-scheduled-id]');
    var s = li && items.get(Number(li.dataset.scheduledId));
    if (!action || !s) { return; }
    if (action.dataset.action === 'edit') { open(s); } else { cancelScheduled(s, action); }
  });
  store.on('scheduled', changed);
  store.on('current', render);   // another room shown
  store.on('rooms', render);     // rooms came or went
  load();

  return {open: open, openList: openList, closeList: closeList, load: load, changed: changed, render: render};
}
