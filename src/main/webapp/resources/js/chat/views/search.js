/**
 * Message search: the box, the results, opening a hit. Owns the search's state (query, room, next page).
 * The results never cover the conversation: on a wide screen they are a column in place of the side panel (the
 * message list narrows, the composer stays usable, a hit opens beside them); on a narrow one (<= 900 px) they
 * are a view of their own under the header's search box, with "Back", and a hit returns to the conversation
 * scrolled to it. The page's root carries jc-search-view while they are open; the CSS lays it out.
 */
import {markRanges} from '../ui/dom.js';
import {createSearchSuggest} from './searchSuggest.js';

/** deps: {el, store, text, api, labels, jumpTo(room, seq)}. Returns {close(chosen), suggest (views/searchSuggest.js)}. */
export function createSearch(deps) {
  var el = deps.el;
  var store = deps.store;
  var text = deps.text;
  var search = {q: '', room: null, next: null, token: null, count: 0};

  var root = document.getElementById('chat');
  // Filter suggestions under the box (issue 22, item 8); created first, so its keys come before the box's own.
  var suggest = createSearchSuggest({input: el.searchInput, store: store, text: text, api: deps.api});
  var narrow = function () { return window.matchMedia('(max-width: 900px)').matches; };

  /** On a phone the search box hides behind an icon. */
  function toggleBox() {
    var open = !root.classList.contains('jc-search-open');
    showBox(open);
    if (open) { el.searchInput.focus(); } else { close(false); }
  }

  function showBox(open) {
    root.classList.toggle('jc-search-open', open);
    el.searchToggle.setAttribute('aria-expanded', String(open));
  }

  /** Runs the search in the box (more: the next page of the same search). */
  function run(more) {
    if (!more) {
      var q = el.searchInput.value.trim();
      if (!q) { return; }
      search.q = q;
      search.room = el.searchRoomOnly.checked && store.current !== null ? store.current : null;
      search.next = null;
      search.count = 0;
      el.searchResults.textContent = '';
    }
    var token = search.token = {};
    el.searchPanel.hidden = false;
    root.classList.add('jc-search-view');
    showBox(true);   // on a phone the box stays above its results
    el.searchPanel.classList.remove('jc-search-failed');
    el.searchProgress.hidden = false;
    el.searchResults.setAttribute('aria-busy', 'true');
    el.searchMore.hidden = true;
    el.searchStatus.textContent = text.t('chat.searching');
    var path = '/api/v1/search/messages?limit=20&q=' + encodeURIComponent(search.q)
      + (search.room !== null ? '&room=' + search.room : '') + (more && search.next ? '&before=' + encodeURIComponent(search.next) : '');
    var finish = function () {
      el.searchProgress.hidden = true;
      el.searchResults.removeAttribute('aria-busy');
    };
    deps.api('GET', path).then(function (r) {
      if (search.token !== token) { return null; }
      if (!r.ok) {
        return r.json().catch(function () { return {}; }).then(function (problem) {
          if (search.token !== token) { return; }
          finish();
          var detail = problem.errors ? problem.errors.map(function (e) { return e.message; }).join(' ') : (problem.detail || problem.title || '');
          el.searchPanel.classList.add('jc-search-failed');
          el.searchStatus.textContent = text.t('chat.searchFailed') + (detail ? ' ' + detail : '');
        });
      }
      return r.json().then(function (page) {
        if (search.token !== token) { return; }
        finish();
        page.items.forEach(function (hit) { el.searchResults.appendChild(renderHit(hit)); });
        search.count += page.items.length;
        search.next = page.next === undefined ? null : page.next;
        el.searchMore.hidden = search.next === null;
        el.searchStatus.textContent = search.count ? text.plural(text.t('chat.searchCount'), search.count) + (search.next !== null ? '+' : '')
          : text.t('chat.searchNone');
        if (!more && narrow() && document.activeElement !== el.searchInput) { el.searchBack.focus(); }
      });
    }).catch(function () {
      if (search.token !== token) { return; }
      finish();
      el.searchPanel.classList.add('jc-search-failed');
      el.searchStatus.textContent = text.t('chat.searchFailed');
    });
  }

  /** A hit: room, author, time, and its text with the matched words marked (built as text, never as HTML). */
  function renderHit(hit) {
    var li = document.createElement('li');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'jc-hit';
    button.dataset.hitRoom = hit.room;
    button.dataset.hitSeq = hit.seq;
    var meta = document.createElement('span');
    meta.className = 'jc-hit-meta';
    var known = store.rooms.get(hit.room);
    var roomName = document.createElement('span');
    roomName.className = 'jc-hit-room';
    if (known) { deps.labels.showRoomTitle(roomName, known.info); } else { roomName.textContent = '# ' + hit.roomName; }
    var author = document.createElement('span');
    author.className = 'jc-hit-author';
    author.textContent = store.names.get(hit.author) || hit.authorName;
    var time = document.createElement('time');
    time.dateTime = hit.sentAt;
    time.textContent = text.shortDateTime(new Date(hit.sentAt));
    time.title = text.dateTime(new Date(hit.sentAt));
    meta.appendChild(roomName);
    meta.appendChild(document.createTextNode(' · '));
    meta.appendChild(author);
    meta.appendChild(document.createTextNode(' · '));
    meta.appendChild(time);
    var words = document.createElement('span');
    words.className = 'jc-hit-text';
    markRanges(words, hit.text || '', hit.highlights || []);
    button.appendChild(meta);
    button.appendChild(words);
    li.appendChild(button);
    return li;
  }

  /** A hit opens in the conversation: beside the results on a wide screen; on a narrow one the results give way to it. */
  function openHit(room, seq) {
    if (narrow()) { close(true); }
    deps.jumpTo(room, seq);
  }

  /**
   * Closes the results; focus goes back to the box (on a phone, whose box closes too: to its icon), unless a hit
   * was chosen (then it goes to the message).
   */
  function close(chosen) {
    var wasOpen = !el.searchPanel.hidden;
    search.token = null;
    el.searchPanel.hidden = true;
    el.searchProgress.hidden = true;
    root.classList.remove('jc-search-view');
    var phone = window.matchMedia('(max-width: 700px)').matches;
    if (phone) { showBox(false); }
    if (wasOpen && !chosen) { (phone ? el.searchToggle : el.searchInput).focus(); }
  }

  // The header's box (on a phone behind an icon), results in a panel.
  el.searchForm.addEventListener('submit', function (e) { e.preventDefault(); suggest.close(); run(false); });
  el.searchToggle.addEventListener('click', toggleBox);
  el.searchClose.addEventListener('click', function () { close(false); });
  el.searchBack.addEventListener('click', function () { close(false); });
  el.searchMore.addEventListener('click', function () { run(true); });
  el.searchRoomOnly.addEventListener('change', function () { if (search.q) { run(false); } });
  el.searchResults.addEventListener('click', function (e) {
    var hit = e.target.closest('[data-hit-seq]');
    if (hit) { openHit(Number(hit.dataset.hitRoom), Number(hit.dataset.hitSeq)); }
  });
  el.searchPanel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { e.stopPropagation(); close(false); }
  });
  el.searchInput.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && !el.searchPanel.hidden) { e.preventDefault(); close(false); }
  });

  return {close: close, suggest: suggest};
}
