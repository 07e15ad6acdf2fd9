/** A message's menu (reply, react, edit, delete, the moderator's items, report) and the emoji picker. */
import {EMOJI} from '../limits.js';
import {newClientId} from '../state/outbox.js';

import {deleteFrame, reactFrame} from '../protocol/frames.js';

/* Methods of the chat page (main.js mixes them in): `this` is the page. */
export const messageMenu = {
  messageClick(e) {
    var li = e.target.closest('li[data-seq]');
    if (!li) { return; }
    var seq = Number(li.dataset.seq);
    var m = this.store.rooms.get(this.store.current).messages.get(seq);
    if (!m) { return; }
    var target;
    if ((target = e.target.closest('.jc-menu-button'))) { this.toggleMenu(m, target); return; }
    if ((target = e.target.closest('.jc-add-reaction'))) { this.openPicker(m, target); return; }
    if ((target = e.target.closest('.jc-reaction'))) {
      this.react(m, target.dataset.emoji, target.dataset.unknown ? null : target.getAttribute('aria-pressed') !== 'true');
      return;
    }
    if ((target = e.target.closest('.jc-quote'))) { this.jumpTo(m.room, Number(target.dataset.jump)); return; }
    // A tap on a message on a touch screen opens its menu (no hover there).
    if (!m.deleted && !e.target.closest('a, button, img, textarea, input, .jc-editor')
        && matchMedia('(hover: none)').matches && !String(window.getSelection())) {
      var button = li.querySelector('.jc-menu-button');
      if (button) { this.toggleMenu(m, button); }
    }
  },

  /** Whether the reader may delete this message as its author (others' messages are a moderator's "Remove"). */
  mayDelete(m) {
    return m.author === this.me;
  },

  toggleMenu(m, opener) {
    var self = this;
    var menu = this.el.messageMenu;
    if (!menu.hidden && this.menuOpener === opener) { this.closeMenus(true); return; }
    this.closeMenus(false);
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
    item('reply', this.text.t('chat.reply'), function () { self.closeMenus(false); self.startReply(m.seq); });
    item('react', this.text.t('chat.react'), function () { self.closeMenus(false); self.openPicker(m, opener); });
    if (m.author === this.me) {
      item('edit', this.text.t('chat.edit'), function () { self.closeMenus(false); self.startEdit(m.seq, 'menu'); });
    }
    if (this.mayDelete(m)) {
      item('delete', this.text.t('chat.delete'), function () { self.closeMenus(false); self.deleteMessage(m, opener); }, true);
    }
    this.moderationItems(m, opener, item);
    this.openPopup(menu, opener);
  },

  openPicker(m, opener) {
    var self = this;
    var picker = this.el.emojiPicker;
    this.closeMenus(false);
    picker.textContent = '';
    var mine = new Set((m.reactions || []).filter(function (r) { return (r.users || []).indexOf(self.me) >= 0; })
      .map(function (r) { return r.emoji; }));
    var unknown = new Set((m.reactions || []).filter(function (r) {
      return (r.users || []).indexOf(self.me) < 0 && r.count > (r.users || []).length;
    }).map(function (r) { return r.emoji; }));
    EMOJI.forEach(function (emoji) {
      var button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('role', 'menuitemcheckbox');
      button.setAttribute('aria-checked', String(mine.has(emoji)));
      button.dataset.emoji = emoji;
      button.textContent = emoji;
      button.addEventListener('click', function () {
        self.closeMenus(true);
        self.react(m, emoji, unknown.has(emoji) ? null : !mine.has(emoji));
      });
      picker.appendChild(button);
    });
    this.openPopup(picker, opener);
  },

  /** Opens a menu next to the button that opened it (inside the window), focus on its first item. */
  openPopup(popup, opener) {
    this.menuOpener = opener;
    opener.setAttribute('aria-expanded', 'true');
    popup.hidden = false;
    var r = opener.getBoundingClientRect();
    var width = popup.offsetWidth;
    var height = popup.offsetHeight;
    var top = r.bottom + 4 + height > innerHeight ? Math.max(4, r.top - height - 4) : r.bottom + 4;
    var left = Math.min(Math.max(4, r.right - width), innerWidth - width - 4);
    popup.style.top = top + 'px';
    popup.style.left = left + 'px';
    var first = popup.querySelector('button');
    if (first) { first.focus(); }
  },

  /** Closes any open menu; back puts focus on the button that opened it (Escape, a choice made). */
  closeMenus(back) {
    var opener = this.menuOpener;
    var open = !this.el.messageMenu.hidden || !this.el.emojiPicker.hidden;
    this.el.messageMenu.hidden = true;
    this.el.emojiPicker.hidden = true;
    this.menuOpener = null;
    if (opener) {
      opener.setAttribute('aria-expanded', 'false');
      if (back && open && document.contains(opener)) { opener.focus(); }
    }
  },

  /** Arrow keys move between the items, Escape and Tab close. */
  menuKey(e, popup) {
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
      this.closeMenus(true);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      this.closeMenus(true);
    }
  },

  /** Sends an edit, deletion or reaction; an error answer comes back by its clientId. */
  act(frame, kind) {
    frame.clientId = newClientId();
    this.outbox.ask(frame.clientId, {kind: kind, room: frame.room, seq: frame.seq});
    if (!this.send(frame)) {
      this.outbox.refused(frame.clientId);
      this.showComposerError(this.text.t('chat.notNow'));
      return null;
    }
    return frame.clientId;
  },

  /** An edit, deletion or reaction was refused (receive.js has forgotten it and learnt the standing it tells of). */
  actionFailed(error, action) {
    var text = this.errorText(error);
    var editing = this.editing;
    if (action.kind === 'edit' && editing && editing.clientId === error.clientId) {
      editing.saving = null;
      editing.error = text;
      var m = this.store.rooms.get(editing.room) && this.store.rooms.get(editing.room).messages.get(editing.seq);
      if (m && editing.room === this.store.current) { this.refresh(m); }
      return;
    }
    this.showComposerError(text);
  },

  /** on: true / false, or null to let the server turn the reader's reaction over (when the page cannot tell). */
  react(m, emoji, on) {
    this.act(reactFrame(m.room, m.seq, emoji, on), 'react');
  },

  deleteMessage(m, opener) {
    if (!confirm(this.text.t('chat.confirmDeleteMessage'))) {
      if (opener && document.contains(opener)) { opener.focus(); }
      return;
    }
    this.act(deleteFrame(m.room, m.seq), 'delete');
  },

  /** The menu's items for someone else's message: a moderator removes, mutes and (public rooms) bans; everyone reports. */
  moderationItems(m, opener, item) {
    var self = this;
    var info = this.store.rooms.get(m.room).info;
    if (m.author === this.me) { return; }
    var open = function (kind) { return function () { self.closeMenus(false); self.openModerationDialog(kind, m, opener); }; };
    if (this.store.standing(info).moderates) {
      item('remove', this.text.t('chat.mod.remove'), open('remove'), true);
      if (m.author !== info.owner) {
        item('mute', this.text.t('chat.mod.mute'), open('mute'));
        if (info.kind === 'public') { item('ban', this.text.t('chat.mod.ban'), open('ban'), true); }
      }
    }
    item('report', this.text.t('chat.mod.report'), open('report'));
  },
};
