/**
 * Pinned messages (issue 22, item 2): the "Pinned n" button in the room header and the list it opens, newest pin
 * first. Like search's results, the list never covers the conversation on a wide screen (it is the right-hand
 * column in place of the side panel) and is a view of its own with "Back" at 900 px and less; a pin opens in the
 * conversation, scrolled to and highlighted (older history loads as for a search hit). The root carries
 * jc-pins-view while it is open. Counts and items follow the changed frames of every room the page holds
 * (ui/pins.js RoomPins), so every open tab follows a pin at once.
 */
import {RoomPins, mayPin} from '../ui/pins.js';
import {messageLine} from '../ui/plainText.js';
import {avatar} from '../ui/dom.js';

/** deps: {store, text, api, labels, jumpTo(room, seq), closeSearch()}. Returns {renderHeader(), changed(m), connected(), close(chosen), mayPin(m)}. */
export function createPins(deps) {
  var store = deps.store;
  var text = deps.text;
  var root = document.getElementById('chat');
  var toggle = document.getElementById('pins-toggle');
  var panel = document.getElementById('pins-panel');
  var items = document.getElementById('pins-list');
  var status = document.getElementById('pins-status');
  var rooms = new Map();      // room id -> RoomPins
  var loading = new Map();    // room id -> the token of the list request under way

  var narrow = function () { return window.matchMedia('(max-width: 900px)').matches; };

  function pinsOf(id) {
    if (!rooms.has(id)) { rooms.set(id, new RoomPins()); }
    return rooms.get(id);
  }

  /** Asks for a room's pins (once per room, again after a reconnect); frames that come meanwhile are kept. */
  function load(id) {
    if (loading.has(id)) { return; }
    var token = {};
    loading.set(id, token);
    deps.api('GET', '/api/v1/rooms/' + id + '/pins').then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (list) {
        if (loading.get(id) !== token) { return; }
        loading.delete(id);
        pinsOf(id).loadedList(list);
        if (store.current === id) { render(); }
      }).catch(function () {
        if (loading.get(id) !== token) { return; }
        loading.delete(id);
        if (store.current === id && !panel.hidden) { status.textContent = text.t('chat.pinsFailed'); }
      });
  }

  /**
   * The header's button for the room shown: "Pinned" and the count, only while the room has pins (or their list is
   * open: it then says that nothing is pinned); the open list follows.
   */
  function renderHeader() {
    var id = store.current;
    if (id === null || !store.rooms.has(id)) { toggle.hidden = true; return; }
    var pins = pinsOf(id);
    if (!pins.loaded) { load(id); }
    render();
  }

  function render() {
    var id = store.current;
    if (id === null) { return; }
    var pins = pinsOf(id);
    // The name is the button's text, "Pinned 2" (on a phone the word is only visually hidden), said once more as its
    // label so that no layout can drop the space between word and count.
    var word = text.t('chat.pinned');
    var count = pins.loaded ? text.number(pins.count) : '';
    toggle.querySelector('.jc-pins-word').textContent = word + ' ';
    toggle.querySelector('.jc-pins-count').textContent = count;
    toggle.setAttribute('aria-label', (word + ' ' + count).trim());
    toggle.title = text.t('chat.pinnedTitle');
    toggle.hidden = panel.hidden && !(pins.loaded && pins.count > 0);
    if (!panel.hidden) { renderList(pins); }
  }

  function renderList(pins) {
    items.textContent = '';
    if (!pins.loaded) {
      status.hidden = false;
      status.textContent = text.t('chat.pinsLoading');
      return;
    }
    status.textContent = pins.count ? '' : text.t('chat.pinsEmpty');
    status.hidden = pins.count > 0;
    pins.list().forEach(function (pin) { items.appendChild(renderPin(pin)); });
  }

  /** One pin: author, time, the start of the message, who pinned it and when. Built as text, never as HTML. */
  function renderPin(pin) {
    var m = pin.message;
    var li = document.createElement('li');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'jc-hit jc-pin';
    button.dataset.pinRoom = m.room;
    button.dataset.pinSeq = m.seq;
    var meta = document.createElement('span');
    meta.className = 'jc-hit-meta';
    var authorName = store.names.get(m.author) || m.authorName;
    meta.appendChild(avatar(m.author, authorName, 'jc-pin-avatar'));
    var author = document.createElement('span');
    author.className = 'jc-hit-author';
    author.textContent = authorName;
    meta.appendChild(author);
    meta.appendChild(document.createTextNode(' · '));
    meta.appendChild(timeOf(m.sentAt));
    var words = document.createElement('span');
    words.className = 'jc-hit-text';
    words.textContent = messageLine(m) || text.t('chat.attachments');
    var by = document.createElement('span');
    by.className = 'jc-pin-by';
    by.appendChild(deps.labels.icon('pin'));
    var who = pin.pinnedBy ? (store.names.get(pin.pinnedBy) || pin.pinnedByName) : '';
    by.appendChild(document.createTextNode(' ' + (who ? text.t('chat.pinnedBy').replace('{0}', who) : text.t('chat.pinnedMark')) + ' · '));
    by.appendChild(timeOf(pin.pinnedAt));
    button.appendChild(meta);
    button.appendChild(words);
    button.appendChild(by);
    li.appendChild(button);
    return li;
  }

  function timeOf(iso) {
    var time = document.createElement('time');
    time.dateTime = iso;
    time.textContent = text.shortDateTime(new Date(iso));
    time.title = text.dateTime(new Date(iso));
    return time;
  }

  function open() {
    if (deps.closeSearch) { deps.closeSearch(true); }
    panel.hidden = false;
    root.classList.add('jc-pins-view');
    toggle.setAttribute('aria-expanded', 'true');
    render();
    var first = narrow() ? panel.querySelector('.jc-pins-back') : panel.querySelector('#pins-heading');
    if (first) { first.focus(); }
  }

  /** Closes the list; focus goes back to the button unless a pin was chosen (then it goes to the message). */
  function close(chosen) {
    if (panel.hidden) { return; }
    panel.hidden = true;
    root.classList.remove('jc-pins-view');
    toggle.setAttribute('aria-expanded', 'false');
    render();   // a room without pins hides the button again
    if (!chosen) { (toggle.hidden ? document.getElementById('messages') : toggle).focus(); }
  }

  /** A changed frame (live or replayed by sync) of any room: its pin may have come or gone. */
  function changed(m) {
    var pins = pinsOf(m.room);
    if (pins.message(m) && m.room === store.current) { render(); }
  }

  /** A new socket: changes to messages the page does not hold were not replayed; the lists are asked for again. */
  function connected() {
    rooms.forEach(function (pins) { pins.loaded = false; });
    loading.clear();
    if (store.current !== null && store.rooms.has(store.current)) { load(store.current); }
  }

  toggle.addEventListener('click', function () { if (panel.hidden) { open(); } else { close(false); } });
  panel.querySelector('.jc-pins-back').addEventListener('click', function () { close(false); });
  panel.querySelector('.jc-pins-close').addEventListener('click', function () { close(false); });
  items.addEventListener('click', function (e) {
    var pin = e.target.closest('[data-pin-seq]');
    if (!pin) { return; }
    if (narrow()) { close(true); }
    deps.jumpTo(Number(pin.dataset.pinRoom), Number(pin.dataset.pinSeq));
  });
  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { e.stopPropagation(); close(false); }
  });
  // Search's results take the same place: opening them closes this list.
  new MutationObserver(function () {
    if (root.classList.contains('jc-search-view')) { close(true); }
  }).observe(root, {attributes: true, attributeFilter: ['class']});

  return {
    renderHeader: renderHeader,
    changed: changed,
    connected: connected,
    close: close,
    /** Whether the reader may pin or unpin this message now (the menu shows "Pin"/"Unpin" only then). */
    mayPin: function (m) {
      var room = store.rooms.get(m.room);
      return !!room && !m.deleted && m.kind !== 'system' && mayPin(room.info, store.standing(room.info));
    }
  };
}
