/**
 * Suggestions in the search box (issue 22, item 8): typing "fr" offers from:, after from: people, after in: the
 * reader's rooms, after has: and is: their values, after a date filter today and yesterday with a YYYY-MM-DD hint;
 * in the page's language (words from <script id="search-filter-words">, the server's own table). The box is an ARIA
 * combobox: arrows move, Enter picks a chosen option (else it searches), Tab picks the chosen or first one, a click
 * picks, Escape closes. Also the "Filters" help beside the box. The pure rules are ui/searchFilters.js.
 */
import {tokenAt, parseToken, offers, offersForRooms, offersForPeople, applyOffer, wantsDate, keywordOf} from '../ui/searchFilters.js';
import {readTexts} from '../i18n/texts.js';

/** The filters the help lists, in this order (texts chat.filterHelp.<name>). */
const HELP = ['from', 'in', 'before', 'after', 'on', 'has', 'is'];

/** deps: {input, store, text, api}. Returns {suggest(), close(), isOpen(), key(e)}. */
export function createSearchSuggest(deps) {
  var input = deps.input;
  var store = deps.store;
  var text = deps.text;
  var words = readTexts(document, 'search-filter-words');
  if (!words.keywords) { words = {keywords: {}, values: {}, anyKeyword: {}, anyValue: {}}; }
  var list = document.getElementById('search-suggestions');
  var hint = document.getElementById('search-filter-hint');
  var popup = document.getElementById('search-suggest-popup');   // holds the list and the hint
  var status = document.getElementById('search-suggestions-status');
  var helpToggle = document.getElementById('search-help-toggle');
  var help = document.getElementById('search-help');
  var shown = [];          // the offers listed
  var active = -1;         // the chosen one (aria-activedescendant), -1: none
  var timer = null;
  var asked = 0;           // the latest people search: older answers are dropped

  function suggest() {
    var token = tokenAt(input.value, input.selectionStart, input.selectionEnd);
    var parsed = token ? parseToken(token.text, words) : null;
    hint.hidden = !wantsDate(parsed);
    placePopup();
    if (!parsed) { show([]); return; }
    if (parsed.kind === 'value' && parsed.filter === 'in') {
      var rooms = Array.from(store.rooms.values()).map(function (r) { return r.info; });
      show(offersForRooms(rooms, parsed.prefix, words));
      return;
    }
    if (parsed.kind === 'value' && parsed.filter === 'from') {
      people(parsed.prefix);
      return;
    }
    show(offers(parsed, words, new Date()));
  }

  /** from: people: with nothing typed yet the members of the room shown; else a search of all users (debounced). */
  function people(prefix) {
    clearTimeout(timer);
    var room = store.rooms.get(store.current);
    var members = room && (room.members || room.info.members);
    if (!prefix && members && members.length) {
      show(offersForPeople(members, prefix, words));
      return;
    }
    var mine = ++asked;
    timer = setTimeout(function () {
      deps.api('GET', '/api/v1/users?limit=9&query=' + encodeURIComponent(prefix))
        .then(function (r) { return r.ok ? r.json() : []; })
        .catch(function () { return []; })
        .then(function (found) {
          if (mine !== asked || document.activeElement !== input) { return; }
          found.forEach(function (p) { store.names.set(p.login, p.displayName); });
          show(offersForPeople(found, prefix, words));
        });
    }, 150);
  }

  function show(offered) {
    shown = offered;
    active = -1;
    list.textContent = '';
    if (!offered.length) { close(true); return; }
    offered.forEach(function (offer, i) {
      var li = document.createElement('li');
      li.id = 'search-option-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.dataset.index = String(i);
      var label = document.createElement('span');
      label.className = 'jc-filter-label';
      label.textContent = offer.label;
      li.appendChild(label);
      var detail = offer.detail || (offer.day ? text.t(offer.day === 'today' ? 'chat.today' : 'chat.yesterday') : null)
        || (offer.keep ? text.t('chat.filterHelp.' + offer.filter) : null);
      if (detail) {
        var more = document.createElement('span');
        more.className = 'jc-filter-detail';
        more.textContent = detail;
        li.appendChild(more);
      }
      list.appendChild(li);
    });
    list.hidden = false;
    placePopup();
    input.setAttribute('aria-expanded', 'true');
    input.removeAttribute('aria-activedescendant');
    status.textContent = text.plural(text.t('chat.filterSuggestions'), offered.length);
  }

  function choose(index) {
    active = index;
    Array.from(list.children).forEach(function (li, i) { li.setAttribute('aria-selected', String(i === index)); });
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', 'search-option-' + index);
      list.children[index].scrollIntoView({block: 'nearest'});
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function pick(index) {
    var offer = shown[index];
    var token = tokenAt(input.value, input.selectionStart, input.selectionEnd);
    if (!offer || !token) { close(); return; }
    var next = applyOffer(input.value, token, offer);
    input.value = next.value;
    input.setSelectionRange(next.caret, next.caret);
    input.focus();
    if (offer.keep) { suggest(); } else { close(); }
  }

  /** Closes the list (keepHint: a date's hint stays while its value is typed). */
  function close(keepHint) {
    clearTimeout(timer);
    shown = [];
    active = -1;
    list.hidden = true;
    list.textContent = '';
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    status.textContent = '';
    if (!keepHint) { hint.hidden = true; }
    placePopup();
  }

  function placePopup() { popup.hidden = list.hidden && hint.hidden; }

  function isOpen() { return !list.hidden; }

  /** The box's keys; true when the suggestions took the key. */
  function key(e) {
    if (e.isComposing) { return false; }
    if (!isOpen()) {
      if (e.key === 'ArrowDown') { suggest(); return isOpen(); }
      return false;
    }
    var n = shown.length;
    if (e.key === 'ArrowDown') { choose(active < 0 || active >= n - 1 ? 0 : active + 1); return true; }
    if (e.key === 'ArrowUp') { choose(active <= 0 ? n - 1 : active - 1); return true; }
    if (e.key === 'Enter' && active >= 0) { pick(active); return true; }
    if (e.key === 'Tab' && !e.shiftKey) { pick(active >= 0 ? active : 0); return true; }
    if (e.key === 'Escape') { close(); return true; }
    return false;
  }

  // The help: each filter with its word in the page's language.
  function renderHelp() {
    var dl = help.querySelector('dl');
    dl.textContent = '';
    HELP.forEach(function (filter) {
      var dt = document.createElement('dt');
      var code = document.createElement('code');
      code.textContent = keywordOf(filter, words) + ':' + (filter === 'has' ? words.values.file + '|' + words.values.link
        : filter === 'is' ? words.values.thread + '|' + words.values.pinned
        : filter === 'before' || filter === 'after' || filter === 'on' ? 'YYYY-MM-DD' : '…');
      dt.appendChild(code);
      var dd = document.createElement('dd');
      dd.textContent = text.t('chat.filterHelp.' + filter);
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
  }

  function toggleHelp(open) {
    if (open && !help.querySelector('dt')) { renderHelp(); }
    help.hidden = !open;
    helpToggle.setAttribute('aria-expanded', String(open));
    if (open) { close(); }
  }

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', 'search-suggestions');
  input.setAttribute('aria-expanded', 'false');
  input.addEventListener('input', suggest);
  input.addEventListener('keydown', function (e) {
    if (key(e)) { e.preventDefault(); e.stopImmediatePropagation(); }
  });
  input.addEventListener('blur', function () {
    setTimeout(function () { if (document.activeElement !== input) { close(); } }, 150);
  });
  list.addEventListener('mousedown', function (e) { e.preventDefault(); });   // the box keeps focus
  list.addEventListener('click', function (e) {
    var option = e.target.closest('[role=option]');
    if (option) { pick(Number(option.dataset.index)); }
  });
  helpToggle.addEventListener('click', function () { toggleHelp(help.hidden); });
  help.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { e.stopPropagation(); toggleHelp(false); helpToggle.focus(); }
  });
  document.addEventListener('click', function (e) {
    if (!help.hidden && !help.contains(e.target) && e.target !== helpToggle && !helpToggle.contains(e.target)) { toggleHelp(false); }
  });

  return {suggest: suggest, close: close, isOpen: isOpen, key: key};
}
