/**
 * Read receipts on the page (issue 22, item 3): "Seen" / "Seen by Bob, Cy and 3 others" under the reader's latest
 * message, kept live by `seen` frames (state/receipts.js), and the full list of a message's readers in a dialog
 * ("Seen by…" in its menu, or a click on the line; a bottom sheet on a phone). Nothing shows when the reader turned
 * sharing off (their profile page) or in rooms of more than 100 members.
 *
 * The line lives inside the message's own <li> and is put back whenever the list redraws (a MutationObserver), so
 * the message list needs to know nothing of it.
 *
 * deps: {el, store, receipts (state/receipts.js), text, api, root}.
 * Returns {seen(frame), connected(), applies(m), open(m, opener), close()}.
 */
import {seenLine} from '../state/receipts.js';
import {isSystem} from '../ui/systemLines.js';
import {inMainList} from '../state/threads.js';

export function createReceipts(deps) {
  var el = deps.el;
  var store = deps.store;
  var receipts = deps.receipts;
  var text = deps.text;
  var api = deps.api;
  var asked = new Map();   // room id -> seq of the latest own message whose readers were asked for
  var scheduled = false;
  var shown = null;        // {m, opener}: the message whose readers the dialog shows

  // ---- the line under the reader's latest message ----

  function latestOwn(room) {
    var latest = null;
    room.messages.forEach(function (m) {
      if (m.author === store.me && m.seq !== undefined && !m.deleted && !isSystem(m) && inMainList(m) && (!latest || m.seq > latest.seq)) { latest = m; }
    });
    return latest;
  }

  function schedule() {
    if (scheduled) { return; }
    scheduled = true;
    requestAnimationFrame(function () { scheduled = false; place(); });
  }

  /** Puts the line where it belongs (and nowhere else); idempotent, so its own change of the DOM ends here. */
  function place() {
    var room = store.current !== null ? store.rooms.get(store.current) : null;
    var m = room && receipts.sharing && !receipts.unavailable.has(store.current) ? latestOwn(room) : null;
    var line = null;
    var li = null;
    if (m) {
      if (asked.get(m.room) !== m.seq) { ask(m); }
      line = seenLine(text, receipts.readersOf(m), room.info.kind === 'direct');
      li = line && el.messageList.querySelector('li[data-seq="' + m.seq + '"]');
    }
    el.messageList.querySelectorAll('.jc-seen').forEach(function (old) {
      if (!li || old.parentNode !== li) { old.remove(); }
    });
    if (!li) { return; }
    var current = li.querySelector(':scope > .jc-seen');
    if (current && current.dataset.line === line) { return; }
    // A list read to its end stays at its end: the line must not push the newest message out of view.
    var scroller = document.getElementById('messages');
    var atEnd = scroller && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 4;
    if (current) { current.remove(); }
    li.appendChild(lineElement(m, line, room.info.kind === 'direct'));
    if (atEnd) { scroller.scrollTop = scroller.scrollHeight; }
  }

  function lineElement(m, line, direct) {
    var node;
    if (direct) {
      node = document.createElement('div');
      node.textContent = line;
    } else {
      node = document.createElement('button');
      node.type = 'button';
      node.textContent = line;
      node.setAttribute('aria-haspopup', 'dialog');
      node.addEventListener('click', function (e) { e.stopPropagation(); open(m, node); });
    }
    node.className = 'jc-seen';
    node.dataset.line = line;
    return node;
  }

  /** Asks who has read message m (once per latest message; again after a reconnect). */
  function ask(m) {
    asked.set(m.room, m.seq);
    return load(m).then(schedule, function () { asked.delete(m.room); });
  }

  /** Reads the readers of m into the state; resolves 'unavailable' for a room of more than 100 members. */
  function load(m) {
    return api('GET', '/api/v1/rooms/' + m.room + '/messages/' + m.seq + '/readers').then(function (response) {
      if (response.status === 409) {
        receipts.unavailable.add(m.room);
        return 'unavailable';
      }
      if (!response.ok) { throw new Error('readers: ' + response.status); }
      return response.json().then(function (answer) {
        receipts.noteReaders(m.room, m.seq, answer);
        return 'ok';
      });
    });
  }

  // ---- the dialog with the full list ----

  var dialog = document.createElement('dialog');
  dialog.id = 'readers-dialog';
  dialog.className = 'jc-dialog jc-readers';
  dialog.setAttribute('aria-labelledby', 'readers-title');
  var title = document.createElement('h2');
  title.id = 'readers-title';
  title.textContent = text.t('chat.receipts.title');
  var list = document.createElement('ul');
  list.className = 'jc-readers-list';
  list.setAttribute('aria-labelledby', 'readers-title');
  var empty = document.createElement('p');
  empty.className = 'jc-hint';
  empty.setAttribute('role', 'status');
  var buttons = document.createElement('div');
  buttons.className = 'jc-dialog-buttons';
  var closeButton = document.createElement('button');
  closeButton.type = 'button';
  closeButton.id = 'readers-close';
  closeButton.textContent = text.t('close');
  buttons.appendChild(closeButton);
  dialog.appendChild(title);
  dialog.appendChild(list);
  dialog.appendChild(empty);
  dialog.appendChild(buttons);
  (deps.root || document.body).appendChild(dialog);

  function renderDialog(state) {
    if (!shown) { return; }
    var readers = receipts.readersOf(shown.m);
    list.textContent = '';
    readers.forEach(function (r) {
      var li = document.createElement('li');
      var name = document.createElement('span');
      name.className = 'jc-reader-name';
      name.textContent = r.displayName;
      var login = document.createElement('span');
      login.className = 'jc-login';
      login.textContent = '@' + r.login;
      li.appendChild(name);
      li.appendChild(document.createTextNode(' '));
      li.appendChild(login);
      list.appendChild(li);
    });
    list.hidden = !readers.length;
    empty.hidden = !!readers.length || state === 'loading';
    empty.textContent = state === 'unavailable' ? text.t('chat.receipts.unavailable') : text.t('chat.receipts.none');
  }

  /** Opens the list of m's readers; focus goes to "Close" and back to the opener afterwards. */
  function open(m, opener) {
    shown = {m: m, opener: opener || document.activeElement};
    renderDialog('loading');
    if (!dialog.open) { dialog.showModal(); }
    closeButton.focus();
    load(m).then(function (state) {
      if (shown && shown.m === m) { renderDialog(state); }
      schedule();
    }, function () {
      if (shown && shown.m === m) { renderDialog('failed'); }
    });
  }

  function close() {
    if (!shown) { return; }
    var opener = shown.opener;
    shown = null;
    if (dialog.open) { dialog.close(); }
    if (opener && document.contains(opener)) { opener.focus(); }
  }

  closeButton.addEventListener('click', close);
  dialog.addEventListener('cancel', function (e) { e.preventDefault(); close(); });
  dialog.addEventListener('close', function () { if (shown) { close(); } });
  dialog.addEventListener('click', function (e) {
    if (e.target !== dialog) { return; }
    var r = dialog.getBoundingClientRect();
    if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) { close(); }
  });

  // ---- wiring ----

  new MutationObserver(schedule).observe(el.messageList, {childList: true, subtree: true});
  api('GET', '/api/v1/users/me/receipts').then(function (response) {
    return response.ok ? response.json() : null;
  }).then(function (setting) {
    if (setting && setting.share === false) {
      receipts.sharing = false;
      schedule();
    }
  }).catch(function () { /* the readers endpoint says it too */ });

  return {
    /** A `seen` frame (receive.js has noted it): the line follows; so does the open list. */
    seen: function (frame) {
      if (frame.room === store.current) { schedule(); }
      if (shown && shown.m.room === frame.room) { renderDialog('ok'); }
    },
    /** A new socket: `seen` frames may have been missed; ask again for what is shown. */
    connected: function () {
      receipts.clear();
      asked.clear();
      schedule();
    },
    /** Whether m's menu offers "Seen by…". */
    applies: function (m) {
      // A thread-only reply's readers are the thread's (the server counts thread read marks); the room's line ignores it.
      return receipts.sharing && m.seq !== undefined && !m.deleted && !isSystem(m) && !receipts.unavailable.has(m.room);
    },
    open: open,
    close: close
  };
}
