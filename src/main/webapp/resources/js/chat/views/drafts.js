/**
 * Drafts (issue 22, item 6): what a composer holds is saved on the server (`PUT /api/v1/rooms/{id}/draft`) about a
 * second after typing stops, when its room changes and when the page goes away (fetch keepalive); it comes back when
 * the room opens, on this device or another; a `draft` frame from another tab or device fills a composer that does
 * not have the focus (never what the reader is typing here). Rooms with a draft are marked in the room list.
 *
 * Reusable: any composer binds itself — the room's (thread 0) and a thread's (thread = the root's seq):
 *   var binding = drafts.bind(textarea, function () { return {room: 12, thread: 0}; }, afterApply);
 *   binding.switched()   its room or thread changed: the old one's draft is saved now, the new one's restored
 *   binding.sent()       the message went: the draft is cleared (here and on the server, so on every device)
 * Owns the known drafts ('room/thread' -> text), the bindings, their timers, and this tab's origin.
 */
import {DRAFT_SAVE_MS} from '../limits.js';

/** deps: {api, context, lang, changed() (the known drafts changed: redraw the marks)}. Returns {bind, received, load, has}. */
export function createDrafts(deps) {
  var known = new Map();
  var bindings = [];
  var origin = 'tab-' + Math.random().toString(36).slice(2, 12);   // the draft frames this tab caused say so
  var saving = Promise.resolve();   // saves go one after another, so the last one wins on the server too

  function key(where) { return where.room + '/' + (where.thread || 0); }

  function remember(where, text) {
    var k = key(where);
    var had = known.get(k) || '';
    if (text) { known.set(k, text); } else { known.delete(k); }
    if (had !== (text || '')) { deps.changed(); }
  }

  function save(where, text) {
    remember(where, text);
    var body = {text: text, thread: where.thread || 0, origin: origin};
    saving = saving.then(function () {
      return deps.api('PUT', '/api/v1/rooms/' + where.room + '/draft', body).catch(function () { /* offline: kept here */ });
    });
    return saving;
  }

  /** When the page goes: what is not saved yet leaves with a request that outlives the page. */
  function saveOnLeaving(where, text) {
    remember(where, text);
    try {
      fetch(deps.context + '/api/v1/rooms/' + where.room + '/draft', {method: 'PUT', keepalive: true, credentials: 'same-origin',
        headers: {'Content-Type': 'application/json', 'Accept-Language': deps.lang},
        body: JSON.stringify({text: text, thread: where.thread || 0, origin: origin})});
    } catch (e) { /* nothing more to do on the way out */ }
  }

  function bind(input, where, afterApply) {
    var shown = where();     // the room (and thread) whose draft the input holds now
    var timer = null;
    var dirty = false;       // typed here and not saved yet
    var typedAt = 0;         // a restore that comes back after the reader typed is not applied
    var saved = shown ? known.get(key(shown)) || '' : '';

    function flush(leaving) {
      if (!dirty || !shown) { return; }
      clearTimeout(timer);
      timer = null;
      dirty = false;
      if (input.value === saved) { return; }
      saved = input.value;
      if (leaving) { saveOnLeaving(shown, input.value); } else { save(shown, input.value); }
    }

    function show(text) {
      input.value = text;
      saved = text;
      if (afterApply) { afterApply(); }
    }

    function restore() {
      if (!shown) { return; }
      var asked = shown;
      var since = typedAt;
      show(known.get(key(asked)) || '');
      // The server's copy: a draft written on another device since this page learnt of it.
      deps.api('GET', '/api/v1/rooms/' + asked.room + '/draft' + (asked.thread ? '?thread=' + asked.thread : ''))
        .then(function (r) { return r.status === 200 ? r.json() : {text: ''}; })
        .then(function (draft) {
          remember(asked, draft.text);
          if (shown && key(shown) === key(asked) && typedAt === since && !dirty) { show(draft.text); }
        }).catch(function () { /* offline: what this page knew stays */ });
    }

    var binding = {
      switched: function () {
        var before = shown;
        flush(false);
        shown = where();
        if (!before && dirty) { return; }   // typed before any room showed: it becomes this room's draft
        restore();
      },
      sent: function () {
        clearTimeout(timer);
        timer = null;
        dirty = false;
        if (!shown) { return; }
        saved = '';
        save(shown, '');
      },
      flush: flush,
      /** A draft frame: applied when it is this composer's and the reader is not typing in it. */
      apply: function (frame) {
        if (!shown || key(shown) !== key(frame) || frame.origin === origin) { return; }
        if (document.activeElement === input || dirty) { return; }
        show(frame.text);
      }
    };
    input.addEventListener('input', function () {
      typedAt = Date.now();
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(function () { flush(false); }, DRAFT_SAVE_MS);
    });
    bindings.push(binding);
    if (shown) { restore(); }
    return binding;
  }

  /** A draft frame (docs/protocol.md, "Drafts"): another tab or device saved or cleared a draft. */
  function received(frame) {
    if (frame.origin !== origin) { remember(frame, frame.text); }
    bindings.forEach(function (b) { b.apply(frame); });
  }

  /** All of the reader's drafts (after each hello: frames missed while offline). */
  function load() {
    deps.api('GET', '/api/v1/drafts').then(function (r) { return r.ok ? r.json() : []; }).then(function (list) {
      var before = JSON.stringify(Array.from(known));
      known.clear();
      list.forEach(function (d) { known.set(key(d), d.text); });
      if (JSON.stringify(Array.from(known)) !== before) { deps.changed(); }
    }).catch(function () { /* offline */ });
  }

  window.addEventListener('pagehide', function () { bindings.forEach(function (b) { b.flush(true); }); });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') { bindings.forEach(function (b) { b.flush(true); }); }
  });

  return {
    bind: bind,
    received: received,
    load: load,
    /** Whether the room's own composer has a draft (the room list's mark). */
    has: function (room) { return known.has(room + '/0'); }
  };
}
