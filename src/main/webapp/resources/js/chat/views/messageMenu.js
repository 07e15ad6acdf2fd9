/**
 * A message's menu (reply, react, edit, delete, the moderator's items, report) and the emoji picker. Owns the
 * button that opened the open menu (focus goes back to it).
 */
import {EMOJI} from '../limits.js';
import {reactFrame, pinFrame} from '../protocol/frames.js';
import {inMainList} from '../state/threads.js';

/**
 * deps: {el, store, text, me, act(frame, kind), startReply(seq), startEdit(seq, returnTo), jumpTo(room, seq),
 * openModeration(kind, m, opener), deleteWithUndo(m, opener) (views/deleteUndo.js), openThread(room, seq, opener) (optional),
 * mayPin(m) (views/pins.js), forward(m, opener) (views/forward.js),
 * seenBy (views/receipts.js, optional)}.
 * Returns {close(back), watch(list, find(seq))}: watch gives another list of messages (a thread's) the same actions.
 */
export function createMessageMenu(deps) {
  var el = deps.el;
  var store = deps.store;
  var text = deps.text;
  var me = deps.me;
  var menuOpener = null;

  function messageClick(e, find) {
    var li = e.target.closest('li[data-seq]');
    if (!li) { return; }
    var seq = Number(li.dataset.seq);
    var m = find ? find(seq) : store.rooms.get(store.current).messages.get(seq);
    if (!m) { return; }
    var target;
    if ((target = e.target.closest('.jc-menu-button'))) { toggleMenu(m, target); return; }
    if ((target = e.target.closest('.jc-add-reaction'))) { openPicker(m, target); return; }
    if ((target = e.target.closest('.jc-reaction'))) {
      react(m, target.dataset.emoji, target.dataset.unknown ? null : target.getAttribute('aria-pressed') !== 'true');
      return;
    }
    if ((target = e.target.closest('.jc-quote'))) { deps.jumpTo(m.room, Number(target.dataset.jump)); return; }
    if ((target = e.target.closest('.jc-forwarded-origin'))) { viewOriginal(e, target); return; }   // forwarding (issue 22, item 5)
    // A tap on a message on a touch screen opens its menu (no hover there).
    if (!m.deleted && !e.target.closest('a, button, img, textarea, input, .jc-editor')
        && matchMedia('(hover: none)').matches && !String(window.getSelection())) {
      var button = li.querySelector('.jc-menu-button');
      if (button) { toggleMenu(m, button); }
    }
  }

  /** "View original" of a forward: jumps there in a room the reader is in (else the link opens the room's page). */
  function viewOriginal(e, link) {
    var room = Number(link.dataset.room);
    if (e.ctrlKey || e.metaKey || e.shiftKey || !store.rooms.has(room)) { return; }
    e.preventDefault();
    deps.jumpTo(room, Number(link.dataset.seq));
  }

  /** Whether the reader may delete this message as its author (others' messages are a moderator's "Remove"). */
  function mayDelete(m) {
    return m.author === me;
  }

  function toggleMenu(m, opener) {
    var menu = el.messageMenu;
    if (!menu.hidden && menuOpener === opener) { close(true); return; }
    close(false);
    menu.textContent = '';
    var item = function (action, label, handler, danger) {
      var li = document.createElement('li');
      li.setAttribute('role', 'none');
      var button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('role', 'menuitem');
      button.dataset.action = action;
      button.textContent = label;
      if (danger) { button.className = 'jc-danger'; }
      button.addEventListener('click', function () { handler(); });
      li.appendChild(button);
      menu.appendChild(li);
    };
    if (inMainList(m)) { item('reply', text.t('chat.reply'), function () { close(false); deps.startReply(m.seq); }); }
    // Threads (issue 22, item 1): a root's thread, or the thread a reply is in.
    if (deps.openThread) {
      item('thread', text.t('chat.thread.replyInThread'), function () { close(false); deps.openThread(m.room, m.thread || m.seq, opener); });
    }
    item('react', text.t('chat.react'), function () { close(false); openPicker(m, opener); });
    // Pins (issue 22, item 2): offered where the server's rule lets the reader pin; a refusal shows as an error line.
    if (deps.mayPin && deps.mayPin(m)) {
      item(m.pinned ? 'unpin' : 'pin', text.t(m.pinned ? 'chat.unpin' : 'chat.pin'), function () {
        close(true);
        deps.act(pinFrame(m.room, m.seq, !m.pinned), 'pin');
      });
    }
    if (deps.forward) { item('forward', text.t('chat.forward'), function () { close(false); deps.forward(m, opener); }); }   // issue 22, item 5
    if (m.author === me && inMainList(m)) {   // the edit box lives in the main list
      item('edit', text.t('chat.edit'), function () { close(false); deps.startEdit(m.seq, 'menu'); });
    }
    if (mayDelete(m)) {
      item('delete', text.t('chat.delete'), function () { close(false); deleteMessage(m, opener); }, true);
    }
    // Read receipts (issue 22, item 3): who has read it (views/receipts.js decides where that applies).
    if (deps.seenBy && deps.seenBy.applies(m)) {
      item('seen-by', text.t('chat.receipts.menu'), function () { close(false); deps.seenBy.open(m, opener); });
    }
    moderationItems(m, opener, item);
    openPopup(menu, opener);
  }

  function openPicker(m, opener) {
    var picker = el.emojiPicker;
    close(false);
    picker.textContent = '';
    var mine = new Set((m.reactions || []).filter(function (r) { return (r.users || []).indexOf(me) >= 0; })
      .map(function (r) { return r.emoji; }));
    var unknown = new Set((m.reactions || []).filter(function (r) {
      return (r.users || []).indexOf(me) < 0 && r.count > (r.users || []).length;
    }).map(function (r) { return r.emoji; }));
    EMOJI.forEach(function (emoji) {
      var button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('role', 'menuitemcheckbox');
      button.setAttribute('aria-checked', String(mine.has(emoji)));
      button.dataset.emoji = emoji;
      button.textContent = emoji;
      button.addEventListener('click', function () {
        close(true);
        react(m, emoji, unknown.has(emoji) ? null : !mine.has(emoji));
      });
      picker.appendChild(button);
    });
    openPopup(picker, opener);
  }

  /** Opens a menu next to the button that opened it (inside the window), focus on its first item. */
  function openPopup(popup, opener) {
    menuOpener = opener;
    opener.setAttribute('aria-expanded', 'true');
    popup.hidden = false;
    place(popup, opener);
    var first = popup.querySelector('button');
    if (first) { first.focus(); }
  }

  /** Puts the open menu by its button, inside the window. */
  function place(popup, opener) {
    var r = opener.getBoundingClientRect();
    var width = popup.offsetWidth;
    var height = popup.offsetHeight;
    var top = r.bottom + 4 + height > innerHeight ? Math.max(4, r.top - height - 4) : r.bottom + 4;
    var left = Math.min(Math.max(4, r.right - width), innerWidth - width - 4);
    popup.style.top = top + 'px';
    popup.style.left = left + 'px';
  }

  /** Closes any open menu; back puts focus on the button that opened it (Escape, a choice made). */
  function close(back) {
    var opener = menuOpener;
    var open = !el.messageMenu.hidden || !el.emojiPicker.hidden;
    el.messageMenu.hidden = true;
    el.emojiPicker.hidden = true;
    menuOpener = null;
    if (opener) {
      opener.setAttribute('aria-expanded', 'false');
      if (back && open && document.contains(opener)) { opener.focus(); }
    }
  }

  /** Arrow keys move between the items, Escape and Tab close. */
  function menuKey(e, popup) {
    var items = Array.from(popup.querySelectorAll('button'));
    var at = items.indexOf(document.activeElement);
    var step = {ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1}[e.key];
    if (step) {
      e.preventDefault();
      items[(at + step + items.length) % items.length].focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items[e.key === 'Home' ? 0 : items.length - 1].focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      close(true);
    }
  }

  /** on: true / false, or null to let the server turn the reader's reaction over (when the page cannot tell). */
  function react(m, emoji, on) {
    deps.act(reactFrame(m.room, m.seq, emoji, on), 'react');
  }

  /** One's own message goes at once with "Undo" for a few seconds (no question first): views/deleteUndo.js. */
  function deleteMessage(m, opener) {
    deps.deleteWithUndo(m, opener);
  }

  /** The menu's items for someone else's message: a moderator removes, mutes and (public rooms) bans; everyone reports. */
  function moderationItems(m, opener, item) {
    var info = store.rooms.get(m.room).info;
    if (m.author === me) { return; }
    var open = function (kind) { return function () { close(false); deps.openModeration(kind, m, opener); }; };
    if (store.standing(info).moderates) {
      item('remove', text.t('chat.mod.remove'), open('remove'), true);
      if (m.author !== info.owner) {
        item('mute', text.t('chat.mod.mute'), open('mute'));
        if (info.kind === 'public') { item('ban', text.t('chat.mod.ban'), open('ban'), true); }
      }
    }
    item('report', text.t('chat.mod.report'), open('report'));
  }

  // Message actions: the menu button, a reply's quote, reactions; a tap on a message on a touch screen.
  el.messageList.addEventListener('click', function (e) { messageClick(e); });
  el.messageMenu.addEventListener('keydown', function (e) { menuKey(e, el.messageMenu); });
  el.emojiPicker.addEventListener('keydown', function (e) { menuKey(e, el.emojiPicker); });
  document.addEventListener('mousedown', function (e) {
    if (!e.target.closest('.jc-menu, .jc-menu-button, .jc-add-reaction')) { close(false); }
  });
  // The open menu follows its message while the list scrolls (a new message or a "Seen by" line keeps a list read to
  // its end there); it closes once its message leaves the list's view.
  el.messages.addEventListener('scroll', function () {
    if (!menuOpener) { return; }
    var view = el.messages.getBoundingClientRect();
    var r = menuOpener.getBoundingClientRect();
    if (!document.contains(menuOpener) || r.bottom <= view.top || r.top >= view.bottom) { close(false); return; }
    place(el.messageMenu.hidden ? el.emojiPicker : el.messageMenu, menuOpener);
  }, {passive: true});

  return {close: close, watch: function (list, find) { list.addEventListener('click', function (e) { messageClick(e, find); }); }};
}
