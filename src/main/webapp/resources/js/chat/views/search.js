/** Message search: the box, the results panel, opening a hit. */
import {markRanges} from '../ui/dom.js';

/* Methods of the chat page (main.js mixes them in): `this` is the page. */
export const search = {
  /** On a phone the search box hides behind an icon. */
  toggleSearchBox() {
    var root = document.getElementById('chat');
    var open = !root.classList.contains('jc-search-open');
    root.classList.toggle('jc-search-open', open);
    this.el.searchToggle.setAttribute('aria-expanded', String(open));
    if (open) { this.el.searchInput.focus(); } else { this.closeSearch(false); }
  },

  /** Runs the search in the box (more: the next page of the same search). */
  runSearch(more) {
    var self = this;
    var el = this.el;
    var search = this.search;
    if (!more) {
      var q = el.searchInput.value.trim();
      if (!q) { return; }
      search.q = q;
      search.room = el.searchRoomOnly.checked && this.store.current !== null ? this.store.current : null;
      search.next = null;
      search.count = 0;
      el.searchResults.textContent = '';
    }
    var token = search.token = {};
    el.searchPanel.hidden = false;
    el.searchPanel.classList.remove('jc-search-failed');
    el.searchProgress.hidden = false;
    el.searchResults.setAttribute('aria-busy', 'true');
    el.searchMore.hidden = true;
    el.searchStatus.textContent = this.text.t('chat.searching');
    var path = '/api/v1/search/messages?limit=20&q=' + encodeURIComponent(search.q)
      + (search.room !== null ? '&room=' + search.room : '') + (more && search.next ? '&before=' + encodeURIComponent(search.next) : '');
    var finish = function () {
      el.searchProgress.hidden = true;
      el.searchResults.removeAttribute('aria-busy');
    };
    this.api('GET', path).then(function (r) {
      if (search.token !== token) { return null; }
      if (!r.ok) {
        return r.json().catch(function () { return {}; }).then(function (problem) {
          if (search.token !== token) { return; }
          finish();
          var detail = problem.errors ? problem.errors.map(function (e) { return e.message; }).join(' ') : (problem.detail || problem.title || '');
          el.searchPanel.classList.add('jc-search-failed');
          el.searchStatus.textContent = self.text.t('chat.searchFailed') + (detail ? ' ' + detail : '');
        });
      }
      return r.json().then(function (page) {
        if (search.token !== token) { return; }
        finish();
        page.items.forEach(function (hit) { el.searchResults.appendChild(self.renderHit(hit)); });
        search.count += page.items.length;
        search.next = page.next === undefined ? null : page.next;
        el.searchMore.hidden = search.next === null;
        el.searchStatus.textContent = search.count ? self.text.plural(self.text.t('chat.searchCount'), search.count) + (search.next !== null ? '+' : '')
          : self.text.t('chat.searchNone');
        if (!more && window.matchMedia('(max-width: 900px)').matches) { el.searchClose.focus(); }
      });
    }).catch(function () {
      if (search.token !== token) { return; }
      finish();
      el.searchPanel.classList.add('jc-search-failed');
      el.searchStatus.textContent = self.text.t('chat.searchFailed');
    });
  },

  /** A hit: room, author, time, and its text with the matched words marked (built as text, never as HTML). */
  renderHit(hit) {
    var li = document.createElement('li');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'jc-hit';
    button.dataset.hitRoom = hit.room;
    button.dataset.hitSeq = hit.seq;
    var meta = document.createElement('span');
    meta.className = 'jc-hit-meta';
    var known = this.store.rooms.get(hit.room);
    var roomName = document.createElement('span');
    roomName.className = 'jc-hit-room';
    if (known) { this.showRoomTitle(roomName, known.info); } else { roomName.textContent = '# ' + hit.roomName; }
    var author = document.createElement('span');
    author.className = 'jc-hit-author';
    author.textContent = this.store.names.get(hit.author) || hit.authorName;
    var time = document.createElement('time');
    time.dateTime = hit.sentAt;
    time.textContent = this.text.shortDateTime(new Date(hit.sentAt));
    time.title = this.text.dateTime(new Date(hit.sentAt));
    meta.appendChild(roomName);
    meta.appendChild(document.createTextNode(' · '));
    meta.appendChild(author);
    meta.appendChild(document.createTextNode(' · '));
    meta.appendChild(time);
    var text = document.createElement('span');
    text.className = 'jc-hit-text';
    markRanges(text, hit.text || '', hit.highlights || []);
    button.appendChild(meta);
    button.appendChild(text);
    li.appendChild(button);
    return li;
  },

  openHit(room, seq) {
    if (window.matchMedia('(max-width: 900px)').matches) { this.closeSearch(true); }
    this.jumpTo(room, seq);
  },

  /** Closes the results; focus goes back to the box, unless a hit was chosen (then it goes to the message). */
  closeSearch(chosen) {
    var wasOpen = !this.el.searchPanel.hidden;
    this.search.token = null;
    this.el.searchPanel.hidden = true;
    this.el.searchProgress.hidden = true;
    if (wasOpen && !chosen) { this.el.searchInput.focus(); }
  },
};
