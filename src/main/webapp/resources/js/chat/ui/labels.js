/** Small pieces of text and icons that several views show the same way: room titles, excerpts, times to come, errors. */
import {firstLine} from '../i18n/texts.js';

/** deps: {store, text, me, icons (the URL of resources/icons.svg)} */
export function createLabels(deps) {
  var store = deps.store;
  var text = deps.text;

  /** One of the page's drawn icons (resources/icons.svg), hidden from screen readers: the text beside it says it. */
  function icon(name) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', 'jc-icon');
    svg.setAttribute('aria-hidden', 'true');
    var use = document.createElementNS(ns, 'use');
    use.setAttribute('href', deps.icons + '#' + name);
    svg.appendChild(use);
    return svg;
  }

  function roomTitle(info) {
    if (info.kind === 'direct' && info.members) {
      var peer = info.members.find(function (m) { return m.login !== deps.me; }) || info.members[0];
      return store.names.get(peer.login) || peer.displayName;
    }
    return (info.kind === 'private' ? '' : '# ') + info.name;
  }

  /** The room's title in an element: a private room's name follows a lock. */
  function showRoomTitle(element, info) {
    element.textContent = roomTitle(info);
    if (info.kind === 'private') {
      element.insertBefore(document.createTextNode(' '), element.firstChild);
      element.insertBefore(icon('lock'), element.firstChild);
    }
  }

  /** A message's first line in an element; for a message of files only, the attachment icon and the word for them. */
  function showExcerpt(element, value) {
    element.textContent = firstLine(value) || text.t('chat.attachments');
    if (!firstLine(value)) { element.insertBefore(icon('attach'), element.firstChild); }
  }

  /** A time to come: the time alone today, else the day and time. */
  function untilText(until) {
    var d = new Date(until);
    return d.toDateString() === new Date().toDateString() ? text.time(d) : text.shortDateTime(d);
  }

  /** An error frame's code in the page's language. */
  function errorText(error) {
    return text.error(error, untilText);
  }

  return {icon: icon, roomTitle: roomTitle, showRoomTitle: showRoomTitle, showExcerpt: showExcerpt, untilText: untilText, errorText: errorText};
}
