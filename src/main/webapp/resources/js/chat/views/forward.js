/**
 * Forwarding a message (issue 22, item 5): the "Forward…" dialog — one of the reader's rooms where they may post,
 * found by name, and an optional comment — then `POST /api/v1/rooms/{id}/messages/{seq}/forward` and a toast
 * "Forwarded to #x" with a link to that room. The forward itself arrives like any message (a `message` frame).
 * Owns the message being forwarded, the request in flight and the toast's timer.
 */
import {format} from '../i18n/texts.js';
import {newClientId} from '../state/outbox.js';
import {messageLine} from '../ui/plainText.js';

/** deps: {store, text, api, labels, context, root, show(room)}. Returns {open(m, opener), isOpen()}. */
export function createForward(deps) {
  var store = deps.store;
  var text = deps.text;
  var t = text.t.bind(text);
  var job = null;          // {m, opener, clientId, busy}
  var toastTimer = null;

  var dialog = document.createElement('dialog');
  dialog.id = 'forward-dialog';
  dialog.className = 'jc-dialog jc-forward';
  dialog.setAttribute('aria-labelledby', 'forward-title');
  var form = document.createElement('form');
  var title = document.createElement('h2');
  title.id = 'forward-title';
  title.textContent = t('chat.forward.title');
  var excerpt = document.createElement('blockquote');
  excerpt.className = 'jc-forward-excerpt';
  var searchLabel = document.createElement('label');
  searchLabel.htmlFor = 'forward-search';
  searchLabel.textContent = t('chat.forward.search');
  var search = document.createElement('input');
  search.type = 'search';
  search.id = 'forward-search';
  search.autocomplete = 'off';
  var rooms = document.createElement('fieldset');
  rooms.id = 'forward-rooms';
  rooms.className = 'jc-forward-rooms';
  var legend = document.createElement('legend');
  legend.textContent = t('chat.forward.rooms');
  var none = document.createElement('p');
  none.className = 'jc-hint';
  none.textContent = t('chat.forward.none');
  var commentLabel = document.createElement('label');
  commentLabel.htmlFor = 'forward-comment';
  commentLabel.textContent = t('chat.forward.comment');
  var comment = document.createElement('textarea');
  comment.id = 'forward-comment';
  comment.rows = 2;
  comment.maxLength = 4000;
  var error = document.createElement('p');
  error.id = 'forward-error';
  error.className = 'jc-error';
  error.setAttribute('role', 'alert');
  var buttons = document.createElement('div');
  buttons.className = 'jc-dialog-buttons';
  var cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.id = 'forward-cancel';
  cancel.textContent = t('cancel');
  var go = document.createElement('button');
  go.type = 'submit';
  go.id = 'forward-send';
  go.className = 'jc-primary-button';
  go.textContent = t('chat.forward.send');
  buttons.appendChild(cancel);
  buttons.appendChild(go);
  [title, excerpt, searchLabel, search, rooms, commentLabel, comment, error, buttons].forEach(function (part) { form.appendChild(part); });
  dialog.appendChild(form);

  var toast = document.createElement('div');
  toast.id = 'forward-toast';
  toast.className = 'jc-toast';
  toast.hidden = true;
  var said = document.createElement('span');
  said.setAttribute('role', 'status');
  var openLink = document.createElement('a');
  openLink.className = 'jc-toast-action';
  openLink.id = 'forward-open';
  openLink.textContent = t('chat.forward.open');
  toast.appendChild(said);
  toast.appendChild(openLink);
  var root = deps.root || document.body;
  root.appendChild(dialog);
  root.appendChild(toast);

  /** The rooms the reader may post in, the shown one first, by title. */
  function targets() {
    var list = [];
    store.rooms.forEach(function (room, id) {
      if (store.standing(room.info).reason === null) { list.push({id: id, info: room.info, title: deps.labels.roomTitle(room.info)}); }
    });
    list.sort(function (a, b) {
      return (b.id === store.current) - (a.id === store.current) || a.title.localeCompare(b.title);
    });
    return list;
  }

  function renderRooms() {
    var query = search.value.trim().toLowerCase().replace(/^#\s*/, '');
    var checked = rooms.querySelector('input:checked');
    var keep = checked ? Number(checked.value) : null;
    rooms.textContent = '';
    rooms.appendChild(legend);
    var shown = 0;
    targets().forEach(function (r) {
      if (query && r.title.toLowerCase().replace(/^#\s*/, '').indexOf(query) < 0) { return; }
      var label = document.createElement('label');
      label.className = 'jc-forward-room';
      var radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = 'forward-room';
      radio.value = r.id;
      radio.checked = r.id === keep;
      var name = document.createElement('span');
      deps.labels.showRoomTitle(name, r.info);
      label.appendChild(radio);
      label.appendChild(name);
      rooms.appendChild(label);
      shown++;
    });
    if (!shown) { rooms.appendChild(none); }
  }

  function open(m, opener) {
    job = {m: m, opener: opener, clientId: newClientId(), busy: false};
    deps.labels.showExcerpt(excerpt, m.text || !m.forwarded ? messageLine(m) : messageLine(m.forwarded));   // plain text, not Markdown
    search.value = '';
    comment.value = '';
    error.textContent = '';
    go.disabled = false;
    renderRooms();
    dialog.showModal();
    search.focus();
  }

  function submit() {
    var current = job;
    if (!current || current.busy) { return; }
    var checked = rooms.querySelector('input:checked');
    if (!checked) { error.textContent = t('chat.forward.pick'); return; }
    var to = Number(checked.value);
    current.busy = true;
    go.disabled = true;
    error.textContent = '';
    deps.api('POST', '/api/v1/rooms/' + current.m.room + '/messages/' + current.m.seq + '/forward',
      {to: to, text: comment.value, clientId: current.clientId}).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (job !== current) { return; }
        if (r.ok) {
          dialog.close();
          showToast(to);
          return;
        }
        error.textContent = format(t('chat.forward.failed'), body.detail || body.title || String(r.status));
      });
    }).catch(function () {
      if (job === current) { error.textContent = format(t('chat.forward.failed'), t('chat.notNow')); }
    }).then(function () {
      current.busy = false;
      go.disabled = false;
    });
  }

  /** "Forwarded to #x" with a link to the room, for a few seconds. */
  function showToast(room) {
    var info = store.rooms.has(room) ? store.rooms.get(room).info : null;
    clearTimeout(toastTimer);
    toast.hidden = false;
    said.textContent = format(t('chat.forward.done'), info ? deps.labels.roomTitle(info) : '');
    openLink.href = deps.context + '/app/home.xhtml?room=' + room;
    openLink.dataset.room = room;
    toastTimer = setTimeout(hideToast, 8000);
  }

  function hideToast() {
    clearTimeout(toastTimer);
    toast.hidden = true;
    said.textContent = '';
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); submit(); });
  search.addEventListener('input', renderRooms);
  // Enter in the search box picks the first room found rather than sending.
  search.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter') { return; }
    e.preventDefault();
    var first = rooms.querySelector('input');
    if (first) { first.checked = true; first.focus(); }
  });
  cancel.addEventListener('click', function () { dialog.close(); });
  dialog.addEventListener('close', function () {
    var back = job && job.opener;
    job = null;
    if (back && document.contains(back)) { back.focus(); }
  });
  openLink.addEventListener('click', function (e) {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) { return; }
    e.preventDefault();
    var room = Number(openLink.dataset.room);
    hideToast();
    deps.show(room);
  });
  toast.addEventListener('focusin', function () { clearTimeout(toastTimer); });
  toast.addEventListener('focusout', function () { toastTimer = setTimeout(hideToast, 4000); });

  return {open: open, isOpen: function () { return dialog.open; }};
}
