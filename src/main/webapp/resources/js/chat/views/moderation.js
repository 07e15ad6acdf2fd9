/** The moderation dialog (remove, mute, ban, report) and the short status line. */
import {format} from '../i18n/texts.js';

import {deleteFrame} from '../protocol/frames.js';

/* Methods of the chat page (main.js mixes them in): `this` is the page. */
export const moderation = {
  /** One in-page dialog asks before removing or banning, and for a mute's length or a report's reason. */
  openModerationDialog(kind, m, opener) {
    var el = this.el;
    var t = this.text.t.bind(this.text);
    var who = this.store.names.get(m.author) || m.authorName;
    this.moderating = {kind: kind, room: m.room, seq: m.seq, author: m.author, name: who, opener: opener, busy: false};
    el.moderationTitle.textContent = format({remove: t('chat.mod.removeTitle'), mute: t('chat.mod.muteTitle'), ban: t('chat.mod.banTitle'), report: t('chat.mod.reportTitle')}[kind], who);
    el.moderationText.textContent = format({remove: t('chat.mod.removeText'), mute: t('chat.mod.muteText'), ban: t('chat.mod.banText'), report: t('chat.mod.reportText')}[kind], who);
    var excerpt = document.createElement('blockquote');
    excerpt.className = 'jc-moderation-excerpt';
    this.showExcerpt(excerpt, m.text);
    el.moderationText.appendChild(excerpt);
    el.moderationDurations.hidden = kind !== 'mute';
    el.moderationDurations.querySelector('input').checked = true;
    el.moderationReasonField.hidden = kind !== 'report';
    el.moderationReason.value = '';
    el.moderationError.textContent = '';
    el.moderationConfirm.textContent = {remove: t('chat.mod.removeButton'), mute: t('chat.mod.muteButton'), ban: t('chat.mod.banButton'), report: t('chat.mod.reportButton')}[kind];
    el.moderationConfirm.classList.toggle('jc-danger-button', kind === 'remove' || kind === 'ban');
    el.moderationConfirm.disabled = false;
    el.moderationDialog.showModal();
    // Removing and banning start on Cancel: Enter alone does nothing that cannot be undone.
    ({mute: el.moderationDurations.querySelector('input'), report: el.moderationReason}[kind] || el.moderationCancel).focus();
  },

  /** Does what the dialog asked: a removal is a delete frame (the server marks it a moderator's), the rest REST. */
  confirmModeration() {
    var self = this;
    var el = this.el;
    var job = this.moderating;
    if (!job || job.busy) { return; }
    if (job.kind === 'remove') {
      this.act(deleteFrame(job.room, job.seq), 'delete');
      el.moderationDialog.close();
      return;
    }
    var path = '/api/v1/rooms/' + job.room;
    var request = job.kind === 'mute'
      ? this.api('POST', path + '/mutes', {login: job.author, minutes: Number(el.moderationDurations.querySelector('input:checked').value)})
      : job.kind === 'ban' ? this.api('POST', path + '/bans', {login: job.author})
        : this.api('POST', path + '/messages/' + job.seq + '/report', {reason: el.moderationReason.value.trim()});
    job.busy = true;
    el.moderationConfirm.disabled = true;
    request.then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (self.moderating !== job) { return; }
        if (r.ok) {
          el.moderationDialog.close();
          self.showStatus(format({mute: self.text.t('chat.mod.muted'), ban: self.text.t('chat.mod.banned'), report: self.text.t('chat.mod.reported')}[job.kind], job.name,
            body.until ? self.untilText(body.until) : ''));
          return;
        }
        el.moderationError.textContent = body.detail || (body.errors ? body.errors.map(function (e) { return e.message; }).join(' ') : body.title)
          || String(r.status);
      });
    }).catch(function () {
      if (self.moderating === job) { el.moderationError.textContent = self.text.t('chat.notNow'); }
    }).then(function () {
      job.busy = false;
      el.moderationConfirm.disabled = false;
    });
  },

  /** A short confirmation that something was done, read out by screen readers, gone after a while. */
  showStatus(text) {
    var status = this.el.chatStatus;
    clearTimeout(this.statusTimer);
    status.textContent = text;
    status.hidden = false;
    this.statusTimer = setTimeout(function () { status.hidden = true; status.textContent = ''; }, 6000);
  },
};
