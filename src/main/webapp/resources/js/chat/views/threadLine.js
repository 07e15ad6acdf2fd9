/**
 * What a message in the main list shows of threads (issue 22, item 1): under a root with replies, "3 replies ·
 * last reply 5 minutes ago" beside the initials of who took part; on a reply also sent to the room, "replied to a
 * thread". Both are buttons that open the thread (views/threadPanel.js listens for .jc-thread-open).
 */
import {avatar} from '../ui/dom.js';
import {summaryText} from '../state/threads.js';

/** deps: {store, text}. Returns line(m): the element to add to the message, or null. */
export function createThreadLine(deps) {
  var store = deps.store;
  var text = deps.text;

  return function line(m) {
    if (m.deleted && !(m.threadSummary && m.threadSummary.replies)) { return null; }
    var b;
    if (m.threadSummary && m.threadSummary.replies > 0) {
      b = opener(m.seq);
      var faces = document.createElement('span');
      faces.className = 'jc-thread-faces';
      faces.setAttribute('aria-hidden', 'true');
      (m.threadSummary.participants || []).slice(0, 5).forEach(function (p) {
        faces.appendChild(avatar(p.login, store.names.get(p.login) || p.displayName, 'jc-avatar-small'));
      });
      var summary = document.createElement('span');
      summary.className = 'jc-thread-summary';
      summary.textContent = summaryText(text, m.threadSummary);
      b.appendChild(hidden(text.t('chat.thread.open') + ': '));
      b.appendChild(faces);
      b.appendChild(summary);
    } else if (m.thread && m.alsoToRoom) {
      b = opener(m.thread);
      b.classList.add('jc-thread-link');
      b.textContent = text.t('chat.thread.repliedTo');
    } else {
      return null;
    }
    var div = document.createElement('div');
    div.className = 'jc-thread-line';
    div.appendChild(b);
    return div;
  };

  function opener(rootSeq) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'jc-thread-open';
    b.dataset.threadRoot = rootSeq;
    b.dataset.focusKey = 'thread';
    return b;
  }

  function hidden(words) {
    var span = document.createElement('span');
    span.className = 'jc-visually-hidden';
    span.textContent = words;
    return span;
  }
}
