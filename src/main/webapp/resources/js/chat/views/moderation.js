/** The moderation dialog (remove, mute, ban, report) and the short status line. Owns the job the dialog asks about. */
import {format} from '../i18n/texts.js';
import {deleteFrame} from '../protocol/frames.js';

/** deps: {el, store, text, api, labels, act(frame, kind)}. Returns {open(kind, m, opener)}. */
export function createModeration(deps) {
  var el = deps.el;
  var store = deps.store;
  var text = deps.text;
  var moderating = null;   // {kind, room, seq, author, name, opener, busy}
  var statusTimer = null;

  /** One in-page dialog asks before removing or banning, and for a mute's length or a report's reason. */
  function open(kind, m, opener) {
    var t = text.t.bind(text);
    var who = store.names.get(m.author) || m.authorName;
    moderating = {kind: kind, room: m.room, seq: m.seq, author: m.author, name: who, opener: opener, busy: false};
    el.moderationTitle.textContent = format({remove: t('chat.mod.removeTitle'), mute: t('chat.mod.muteTitle'), ban: t('chat.mod.banTitle'), report: t('chat.mod.reportTitle')}[kind], who);
    el.moderationText.textContent = format({remove: t('chat.mod.removeText'), mute: t('chat.mod.muteText'), ban: t('chat.mod.banText'), report: t('chat.mod.reportText')}[kind], who);
    var excerpt = document.createElement('blockquote');
    excerpt.className = 'jc-moderation-excerpt';
    deps.labels.showExcerpt(excerpt, m.text);
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
  }

  /** Does what the dialog asked: a removal is a delete frame (the server marks it a moderator's), the rest REST. */
  function confirmJob() {
    var job = moderating;
    if (!job || job.busy) { return; }
    if (job.kind === 'remove') {
      deps.act(deleteFrame(job.room, job.seq), 'delete');
      el.moderationDialog.close();
      return;
    }
    var path = '/api/v1/rooms/' + job.room;
    var request = job.kind === 'mute'
      ? deps.api('POST', path + '/mutes', {login: job.author, minutes: Number(el.moderationDurations.querySelector('input:checked').value)})
      : job.kind === 'ban' ? deps.api('POST', path + '/bans', {login: job.author})
        : deps.api('POST', path + '/messages/' + job.seq + '/report', {reason: el.moderationReason.value.trim()});
    job.busy = true;
    el.moderationConfirm.disabled = true;
    request.then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (moderating !== job) { return; }
        if (r.ok) {
          el.moderationDialog.close();
          showStatus(format({mute: text.t('chat.mod.muted'), ban: text.t('chat.mod.banned'), report: text.t('chat.mod.reported')}[job.kind], job.name,
            body.until ? deps.labels.untilText(body.until) : ''));
          return;
        }
        el.moderationError.textContent = body.detail || (body.errors ? body.errors.map(function (e) { return e.message; }).join(' ') : body.title)
          || String(r.status);
      });
    }).catch(function () {
      if (moderating === job) { el.moderationError.textContent = text.t('chat.notNow'); }
    }).then(function () {
      job.busy = false;
      el.moderationConfirm.disabled = false;
    });
  }

  /** A short confirmation that something was done, read out by screen readers, gone after a while. */
  function showStatus(line) {
    var status = el.chatStatus;
    clearTimeout(statusTimer);
    status.textContent = line;
    status.hidden = false;
    statusTimer = setTimeout(function () { status.hidden = true; status.textContent = ''; }, 6000);
  }

  // Escape or Cancel closes the dialog; focus goes back to the message (or the input).
  el.moderationForm.addEventListener('submit', function (e) { e.preventDefault(); confirmJob(); });
  el.moderationCancel.addEventListener('click', function () { el.moderationDialog.close(); });
  el.moderationDialog.addEventListener('close', function () {
    var back = moderating && moderating.opener;
    moderating = null;
    if (back && document.contains(back)) { back.focus(); } else if (!el.composerText.hidden) { el.composerText.focus(); }
  });

  return {open: open};
}
