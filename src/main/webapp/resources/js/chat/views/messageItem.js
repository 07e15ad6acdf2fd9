/** One message as DOM: author, time, quote, body, attachments, reactions, its menu button. Owns which message is highlighted. */
import {avatar} from '../ui/dom.js';
import {messageLine, mentionText} from '../ui/plainText.js';
import {isSystem, systemParts} from '../ui/systemLines.js';
import {pinMark} from '../ui/pins.js';
import {forwardedBlock} from '../ui/forwarded.js';

/**
 * deps: {store, text, me, context, labels, editing (isEditing(m), editor()), deletePending(m) (waiting for "Undo"),
 * viewImage(a, opener) (the in-page image viewer), threadLine(m) (views/threadLine.js, optional)}.
 * Returns {render(m), highlight(seq, until)}: a message jumped to stays highlighted until then, also when redrawn.
 */
export function createMessageItem(deps) {
  var store = deps.store;
  var text = deps.text;
  var me = deps.me;
  var labels = deps.labels;
  var highlighted = null;   // {seq, until}: a message jumped to

  /**
   * One message: author and time, the quote of the message it answers, the body (the server's html, "(edited)"),
   * attachments, reactions, and the menu of what the reader may do with it. Pending bubbles have no seq.
   */
  function render(m) {
    if (isSystem(m)) { return systemLine(m); }
    var li = document.createElement('li');
    var mentioned = store.mentionsMe(m) && m.author !== me;
    li.className = 'jc-message' + (m.author === me ? ' jc-mine' : '') + (m.deleted ? ' jc-deleted' : '')
      + (mentioned ? ' jc-mentions-me' : '') + (m.pinned && !m.deleted ? ' jc-pinned' : '');
    if (m.seq !== undefined) { li.dataset.seq = m.seq; }
    if (deps.deletePending && deps.deletePending(m)) { li.hidden = true; }   // deleted by the reader, "Undo" still possible
    if (m.replyTo) { li.dataset.replyTo = m.replyTo.seq; }
    if (highlighted && highlighted.seq === m.seq && m.room === store.current && Date.now() < highlighted.until) {
      li.classList.add('jc-highlight');
    }
    var meta = document.createElement('div');
    meta.className = 'jc-meta';
    meta.appendChild(avatar(m.author, store.names.get(m.author) || m.authorName));
    var name = document.createElement('button');
    name.type = 'button';
    name.className = 'jc-author';
    name.textContent = store.names.get(m.author) || m.authorName;
    name.dataset.profile = m.author;
    name.title = '@' + m.author;
    meta.appendChild(name);
    if (m.sentAt) {
      var time = document.createElement('time');
      time.dateTime = m.sentAt;
      time.textContent = text.time(new Date(m.sentAt));
      time.title = text.dateTime(new Date(m.sentAt));
      meta.appendChild(time);
    }
    if (m.pinned && !m.deleted) { meta.appendChild(pinMark(m, text, store.names, labels.icon)); }   // pins, issue 22
    li.appendChild(meta);
    if (m.replyTo && !m.deleted) { li.appendChild(quote(m)); }
    var editing = deps.editing.isEditing(m);
    var attachments = m.deleted ? [] : (m.attachments || []);
    if (m.deleted || editing || m.text || !attachments.length && !m.forwarded) {
      var body = document.createElement('div');
      body.className = 'jc-text';
      if (m.deleted) {
        body.classList.add('jc-deleted-text');
        body.textContent = m.removedByModerator ? text.t('chat.removedByModerator') : text.t('chat.deleted');
        if (m.removedByModerator) { body.classList.add('jc-removed-by-moderator'); }
      } else if (editing) {
        body.classList.add('jc-editing');
        body.appendChild(deps.editing.editor());
      } else if (typeof m.html === 'string') {
        body.classList.add('jc-rich');
        body.innerHTML = m.html;   // rendered by the server from Markdown, safe to insert (docs/protocol.md)
        markMentions(body, m);
      } else {
        body.textContent = m.text;   // a pending message: as typed
      }
      if (m.editedAt && !m.deleted && !editing) {
        var edited = document.createElement('span');
        edited.className = 'jc-edited';
        edited.textContent = '(' + text.t('chat.edited') + ')';
        edited.title = text.t('chat.editedAt') + ' ' + text.dateTime(new Date(m.editedAt));
        body.appendChild(document.createTextNode(' '));
        body.appendChild(edited);
      }
      if (m.sentAt && !editing) { body.title = text.time(new Date(m.sentAt)); }
      li.appendChild(body);
    }
    if (m.forwarded && !m.deleted) { li.appendChild(forwardedBlock(m, {text: text, store: store, context: deps.context})); }   // issue 22, item 5
    if (attachments.length) { li.appendChild(attachmentList(attachments)); }
    if (!m.deleted && m.reactions && m.reactions.length) { li.appendChild(reactionBar(m)); }
    // Threads (issue 22, item 1): a root's replies and who took part, or "replied to a thread".
    var threadLine = deps.threadLine && m.seq !== undefined ? deps.threadLine(m) : null;
    if (threadLine) { li.appendChild(threadLine); }
    if (m.seq !== undefined && !m.deleted && !editing) {
      var menu = document.createElement('button');
      menu.type = 'button';
      menu.className = 'jc-menu-button';
      menu.dataset.focusKey = 'menu';
      menu.setAttribute('aria-haspopup', 'menu');
      menu.setAttribute('aria-expanded', 'false');
      menu.setAttribute('aria-label', text.t('chat.actions') + ': ' + (store.names.get(m.author) || m.authorName) + ', '
        + (m.sentAt ? text.time(new Date(m.sentAt)) : ''));
      menu.title = text.t('chat.actions');
      menu.textContent = '⋯';
      li.appendChild(menu);
    }
    return li;
  }

  /**
   * A system line ("Alice added Bob"): one centred line in the reader's language, the people in it linked to their
   * profiles, and the time; no menu (nothing can be done with it).
   */
  function systemLine(m) {
    var li = document.createElement('li');
    li.className = 'jc-message jc-system';
    li.dataset.seq = m.seq;
    li.dataset.event = m.event && m.event.type;
    if (highlighted && highlighted.seq === m.seq && m.room === store.current && Date.now() < highlighted.until) {
      li.classList.add('jc-highlight');
    }
    var line = document.createElement('p');
    line.className = 'jc-system-text';
    systemParts(m, function (key) { return text.t(key); }, function (login) { return store.names.get(login); }).forEach(function (part) {
      if (part.login) {
        var person = document.createElement('button');
        person.type = 'button';
        person.className = 'jc-author jc-system-person';
        person.dataset.profile = part.login;
        person.title = '@' + part.login;
        person.textContent = part.text;
        line.appendChild(person);
      } else if (part.value) {
        var value = document.createElement('span');
        value.className = 'jc-system-value';
        value.textContent = part.text;
        line.appendChild(value);
      } else {
        line.appendChild(document.createTextNode(part.text));
      }
    });
    if (m.sentAt) {
      var time = document.createElement('time');
      time.dateTime = m.sentAt;
      time.textContent = text.time(new Date(m.sentAt));
      time.title = text.dateTime(new Date(m.sentAt));
      line.appendChild(document.createTextNode(' '));
      line.appendChild(time);
    }
    li.appendChild(line);
    return li;
  }

  /**
   * The start of the message answered (as it is now when held), one line of plain text: the text of its rendered
   * html, or its Markdown without the markers. Its name is its visible text (no aria-label that could differ);
   * a click goes there.
   */
  function quote(m) {
    var r = m.replyTo;
    var room = store.rooms.get(m.room);
    var original = room && (room.messages.get(r.seq) || room.changes.get(r.seq));
    var login = original ? original.author : r.author;
    var author = store.names.get(login) || (original ? original.authorName : r.authorName) || login;
    var deleted = original ? original.deleted : r.deleted;
    var excerpt = messageLine(original || r);
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'jc-quote';
    button.dataset.focusKey = 'quote';
    button.dataset.jump = r.seq;
    var inReplyTo = document.createElement('span');
    inReplyTo.className = 'jc-visually-hidden';
    inReplyTo.textContent = text.t('chat.inReplyTo') + ' ';
    var who = document.createElement('span');
    who.className = 'jc-quote-author';
    who.textContent = author;
    var colon = document.createElement('span');
    colon.className = 'jc-visually-hidden';
    colon.textContent = ': ';
    var what = document.createElement('span');
    what.className = 'jc-quote-text' + (deleted ? ' jc-deleted-text' : '');
    if (deleted) { what.textContent = text.t('chat.deleted'); } else { labels.showExcerpt(what, excerpt); }
    button.appendChild(inReplyTo);
    button.appendChild(who);
    button.appendChild(colon);
    button.appendChild(what);
    button.title = text.t('chat.showOriginal');
    return button;
  }

  /** Images as previews that open in the page's viewer (the link still works in a new tab); other files as download links with their size. */
  function attachmentList(attachments) {
    var list = document.createElement('ul');
    list.className = 'jc-attachments';
    list.setAttribute('aria-label', text.t('chat.attachments'));
    attachments.forEach(function (a) {
      var li = document.createElement('li');
      var link = document.createElement('a');
      link.href = deps.context + '/api/v1/attachments/' + a.id;
      link.target = '_blank';
      link.rel = 'noopener';
      if (a.image) {
        link.className = 'jc-image-link';
        link.title = text.t('chat.openImage') + ': ' + a.name;
        var img = document.createElement('img');
        img.src = link.href;
        img.loading = 'lazy';
        img.alt = a.name;
        img.className = 'jc-image';
        link.appendChild(img);
        link.addEventListener('click', function (e) {
          if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0 || !deps.viewImage) { return; }   // a new tab, if asked for
          e.preventDefault();
          deps.viewImage({url: link.href, name: a.name}, link);
        });
      } else {
        link.className = 'jc-file';
        link.download = a.name;
        var icon = labels.icon('file');
        var fileName = document.createElement('span');
        fileName.className = 'jc-file-name';
        fileName.textContent = a.name;
        var size = document.createElement('span');
        size.className = 'jc-file-size';
        size.textContent = ' (' + text.size(a.size) + ')';
        link.appendChild(icon);
        link.appendChild(fileName);
        link.appendChild(size);
        link.title = text.t('chat.download') + ': ' + a.name;
      }
      li.appendChild(link);
      list.appendChild(li);
    });
    return list;
  }

  /** Each kind of reaction with its count, pressed when the reader is among them; a click turns theirs on or off. */
  function reactionBar(m) {
    var bar = document.createElement('div');
    bar.className = 'jc-reactions';
    bar.setAttribute('role', 'group');
    bar.setAttribute('aria-label', text.t('chat.reactions'));
    m.reactions.forEach(function (r) {
      var users = r.users || [];
      var mine = users.indexOf(me) >= 0;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'jc-reaction' + (mine ? ' jc-reacted' : '');
      button.dataset.emoji = r.emoji;
      // Only the first 20 who reacted are listed: past them, whether the reader is one is the server's to say.
      if (!mine && r.count > users.length) { button.dataset.unknown = 'true'; }
      button.dataset.focusKey = 'react:' + r.emoji;
      button.setAttribute('aria-pressed', String(mine));
      var emoji = document.createElement('span');
      emoji.className = 'jc-reaction-emoji';
      emoji.textContent = r.emoji;
      var count = document.createElement('span');
      count.className = 'jc-reaction-count';
      count.textContent = text.number(r.count);
      button.appendChild(emoji);
      button.appendChild(count);
      var names = users.map(function (login) { return login === me ? text.t('chat.you') : store.names.get(login) || login; });
      if (r.count > users.length) { names.push('…'); }
      var label = r.emoji + ' ' + text.plural(text.t('chat.reactionCount'), r.count) + ': ' + names.join(', ');
      button.title = label;
      button.setAttribute('aria-label', label);
      bar.appendChild(button);
    });
    var add = document.createElement('button');
    add.type = 'button';
    add.className = 'jc-reaction jc-add-reaction';
    add.dataset.focusKey = 'add-reaction';
    add.setAttribute('aria-haspopup', 'menu');
    add.setAttribute('aria-expanded', 'false');
    add.setAttribute('aria-label', text.t('chat.react'));
    add.title = text.t('chat.react');
    add.textContent = '☺+';
    bar.appendChild(add);
    return bar;
  }

  /**
   * Highlights @login of the members the server says are mentioned (not inside code or links), shown by the
   * person's name where the page knows it; the login stays in the tooltip and data-login.
   */
  function markMentions(body, m) {
    if (!m.mentions || !m.mentions.length) { return; }
    var wanted = new Map(m.mentions.map(function (login) { return [login.toLowerCase(), login]; }));
    var nodes = [];
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      if (walker.currentNode.nodeValue.indexOf('@') >= 0 && !walker.currentNode.parentNode.closest('code, pre, a')) { nodes.push(walker.currentNode); }
    }
    nodes.forEach(function (node) {
      var value = node.nodeValue;
      var pattern = /@([A-Za-z0-9][A-Za-z0-9._-]*)/g;
      var fragment = document.createDocumentFragment();
      var from = 0;
      var match;
      while ((match = pattern.exec(value)) !== null) {
        if (match.index > 0 && /[A-Za-z0-9._-]/.test(value.charAt(match.index - 1))) { continue; }   // an e-mail address
        var login = match[1];
        while (login && !wanted.has(login.toLowerCase())) { login = /[._-]$/.test(login) ? login.slice(0, -1) : ''; }
        if (!login) { continue; }
        fragment.appendChild(document.createTextNode(value.slice(from, match.index)));
        var span = document.createElement('span');
        var known = wanted.get(login.toLowerCase());
        span.className = 'jc-mention' + (login.toLowerCase() === me ? ' jc-mention-me' : '');
        span.textContent = mentionText(login, store.names.get(known) || store.names.get(login));
        span.dataset.login = known;
        span.title = '@' + known;
        fragment.appendChild(span);
        from = match.index + 1 + login.length;
        pattern.lastIndex = from;
      }
      if (from > 0) {
        fragment.appendChild(document.createTextNode(value.slice(from)));
        node.parentNode.replaceChild(fragment, node);
      }
    });
  }

  return {render: render, highlight: function (seq, until) { highlighted = {seq: seq, until: until}; }};
}
